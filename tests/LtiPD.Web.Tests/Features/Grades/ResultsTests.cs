using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>
/// A designer reads back through AGS results what the LMS's gradebook holds for the columns the tool delivered to; an LMS that
/// refuses shows its words on the page instead of failing it.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class ResultsTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>, IDisposable
{
    private const string SelfAssessment = "social-self-assessment";
    private const string AgsEndpointClaim = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task TheResultsPageShowsTheScoreTheLmsHoldsAfterADelivery()
    {
        var user = Learner(0);
        var attemptId = await SubmitAsync(user);
        var row = await WaitForSentAsync(attemptId);
        var held = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub);
        var maximum = Assert.Single(env.Platform.LineItems, i => i.Id == held.LineItemId).ScoreMaximum;

        var page = await env.Driver().GetAsync($"s/{await DesignerAsync()}/grades/results");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var column = Section(page.Body, row.LineItemUrl!);
        var expected = $"{Number(held.ScoreGiven!.Value * maximum / held.ScoreMaximum!.Value)} / {Number(maximum)}";
        Assert.Matches($"<tr data-user=\"{user.Sub}\">\\s*<th scope=\"row\">{Regex.Escape(user.Name)}</th>\\s*<td class=\"result-score\">{Regex.Escape(expected)}</td>", column);
        Assert.Contains(env.Platform.Recorder.Calls, c => c.PathAndQuery.Contains("/lineitem/results?type_id=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AColumnFoundByResourceIdIsReadBackToo()
    {
        var user = Learner(1);
        var item = env.Platform.AddLineItem("Self-assessment", 100, resourceId: SelfAssessment, tag: "ltipd", resourceLinkId: null);
        var attemptId = await SubmitAsync(user, draft => ((Dictionary<string, object?>)draft.Claims[AgsEndpointClaim]!).Remove("lineitem"));
        await WaitForSentAsync(attemptId);

        var page = await env.Driver().GetAsync($"s/{await DesignerAsync()}/grades/results");

        Assert.Contains($"<tr data-user=\"{user.Sub}\">", Section(page.Body, item.Id.AbsoluteUri), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenTheLmsRefusesTheResultsItsStatusAndASentenceAreShownAndThePageIsNoError()
    {
        var attemptId = await SubmitAsync(Learner(2));
        var row = await WaitForSentAsync(attemptId);
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/results", StringComparison.Ordinal) ? 403 : null;

        var page = await env.Driver().GetAsync($"s/{await DesignerAsync()}/grades/results");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var section = Section(page.Body, row.LineItemUrl!);
        Assert.Matches("<p class=\"lms-error\" data-kind=\"Permanent\" data-status=\"403\">The LMS did not return the results. HTTP 403: The LMS refused the request.<", section);
        Assert.DoesNotContain("fault plan", section, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerIsRefusedTheResultsPage()
    {
        var outcome = await env.Driver().LaunchAsync(Learner(3));

        var page = await env.Driver().GetAsync($"s/{outcome.SessionId}/grades/results");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("role_forbidden", page.Body, StringComparison.Ordinal);
    }

    private static string Number(double value) => value.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("en"));

    /// <summary>The section of the page for the column at <paramref name="lineItemUrl"/>.</summary>
    private static string Section(string body, string lineItemUrl)
    {
        var match = Regex.Match(body, $"<section class=\"line-item\" data-line-item=\"{Regex.Escape(System.Net.WebUtility.HtmlEncode(lineItemUrl))}\"[\\s\\S]*?</section>");
        Assert.True(match.Success, $"no section for {lineItemUrl}");
        return match.Value;
    }

    private SimUser Learner(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    private async Task<string> DesignerAsync() => (await env.Driver().LaunchAsync(env.Platform.Designer)).SessionId!;

    /// <summary>Launches the self-assessment's own link (so its line item is the item's column), answers 4 everywhere, submits.</summary>
    private async Task<string> SubmitAsync(SimUser user, Action<IdTokenDraft>? mutate = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            Claims.LinkTo(draft, SelfAssessment);
            mutate?.Invoke(draft);
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        var session = outcome.SessionId!;
        var page = await env.Driver().GetAsync($"s/{session}/assess/{SelfAssessment}");
        var attemptId = Regex.Match(page.Body, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
        var items = Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value);
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Submit",
            new FormUrlEncodedContent(items.Select(i => KeyValuePair.Create($"i.{i}", "4"))));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        return attemptId;
    }

    private async Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitForSentAsync(string attemptId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().SingleAsync(g => g.AttemptId == attemptId));
            if (row.Status == (int)DeliveryStatus.Sent)
                return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Delivery of {attemptId} stayed {(DeliveryStatus)row.Status}: {row.LastError}");
            await Task.Delay(50);
        }
    }
}
