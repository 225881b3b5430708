using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Development;

/// <summary>
/// Aggregates as course designers and administrators read them: a course of five teachers shows its counts, a course of four
/// shows only that it is too small, and the researchers' CSV keeps the small course's rows with no counts in them.
/// </summary>
public sealed class DevelopmentAggregatesTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string ContextClaim = "https://purl.imsglobal.org/spec/lti/claim/context";

    [Fact]
    public async Task ACourseOfFiveShowsItsPrevalenceAndACourseOfFourIsSuppressedForDesignersAndInTheExport()
    {
        await TeachersInCourseAsync("agg-five", 5);
        await TeachersInCourseAsync("agg-four", 4);
        await using (var scope = env.Tool.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<DevelopmentAggregation>().RefreshAsync(DateTimeOffset.UtcNow, full: false, stillHeld: null, default);

        var five = await DesignerPageAsync("agg-five");
        Assert.Contains("Teachers counted: 5", five, StringComparison.Ordinal);
        var schedule = Regex.Match(five, "<tr data-indicator=\"Declared\" data-barrier=\"ScheduleConflict\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("5 of 5 (100", schedule, StringComparison.Ordinal);
        Assert.Contains("id=\"requests\"", five, StringComparison.Ordinal);

        var four = await DesignerPageAsync("agg-four");
        Assert.Contains("id=\"cohort-suppressed\"", four, StringComparison.Ordinal);
        Assert.DoesNotContain("Teachers counted", four, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"requests\"", four, StringComparison.Ordinal);
        Assert.DoesNotContain("More evening courses", four, StringComparison.Ordinal);

        using var admin = await AdminSession.SignInAsync(env.Tool.BaseUrl);
        var platformId = await env.Tool.WithDbAsync(db => Task.FromResult(db.Platforms.Select(p => p.Id).First()));
        using var csv = await admin.GetAsync($"admin/development?handler=Csv&platform={platformId}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var deployment = await env.Tool.WithDbAsync(db => Task.FromResult(db.Deployments.Select(d => d.DeploymentId).First()));
        var small = lines.Where(l => l.StartsWith("Course," + DevelopmentAggregation.CourseKey(deployment, "agg-four") + ",", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(small);
        Assert.All(small, l => Assert.EndsWith(",suppressed", l, StringComparison.Ordinal));
        Assert.All(small, l => Assert.Equal("", l.Split(',')[3]));
        Assert.Contains(lines, l => l.StartsWith("Course," + DevelopmentAggregation.CourseKey(deployment, "agg-five") + ",", StringComparison.Ordinal)
            && l.Contains("indicator:Declared,ScheduleConflict,5,5", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Learner", StringComparison.Ordinal));

        using var page = await admin.GetAsync($"admin/development?platform={platformId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"institution-teachers\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDepartmentTheLmsNamesInACustomParameterIsKeptAndAnUnresolvedSubstitutionIsNot()
    {
        var named = env.Platform.AddLearners(2);
        await LaunchWithDepartmentAsync(named[0], "Faculty of Physics");
        await LaunchWithDepartmentAsync(named[1], "$Person.address.department");

        var departments = await env.Tool.WithDbAsync(db => db.TeacherSituations.AsNoTracking()
            .Where(s => s.UserId == named[0].Sub || s.UserId == named[1].Sub).Select(s => new { s.UserId, s.Department }).ToListAsync());

        Assert.Equal("Faculty of Physics", Assert.Single(departments).Department);
        Assert.Equal(named[0].Sub, departments[0].UserId);
    }

    private async Task LaunchWithDepartmentAsync(SimUser user, string department)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
            draft.Claims["https://purl.imsglobal.org/spec/lti/claim/custom"] = new Dictionary<string, object?> { ["department"] = department });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
    }

    [Fact]
    public async Task ALearnerIsRefusedTheCourseDashboard()
    {
        var user = env.Platform.AddLearners(1)[0];
        var outcome = await env.Driver().LaunchAsync(user);

        var (status, body) = await env.Driver().GetAsync($"s/{outcome.SessionId}/development/cohort");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("id=\"heatmap\"", body, StringComparison.Ordinal);
    }

    private async Task TeachersInCourseAsync(string context, int count)
    {
        foreach (var user in env.Platform.AddLearners(count))
        {
            var outcome = await env.Driver().LaunchAsync(user, draft =>
                draft.Claims[ContextClaim] = new Dictionary<string, object?> { ["id"] = context, ["title"] = context });
            Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
            var sid = outcome.SessionId!;
            await PostAsync($"s/{sid}/development/situation", [("YearsTeaching", "3")]);
            // An attempt in the course makes the teacher a member of it for the aggregates.
            var (_, _) = await env.Driver().GetAsync($"s/{sid}/assess/social-self-assessment");
            await PostAsync($"s/{sid}/development/barriers", [("Agreement[ScheduleConflict]", "4"), ("Requests", "More evening courses")]);
        }
    }

    private async Task<string> DesignerPageAsync(string context)
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Designer, draft =>
            draft.Claims[ContextClaim] = new Dictionary<string, object?> { ["id"] = context, ["title"] = context });
        var (status, body) = await env.Driver().GetAsync($"s/{outcome.SessionId}/development/cohort");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private async Task PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
