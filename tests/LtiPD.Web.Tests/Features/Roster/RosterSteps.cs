using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>
/// What the roster tests do as the browser. Each test launches with a memberships URL of its own (the simulator's URL with a
/// marker in the query, which the simulator ignores), so the tool caches it under its own key and the recorder's calls for it
/// are that test's alone.
/// </summary>
internal sealed class RosterSteps(LtiEnvironment env)
{
    private const string NrpsClaim = "https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice";

    public const string SelfAssessment = "social-self-assessment";

    public string Marker { get; } = "roster=" + Guid.NewGuid().ToString("N")[..10];

    public string ContextId { get; } = "course-" + Guid.NewGuid().ToString("N")[..8];

    public SimUser Learner(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    /// <summary>
    /// Launches into this test's course with this test's memberships URL, or <paramref name="membershipsUrl"/> when given;
    /// <paramref name="withNrps"/> false leaves the NRPS claim out.
    /// </summary>
    public async Task<string> LaunchAsync(SimUser user, bool withNrps = true, string? membershipsUrl = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
            context["id"] = ContextId;
            context["title"] = $"Course {ContextId}";
            if (withNrps)
                ((Dictionary<string, object?>)draft.Claims[NrpsClaim]!)["context_memberships_url"] = membershipsUrl ?? env.Platform.MembershipsUrl.AbsoluteUri + "?" + Marker;
            else
                draft.Claims.Remove(NrpsClaim);
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    /// <summary>The NRPS calls the simulator recorded for this test's memberships URL.</summary>
    public IReadOnlyList<RecordedCall> MembershipCalls() =>
        env.Platform.Recorder.OfKind(RecordedCallKind.Nrps).Where(c => c.PathAndQuery.Contains(Marker, StringComparison.Ordinal)).ToList();

    /// <summary>Fails every memberships call of this test with <paramref name="status"/>, leaving other calls alone.</summary>
    public void FailMemberships(int status) =>
        env.Platform.Faults.Override = request => request.QueryString.Value?.Contains(Marker, StringComparison.Ordinal) == true ? status : null;

    public async Task WaitForCallsAsync(Func<IReadOnlyList<RecordedCall>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!done(MembershipCalls()))
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The simulator recorded {MembershipCalls().Count} memberships calls: {string.Join(", ", MembershipCalls().Select(c => c.Status))}");
            await Task.Delay(20);
        }
    }

    /// <summary>Hands in the self-assessment with every item answered 4.</summary>
    public async Task SubmitSelfAssessmentAsync(string session)
    {
        var page = await GetAsync($"s/{session}/assess/{SelfAssessment}");
        var items = Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value);
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Submit",
            new FormUrlEncodedContent(items.Select(i => KeyValuePair.Create($"i.{i}", "4"))));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
    }

    public Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => env.Driver().GetAsync(path);

    /// <summary>The user ids the teacher's peer-feedback picker offers.</summary>
    public static IReadOnlyList<string> Offered(string homeBody) =>
        Regex.Matches(homeBody, "name=\"peer\" value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The user ids listed on the cohort page.</summary>
    public static IReadOnlyList<string> Listed(string cohortBody) =>
        Regex.Matches(cohortBody, "<tr data-user=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
}
