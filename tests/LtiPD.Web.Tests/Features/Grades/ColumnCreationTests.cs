using System.Net;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>
/// With the course page's setting on, LtiPD creates one column per item that has none (AGS 2.0 §3.2.5: resourceId = item code,
/// tag ltipd, the item's title as label), and each receives exactly its item; without the line-item scope the setting is off.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class ColumnCreationTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private const string LineItemScope = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem";
    private readonly GradeSteps _steps = new(env);

    [Fact]
    public async Task WithTheCourseSettingOnEachItemGetsAColumnOfItsOwnThatReceivesExactlyIt()
    {
        var designer = await _steps.LaunchAsync(env.Platform.Designer);
        var before = (await _steps.GetAsync($"s/{designer}/design")).Body;
        Assert.Contains("id=\"create-columns\" name=\"createColumns\" value=\"true\" aria-describedby", before, StringComparison.Ordinal);
        using (var saved = await _steps.PostAsync($"s/{designer}/design?handler=Gradebook", [("createColumns", "true"), ("createColumns", "false")]))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
            Assert.Equal($"/s/{designer}/design?saved=True", saved.Headers.Location!.OriginalString);
        }
        Assert.Contains("checked=\"checked\"", (await _steps.GetAsync($"s/{designer}/design?saved=true")).Body, StringComparison.Ordinal);
        var user = env.Platform.AddLearners(1)[0];
        var session = await _steps.LaunchAsync(user);

        await _steps.SubmitBestAsync(session, "social-self-assessment");
        await _steps.SubmitBestAsync(session, "pedagogy-and-subject-test", forModule: "programming-fundamentals");

        var rows = await _steps.SettledRowsOfAsync(user, expected: 3);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Sent, (DeliveryStatus)r.Status));
        Assert.DoesNotContain(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId == _steps.PlainLinkColumn().Id);
        foreach (var row in rows)
        {
            var column = Assert.Single(env.Platform.LineItems, i => i.ResourceId == row.ResourceId);
            Assert.Equal(("ltipd", row.Label, row.ScoreMaximum), (column.Tag, column.Label, column.ScoreMaximum));
            Assert.Null(column.ResourceLinkId);
            var score = Assert.Single(env.Platform.Scores, s => s.LineItemId == column.Id);
            Assert.Equal((user.Sub, row.ScoreGiven), (score.UserId, score.ScoreGiven!.Value));
        }
        Assert.Equal(["pedagogy-and-subject-test", "programming-fundamentals", "social-self-assessment"],
            rows.Select(r => r.ResourceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithoutTheLineItemScopeTheSettingIsShownDisabledWithTheReasonAndCannotBeSwitchedOn()
    {
        var course = "no-scope-" + Guid.NewGuid().ToString("N")[..8];
        var designer = await _steps.LaunchAsync(env.Platform.Designer, draft =>
        {
            ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course;
            var ags = (Dictionary<string, object?>)draft.Claims[Claims.AgsEndpoint]!;
            ags["scope"] = ((IEnumerable<string>)ags["scope"]!).Where(s => s != LineItemScope).ToArray();
        });

        var page = (await _steps.GetAsync($"s/{designer}/design")).Body;
        using var refused = await _steps.PostAsync($"s/{designer}/design?handler=Gradebook", [("createColumns", "true")]);

        Assert.Contains("disabled=\"disabled\"", page, StringComparison.Ordinal);
        Assert.Contains("data-blocked=\"ScopeNotGranted\">Not available: the LMS does not let LtiPD manage gradebook columns", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"save-gradebook\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("id=\"error-code\">lineitem_scope_not_granted<", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.CourseGradeSettings.AnyAsync(s => s.ContextId == course)));
    }
}
