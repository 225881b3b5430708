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

        // Sent where the page's form says, as a browser would.
        var action = WebUtility.HtmlDecode(Regex.Match(home.Body, "<form method=\"post\" action=\"([^\"]+)\" id=\"invite\">").Groups[1].Value);
        Assert.Equal($"/s/{teacher}/home?handler=Invite", action);
        var invite = await PostAsync(action.TrimStart('/'),
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
        Assert.Contains("<th scope=\"col\">Your own assessment</th>", after.Body, StringComparison.Ordinal);
        Assert.Matches("<td class=\"self muted\" data-competency=\"[^\"]+\">no evidence", after.Body);
    }

    [Fact]
    public async Task TheSummaryChangesOnlyWhenThreeNewAnswersHaveArrived()
    {
        var course = "peers-" + Guid.NewGuid().ToString("N")[..8];
        var learners = Learners();
        var subject = learners[5];
        List<SimUser> raters = [.. learners.Take(5), env.Platform.Designer];
        var home = await LaunchAsync(subject, course);
        var invite = await PostAsync($"s/{home}/home?handler=Invite", raters.Select(r => ("peer", r.Sub)));
        Assert.Contains("6 colleagues invited.", invite.Body, StringComparison.Ordinal);

        // The first three raters answer 1, 2 and 3 on every item; the next three answer 5: any of them would move the summary.
        int[] values = [1, 2, 3, 5, 5, 5];
        var pages = new List<string>();
        for (var n = 0; n < raters.Count; n++)
        {
            await AnswerInvitationAsync(raters[n], subject.Name, course, values[n]);
            pages.Add((await GetAsync($"s/{home}/home")).Body);
        }

        Assert.DoesNotContain("id=\"peer-results\"", pages[1], StringComparison.Ordinal);
        Assert.Contains("2 colleagues have answered so far.", pages[1], StringComparison.Ordinal);
        var atThree = PeerResults(pages[2]);
        Assert.Contains("Combined answers of 3 colleagues", atThree, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"peer-pending\"", pages[2], StringComparison.Ordinal);
        Assert.Equal(atThree, PeerResults(pages[3]));
        Assert.Contains("<p class=\"muted\" id=\"peer-pending\" data-waiting=\"1\">1 more answer is waiting to be included.", pages[3], StringComparison.Ordinal);
        Assert.Equal(atThree, PeerResults(pages[4]));
        Assert.Contains("id=\"peer-pending\" data-waiting=\"2\"", pages[4], StringComparison.Ordinal);
        var atSix = PeerResults(pages[5]);
        Assert.Contains("Combined answers of 6 colleagues", atSix, StringComparison.Ordinal);
        Assert.NotEqual(Cells(atThree), Cells(atSix));
        Assert.DoesNotContain("id=\"peer-pending\"", pages[5], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationIsAnsweredOnceAndOnlyFromItsOwnCourse()
    {
        var course = "peers-" + Guid.NewGuid().ToString("N")[..8];
        var learners = Learners();
        var subject = await LaunchAsync(learners[2], course);
        await PostAsync($"s/{subject}/home?handler=Invite", [("peer", learners[3].Sub)]);
        var invitationId = await env.Tool.WithDbAsync(db => db.PeerInvitations
            .Where(i => i.ContextId == course && i.PeerUserId == learners[3].Sub).Select(i => i.Id).SingleAsync());

        var elsewhere = await LaunchAsync(learners[3], "other-" + course);
        var fromElsewhere = await GetAsync($"s/{elsewhere}/assess/{PeerInstrument}/{invitationId}");
        Assert.Equal(HttpStatusCode.NotFound, fromElsewhere.Status);
        Assert.Contains("invitation_not_found", fromElsewhere.Body, StringComparison.Ordinal);

        var session = await AnswerInvitationAsync(learners[3], learners[2].Name, course, 4);
        using var again = await RawPostAsync($"s/{session}/assess/{PeerInstrument}/{invitationId}?handler=Submit", [("i.x", "1")]);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("id=\"error-code\">invitation_answered<", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await env.Tool.WithDbAsync(db => db.Attempts.CountAsync(a => a.SubjectUserId == learners[2].Sub && a.ContextId == course)));
        var page = await GetAsync($"s/{session}/assess/{PeerInstrument}/{invitationId}?again=true");
        Assert.DoesNotContain("id=\"take-again\"", page.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"assessment\"", page.Body, StringComparison.Ordinal);
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
    public async Task AnInvitationWithNobodyChosenIsRefusedWithASentenceNotZeroColleaguesInvited()
    {
        var teacher = await LaunchAsync(Learners()[3]);
        using var client = env.Tool.CreateRawClient();

        using var response = await client.PostAsync($"s/{teacher}/home?handler=Invite", new StringContent("{\"peer\":\"2\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("Nobody was invited: choose at least one colleague", body, StringComparison.Ordinal);
        Assert.DoesNotContain("colleagues invited", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInviteListMarksWhoIsInvitedAndAnAnsweredRequestLeavesTheColleaguesHomePage()
    {
        var learners = Learners();
        var course = "peers-" + Guid.NewGuid().ToString("N")[..8];
        var teacher = await LaunchAsync(learners[0], course);
        await PostAsync($"s/{teacher}/home?handler=Invite", [("peer", learners[1].Sub)]);

        var home = await GetAsync($"s/{teacher}/home");
        Assert.DoesNotContain($"value=\"{learners[1].Sub}\"", home.Body, StringComparison.Ordinal);
        Assert.Matches($"<label class=\"option already-invited\"[^>]*><input type=\"checkbox\" id=\"peer-{learners[1].Sub}\" checked disabled> {Regex.Escape(learners[1].Name)} <span class=\"muted\">\\(already invited\\)</span>", home.Body);
        Assert.Contains($"value=\"{learners[2].Sub}\"", home.Body, StringComparison.Ordinal);

        var colleague = await AnswerInvitationAsync(learners[1], learners[0].Name, course, 4);

        var after = await GetAsync($"s/{colleague}/home");
        Assert.DoesNotContain("id=\"asked-of-me\"", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheInviteFormOnTheHomePageSetsNoAntiforgeryCookieAndCarriesNoToken()
    {
        var learners = Learners();
        var teacher = await LaunchAsync(learners[0]);
        using var client = env.Tool.CreateRawClient();

        using var home = await client.GetAsync($"s/{teacher}/home");

        // The session page ignores antiforgery tokens (the 256-bit session id in the path is the defence), so it makes none:
        // no cookie for the LMS frame to block and no per-render Data Protection work.
        var body = await home.Content.ReadAsStringAsync();
        Assert.Contains("id=\"invite\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", body, StringComparison.Ordinal);
        Assert.False(home.Headers.Contains("Set-Cookie"));
        Assert.Equal("no-store", home.Headers.CacheControl?.ToString());
    }

    private Task AnswerInvitationAsync(SimUser peer, string subjectName) => AnswerInvitationAsync(peer, subjectName, null, 4);

    /// <summary>Launches the colleague (into <paramref name="course"/> when given), opens the invitation from their home page and answers every item with <paramref name="value"/>.</summary>
    private async Task<string> AnswerInvitationAsync(SimUser peer, string subjectName, string? course, int value)
    {
        var session = await LaunchAsync(peer, course);
        var home = await GetAsync($"s/{session}/home");
        var link = Regex.Match(home.Body, $"href=\"(/s/{session}/assess/{PeerInstrument}/[^\"]+)\">[^<]*{Regex.Escape(subjectName)}");
        Assert.True(link.Success, "the invitation is listed on the colleague's home page");
        var page = await GetAsync(link.Groups[1].Value);
        Assert.Contains(subjectName, page.Body, StringComparison.Ordinal);
        var items = Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value);
        using var submitted = await RawPostAsync(link.Groups[1].Value.TrimStart('/') + "?handler=Submit",
            items.Select(i => ($"i.{i}", value.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/s/{session}/home?thanked=true", submitted.Headers.Location!.OriginalString);
        return session;
    }

    /// <summary>The published results table, or an empty string when there is none.</summary>
    private static string PeerResults(string home) => Regex.Match(home, "<table id=\"peer-results\">[\\s\\S]*?</table>").Value;

    private static string Cells(string table) => Regex.Match(table, "<tbody>[\\s\\S]*?</tbody>").Value;

    private List<SimUser> Learners() =>
        env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ToList();

    /// <summary>Launches <paramref name="user"/> into the simulator's course, or into <paramref name="course"/> when given.</summary>
    private async Task<string> LaunchAsync(SimUser user, string? course = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, course is null ? null : draft =>
        {
            var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
            context["id"] = course;
            context["title"] = $"Course {course}";
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => env.Driver().GetAsync(path);

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var response = await RawPostAsync(path, fields);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> RawPostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }
}
