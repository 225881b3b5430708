using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Peers;

/// <summary>
/// Peer feedback over real HTTP: a teacher invites colleagues of the course (names from the LMS roster
/// through NRPS), each invited colleague rates them, and the teacher sees the combined result only once
/// three have answered. An invitation works only for the colleague it is addressed to.
/// </summary>
public sealed class PeerFeedbackTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string PeerInstrument = "peer-feedback";

    [Fact]
    public async Task ResultsAppearOnlyAfterThreeInvitedColleaguesAnswered()
    {
        var learners = Learners();
        var teacher = await LaunchAsync(learners[0]);
        var home = await GetAsync($"s/{teacher}/home");
        foreach (var colleague in learners.Skip(1))
            Assert.Contains($"value=\"{colleague.Sub}\"", home.Body, StringComparison.Ordinal); // the roster came from NRPS

        var invite = await PostAsync($"s/{teacher}/home?handler=Invite",
            [("peer", learners[1].Sub), ("peer", learners[2].Sub), ("peer", learners[3].Sub), ("peer", "not-in-this-course"), ("peer", learners[0].Sub)]);
        Assert.Contains("3 colleagues invited.", invite.Body, StringComparison.Ordinal);

        for (var n = 1; n <= 3; n++)
        {
            Assert.DoesNotContain("id=\"peer-results\"", (await GetAsync($"s/{teacher}/home")).Body, StringComparison.Ordinal);
            await AnswerInvitationAsync(learners[n], learners[0].Name);
        }

        var after = await GetAsync($"s/{teacher}/home");
        Assert.Contains("id=\"peer-results\"", after.Body, StringComparison.Ordinal);
        Assert.Contains("Combined answers of 3 colleagues", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationOpensOnlyForTheColleagueItIsAddressedTo()
    {
        var learners = Learners();
        var teacher = await LaunchAsync(learners[4]);
        await PostAsync($"s/{teacher}/home?handler=Invite", [("peer", learners[1].Sub)]);
        var invitationId = await env.Tool.WithDbAsync(db => db.PeerInvitations
            .Where(i => i.SubjectUserId == learners[4].Sub && i.PeerUserId == learners[1].Sub).Select(i => i.Id).SingleAsync());

        var stranger = await LaunchAsync(learners[2]);
        var refused = await GetAsync($"s/{stranger}/assess/{PeerInstrument}/{invitationId}");
        var withoutInvitation = await GetAsync($"s/{teacher}/assess/{PeerInstrument}");

        Assert.Equal(HttpStatusCode.NotFound, refused.Status);
        Assert.Contains("invitation_not_found", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, withoutInvitation.Status);
        Assert.Equal(0, await env.Tool.WithDbAsync(db => db.Attempts.CountAsync(a => a.SubjectUserId == learners[4].Sub)));
    }

    [Fact]
    public async Task AnInvitationPostThatIsNotAFormInvitesNobodyAndIsNoError()
    {
        var teacher = await LaunchAsync(Learners()[3]);
        using var client = env.Tool.CreateRawClient();

        using var response = await client.PostAsync($"s/{teacher}/home?handler=Invite", new StringContent("{\"peer\":\"2\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("0 colleagues invited.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task AnswerInvitationAsync(SimUser peer, string subjectName)
    {
        var session = await LaunchAsync(peer);
        var home = await GetAsync($"s/{session}/home");
        var link = Regex.Match(home.Body, $"href=\"(/s/{session}/assess/{PeerInstrument}/[^\"]+)\">[^<]*{Regex.Escape(subjectName)}");
        Assert.True(link.Success, "the invitation is listed on the colleague's home page");
        var page = await GetAsync(link.Groups[1].Value);
        Assert.Contains(subjectName, page.Body, StringComparison.Ordinal);
        var items = Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value);
        using var client = env.Tool.CreateRawClient();
        using var submitted = await client.PostAsync(link.Groups[1].Value.TrimStart('/') + "?handler=Submit",
            new FormUrlEncodedContent(items.Select(i => KeyValuePair.Create($"i.{i}", "4"))));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/s/{session}/home?thanked=true", submitted.Headers.Location!.OriginalString);
    }

    private List<SimUser> Learners() =>
        env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ToList();

    private async Task<string> LaunchAsync(SimUser user)
    {
        var outcome = await env.Driver().LaunchAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => env.Driver().GetAsync(path);

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
