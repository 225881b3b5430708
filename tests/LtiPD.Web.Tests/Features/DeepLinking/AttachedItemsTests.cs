using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.DeepLinking;

/// <summary>
/// The course page lists what was attached to the course through the tool's Deep Linking responses, over real HTTP: the
/// designer picks an item, the platform simulator receives the signed response and places the link, a teacher launches it,
/// and the designer's page shows the item, whether it was launched, and the column the LMS lists for it.
/// </summary>
public sealed class AttachedItemsTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>, IDisposable
{
    private const string SelfAssessment = "social-self-assessment";

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task AnItemAttachedThroughDeepLinkingIsListedAndMarkedLaunchedOnceALaunchOfItsLinkArrives()
    {
        var course = NewCourse();
        var link = await AttachAsync(course, SelfAssessment, "Where I stand socially", points: "40");
        var designer = await LaunchAsync(env.Platform.Designer, course);

        var before = await PageAsync(designer);
        await LaunchAsync(env.Platform.Teacher, course, draft => OpenLink(draft, link));
        var after = await PageAsync(designer);

        var row = Row(before, SelfAssessment);
        Assert.Contains("data-kind=\"Assessment\" data-launched=\"no\"", row, StringComparison.Ordinal);
        Assert.Contains("Where I stand socially", row, StringComparison.Ordinal);
        Assert.Contains("<td>40</td>", row, StringComparison.Ordinal);
        Assert.Contains(env.Platform.Designer.Name, row, StringComparison.Ordinal);
        Assert.Contains("Not launched yet", row, StringComparison.Ordinal);
        // The simulator made the column the response declared: the page finds it by resourceId and tag.
        Assert.Contains("<td class=\"column\">Where I stand socially</td>", row, StringComparison.Ordinal);
        Assert.Matches($"<tr data-resource=\"{SelfAssessment}\" data-tag=\"ltipd\">", before);
        Assert.DoesNotContain("id=\"attached-empty\"", before, StringComparison.Ordinal);
        Assert.Contains("data-launched=\"yes\"", Row(after, SelfAssessment), StringComparison.Ordinal);
        Assert.Contains("Launched (first on", Row(after, SelfAssessment), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACourseWithNothingAttachedSaysHowToAttachSomething()
    {
        var designer = await LaunchAsync(env.Platform.Designer, NewCourse());

        var page = await PageAsync(designer);

        Assert.Contains("id=\"attached-empty\"", page, StringComparison.Ordinal);
        Assert.Contains("use its content selection (Deep Linking)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"attached-items\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherCourseDoesNotSeeTheItemsAndALaunchThereDoesNotMarkThemLaunched()
    {
        var course = NewCourse();
        var elsewhere = NewCourse();
        var link = await AttachAsync(course, "module:reflective-practice", "Reflect on a lesson", points: "100");
        // The same link's custom parameter, launched in another course: not a launch of this course's item.
        await LaunchAsync(env.Platform.Teacher, elsewhere, draft => OpenLink(draft, link));
        var designerHere = await LaunchAsync(env.Platform.Designer, course);
        var designerElsewhere = await LaunchAsync(env.Platform.Designer, elsewhere);

        var here = await PageAsync(designerHere);
        var there = await PageAsync(designerElsewhere);

        Assert.Contains("data-kind=\"Module\" data-launched=\"no\"", Row(here, "reflective-practice"), StringComparison.Ordinal);
        Assert.Contains("id=\"attached-empty\"", there, StringComparison.Ordinal);
        Assert.Equal("(no row for reflective-practice)", Row(there, "reflective-practice"));
    }

    [Fact]
    public async Task WhenTheLmsDoesNotAnswerThePageStillListsWhatIsRecordedAndSaysTheGradebookWasNotRead()
    {
        var course = NewCourse();
        await AttachAsync(course, SelfAssessment, "Self-check", points: "28");
        var designer = await LaunchAsync(env.Platform.Designer, course);
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/lineitems", StringComparison.Ordinal) ? 503 : null;

        var (status, page) = await env.Driver().GetAsync($"s/{designer}/design");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-state=\"Unreadable\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"columns-unreadable\" data-status=\"503\">", page, StringComparison.Ordinal);
        Assert.Contains("HTTP 503: The LMS is busy or down for now.", page, StringComparison.Ordinal);
        Assert.Contains("<td class=\"column\">unknown: the gradebook was not read</td>", Row(page, SelfAssessment), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerIsRefusedTheCoursePage()
    {
        var teacher = await LaunchAsync(env.Platform.Teacher, NewCourse());

        var (status, page) = await env.Driver().GetAsync($"s/{teacher}/design");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("id=\"error-code\">role_forbidden<", page, StringComparison.Ordinal);
    }

    private static string NewCourse() => "attach-" + Guid.NewGuid().ToString("N")[..8];

    private Task<SimResourceLink> AttachAsync(string course, string choice, string title, string points) =>
        DeepLinkingRoundTrip.AttachAsync(env, draft => InCourse(draft, course), choice, title, points);

    private async Task<string> LaunchAsync(SimUser user, string course, Action<IdTokenDraft>? also = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            InCourse(draft, course);
            also?.Invoke(draft);
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private async Task<string> PageAsync(string designer)
    {
        var (status, body) = await env.Driver().GetAsync($"s/{designer}/design");
        Assert.Equal(HttpStatusCode.OK, status);
        return body;
    }

    private static void InCourse(IdTokenDraft draft, string course)
    {
        var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
        context["id"] = course;
        context["title"] = "Course " + course;
    }

    /// <summary>A launch of the placed link: its id, and the custom parameters the platform sends back with it (LTI Core §5.4.6).</summary>
    private static void OpenLink(IdTokenDraft draft, SimResourceLink link)
    {
        ((Dictionary<string, object?>)draft.Claims[Claims.ResourceLink]!)["id"] = link.Id;
        draft.Claims[Claims.Custom] = link.Custom.ToDictionary(p => p.Key, p => (object?)p.Value);
    }

    private static string Row(string page, string code) =>
        Regex.Match(page, $"<tr data-item=\"{Regex.Escape(code)}\"[\\s\\S]*?</tr>") is { Success: true } m ? m.Value : $"(no row for {code})";
}
