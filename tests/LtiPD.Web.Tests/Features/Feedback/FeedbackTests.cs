using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Domain.People;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Feedback;
using LtiPD.Web.Tests.Features.Modules;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static LtiPD.Web.Tests.Features.Feedback.FeedbackSteps;

namespace LtiPD.Web.Tests.Features.Feedback;

/// <summary>
/// The feedback loop over real HTTP with the platform simulator: a teacher answers three questions after completing a module and
/// may change the answers; designers see a course's answers per module only for groups of at least five; other platforms' answers
/// never reach them; administrators see the institution's.
/// </summary>
public sealed class FeedbackTests(DesignEnvironment env) : IClassFixture<DesignEnvironment>
{
    [Fact]
    public async Task TheFormAppearsOnTheModulePageOnlyOnceTheModuleIsCompleted()
    {
        var course = NewCourse();
        var user = env.Platform.AddLearners(1)[0];
        var sid = await LaunchInAsync(env.Driver(), user, course);

        var (_, open) = await env.Driver().GetAsync($"s/{sid}/modules/{Module}");
        await CompleteAsync(env.Tool, env.Platform, user, course);
        var (_, completed) = await env.Driver().GetAsync($"s/{sid}/modules/{Module}");

        Assert.DoesNotContain("id=\"feedback\"", open, StringComparison.Ordinal);
        Assert.Contains("id=\"feedback\"", completed, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(completed, "<fieldset class=\"item\" data-question="));
        Assert.Equal(15, Regex.Count(completed, "<input type=\"radio\" id=\"feedback-"));
        Assert.Contains("<label for=\"feedback-useful-5\">", completed, StringComparison.Ordinal);
        Assert.Contains("maxlength=\"1000\"", completed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAreSavedThenChangedAndTheTeacherSeesThemAgain()
    {
        var course = NewCourse();
        var user = env.Platform.AddLearners(1)[0];
        var sid = await LaunchInAsync(env.Driver(), user, course);
        await CompleteAsync(env.Tool, env.Platform, user, course);

        using var first = await AnswerAsync(env.Tool, sid, Module, "4", "5", "3", "  Useful examples.\r\n");
        var (_, saved) = await env.Driver().GetAsync(first.Headers.Location!.OriginalString);
        using var second = await AnswerAsync(env.Tool, sid, Module, "2", "2", "1", "");
        var (_, changed) = await env.Driver().GetAsync($"s/{sid}/modules/{Module}");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal($"/s/{sid}/modules/{Module}?feedback=saved#feedback", first.Headers.Location!.OriginalString);
        Assert.Contains("id=\"feedback-saved\"", saved, StringComparison.Ordinal);
        Assert.Matches("id=\"feedback-useful-4\"[^>]*checked", saved);
        Assert.Contains(">Useful examples.</textarea>", saved, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Matches("id=\"feedback-recommend-1\"[^>]*checked", changed);
        Assert.DoesNotContain("id=\"feedback-saved\"", changed, StringComparison.Ordinal);
        var row = Assert.Single(await AnswersOfAsync(user));
        Assert.Equal((2, 2, 1, (string?)null), (row.Useful, row.Relevant, row.Recommend, row.Comment));
    }

    [Theory]
    [InlineData("6", "3", "3", null, HttpStatusCode.BadRequest, AnswerModel.InvalidRating)]
    [InlineData("0", "3", "3", null, HttpStatusCode.BadRequest, AnswerModel.InvalidRating)]
    [InlineData("3", null, "3", null, HttpStatusCode.BadRequest, AnswerModel.InvalidRating)]
    [InlineData("3", "3", "four", null, HttpStatusCode.BadRequest, AnswerModel.InvalidRating)]
    [InlineData("3", "3", "3", 1001, HttpStatusCode.BadRequest, AnswerModel.CommentTooLong)]
    public async Task BadAnswersAreRefusedWithACodeAndASentenceAndNothingIsStored(
        string useful, string? relevant, string recommend, int? commentLength, HttpStatusCode status, string code)
    {
        var course = NewCourse();
        var user = env.Platform.AddLearners(1)[0];
        var sid = await LaunchInAsync(env.Driver(), user, course);
        await CompleteAsync(env.Tool, env.Platform, user, course);

        using var response = await AnswerAsync(env.Tool, sid, Module, useful, relevant, recommend, commentLength is { } n ? new string('x', n) : null);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(status, response.StatusCode);
        Assert.Contains($"id=\"error-code\">{code}<", body, StringComparison.Ordinal);
        Assert.Contains("class=\"refusal-message\">", body, StringComparison.Ordinal);
        Assert.Contains("id=\"back-to-module\"", body, StringComparison.Ordinal);
        Assert.Empty(await AnswersOfAsync(user));
    }

    [Fact]
    public async Task AnswersAboutAModuleNotCompletedHereAreRefusedInTheTeachersLanguage()
    {
        var user = env.Platform.AddLearners(1)[0];
        var elsewhere = NewCourse();
        await CompleteAsync(env.Tool, env.Platform, user, elsewhere);
        var sid = (await env.Driver().LaunchAsync(user, draft =>
        {
            ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = NewCourse();
            draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = "ru_RU", ["document_target"] = "iframe" };
        })).SessionId!;

        using var response = await AnswerAsync(env.Tool, sid, Module, "5", "5", "5");
        using var unknown = await AnswerAsync(env.Tool, sid, "no-such-module", "5", "5", "5");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"id=\"error-code\">{AnswerModel.NotCompleted}<", body, StringComparison.Ordinal);
        Assert.Contains("здесь этот модуль ещё не завершён", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty(await AnswersOfAsync(user));
    }

    [Fact]
    public async Task DesignersSeeAGroupOfFourSuppressedAndAGroupOfFiveWithMeansDistributionsAndComments()
    {
        var course = NewCourse();
        var designer = await LaunchInAsync(env.Driver(), env.Platform.Designer, course);
        var teachers = env.Platform.AddLearners(5);
        var ratings = new[] { "5", "4", "4", "2", "5" };
        for (var i = 0; i < 4; i++)
            await AnswerAfterCompletingAsync(env.Platform, teachers[i], course, ratings[i], $"Comment {i}");

        var (status, four) = await env.Driver().GetAsync($"s/{designer}/programmes/feedback");
        await AnswerAfterCompletingAsync(env.Platform, teachers[4], course, ratings[4], null);
        var (_, five) = await env.Driver().GetAsync($"s/{designer}/programmes/feedback");

        Assert.Equal(HttpStatusCode.OK, status);
        var fewer = ModuleSection(four, Module);
        Assert.Contains("data-suppressed=\"true\"", fewer, StringComparison.Ordinal);
        Assert.Contains("Fewer than 5 people have answered about this module.", fewer, StringComparison.Ordinal);
        Assert.DoesNotContain("Comment 0", four, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"mean\"", four, StringComparison.Ordinal);
        var shown = ModuleSection(five, Module);
        Assert.Contains("data-suppressed=\"false\"", shown, StringComparison.Ordinal);
        Assert.Contains("<caption>Answers of 5 people</caption>", shown, StringComparison.Ordinal);
        Assert.Contains("<tr data-question=\"useful\">", shown, StringComparison.Ordinal);
        Assert.Contains("data-mean=\"4.00\"", shown, StringComparison.Ordinal);
        // Useful: one 2, two 4s, two 5s.
        Assert.Contains("<td class=\"count\">0</td><td class=\"count\">1</td><td class=\"count\">0</td><td class=\"count\">2</td><td class=\"count\">2</td>",
            Regex.Replace(Regex.Match(shown, "<tr data-question=\"useful\">.*?</tr>", RegexOptions.Singleline).Value, @">\s+<", "><"), StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(shown, "<li class=\"submitted-text\">Comment \\d</li>"));
        Assert.Contains("data-suppressed=\"true\"", ModuleSection(five, "course-design"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherPlatformsAnswersNeverReachThisPlatformsDesigners()
    {
        await using var other = await PlatformSimulatorHost.StartAsync(new SimulatorOptions());
        await LtiEnvironment.RegisterAsync(env.Tool, other.Platform);
        // The same context id on both platforms: the course is told apart by its platform, not by its id.
        var course = NewCourse();
        foreach (var teacher in other.Platform.AddLearners(5))
        {
            await CompleteAsync(env.Tool, other.Platform, teacher, course);
            var sid = await LaunchInAsync(new LaunchDriver(env.Tool, other.Platform), teacher, course);
            using var answered = await AnswerAsync(env.Tool, sid, Module, "1", "1", "1", "Other platform's comment");
            Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        }
        var theirs = await LaunchInAsync(new LaunchDriver(env.Tool, other.Platform), other.Platform.Designer, course);
        var ours = await LaunchInAsync(env.Driver(), env.Platform.Designer, course);

        var (_, theirPage) = await env.Driver().GetAsync($"s/{theirs}/programmes/feedback");
        var (_, ourPage) = await env.Driver().GetAsync($"s/{ours}/programmes/feedback");

        Assert.Contains("data-suppressed=\"false\"", ModuleSection(theirPage, Module), StringComparison.Ordinal);
        Assert.Contains("data-suppressed=\"true\"", ModuleSection(ourPage, Module), StringComparison.Ordinal);
        Assert.DoesNotContain("Other platform", ourPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerGetsThe403PageForTheDesignersFeedbackView()
    {
        var sid = await LaunchInAsync(env.Driver(), env.Platform.AddLearners(1)[0], NewCourse());

        var (status, body) = await env.Driver().GetAsync($"s/{sid}/programmes/feedback");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("id=\"error-code\">role_forbidden<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdministratorsSeeTheInstitutionsAnswersAndOthersAreSentToSignIn()
    {
        var course = NewCourse();
        foreach (var teacher in env.Platform.AddLearners(5))
            await AnswerAfterCompletingAsync(env.Platform, teacher, course, "3", "Institution-wide comment");
        using var nobody = env.Tool.CreateRawClient();
        using var anonymous = await nobody.GetAsync("admin/feedback");
        using var client = await env.AdminClientAsync();

        var page = await client.GetStringAsync("admin/feedback");
        var admin = await client.GetStringAsync("admin");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/admin/login", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("data-suppressed=\"false\"", ModuleSection(page, Module), StringComparison.Ordinal);
        Assert.Contains("Institution-wide comment", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/feedback\"", admin, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RoutePlanningReadsATeachersOwnAnswersAndACoursesSatisfactionWithoutASession()
    {
        var course = NewCourse();
        var teachers = env.Platform.AddLearners(5);
        foreach (var teacher in teachers)
            await AnswerAfterCompletingAsync(env.Platform, teacher, course, "4", null);
        await using var scope = env.Tool.Services.CreateAsyncScope();
        var satisfaction = scope.ServiceProvider.GetRequiredService<ModuleSatisfaction>();
        var platformId = await env.Tool.WithDbAsync(db => db.Platforms.Where(p => p.Issuer == env.Platform.Issuer).Select(p => p.Id).SingleAsync());

        var own = Assert.Single(await satisfaction.ForTeacherAsync(new PersonScope(platformId, env.Platform.DeploymentId, teachers[0].Sub), default));
        var courseWide = Assert.Single(await satisfaction.ForCourseAsync(new CourseScope(platformId, env.Platform.DeploymentId, course), default));

        Assert.Equal((course, Module, 4.0), (own.ContextId, own.ModuleCode, own.Mean));
        Assert.Equal((Module, 5), (courseWide.ModuleCode, courseWide.Respondents));
        Assert.All(courseWide.Questions, q => Assert.Equal(4.0, q.Mean));
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    public void TheToolRefusesToStartWithAMinimumGroupBelowFiveAndNamesTheSetting(string minimum)
    {
        var refused = Assert.ThrowsAny<OptionsValidationException>(() =>
            new ToolFactory(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string> { ["Feedback:MinimumGroup"] = minimum }).Dispose());

        Assert.Contains("Feedback:MinimumGroup", refused.Message, StringComparison.Ordinal);
    }

    private async Task AnswerAfterCompletingAsync(SimulatedPlatform platform, SimUser teacher, string course, string rating, string? comment)
    {
        await CompleteAsync(env.Tool, platform, teacher, course);
        var sid = await LaunchInAsync(env.Driver(), teacher, course);
        using var answered = await AnswerAsync(env.Tool, sid, Module, rating, rating, rating, comment);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
    }

    private Task<List<LtiPD.Data.Entities.ModuleFeedbackEntity>> AnswersOfAsync(SimUser user) =>
        env.Tool.WithDbAsync(db => (
            from f in db.ModuleFeedback.AsNoTracking()
            join c in db.ModuleCompletions.AsNoTracking() on f.CompletionId equals c.Id
            where c.UserId == user.Sub
            select f).ToListAsync());

    private static string ModuleSection(string page, string module) =>
        Regex.Match(page, $"<article aria-labelledby=\"fb-module-{module}\".*?</article>", RegexOptions.Singleline).Value;
}
