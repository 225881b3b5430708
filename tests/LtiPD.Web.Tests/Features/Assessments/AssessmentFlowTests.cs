using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Assessments;

/// <summary>
/// Taking an assessment over real HTTP against the tool on 127.0.0.1 and a real SQLite file: answers are
/// kept across launches, bad answers are refused with their code while the others stay, a submitted
/// attempt is closed, and one teacher never reaches another's attempt.
/// </summary>
public sealed class AssessmentFlowTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string SelfAssessment = "social-self-assessment";

    [Fact]
    public async Task AnswersSavedInOneLaunchAreThereInTheNext()
    {
        var user = Learner(0);
        var first = await LaunchAsync(user);
        var page = await GetAsync($"s/{first}/assess/{SelfAssessment}");
        var items = ItemCodes(page.Body);
        var half = items.Take(items.Count / 2).ToList();

        using var saved = await PostAsync($"s/{first}/assess/{SelfAssessment}?handler=Save", half.Select(i => ($"i.{i}", "4")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var second = await LaunchAsync(user);
        Assert.NotEqual(first, second);
        var resumed = await GetAsync($"s/{second}/assess/{SelfAssessment}");
        foreach (var item in half)
            Assert.Matches($"id=\"{Regex.Escape(item)}-4\"[^>]*checked", resumed.Body);
        Assert.Contains($"{half.Count} of {items.Count} answered", resumed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachAnswerIsSavedAsItIsGivenAndCountsTowardsProgress()
    {
        var session = await LaunchAsync(Learner(1));
        var page = await GetAsync($"s/{session}/assess/{SelfAssessment}");
        var attemptId = AttemptId(page.Body);
        var item = ItemCodes(page.Body)[0];

        using var response = await PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Answer&attemptId={attemptId}", [($"i.{item}", "2")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(json.RootElement.GetProperty("saved").GetBoolean());
        Assert.Equal(1, json.RootElement.GetProperty("answered").GetInt32());
        Assert.Equal(2, await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId && r.ItemCode == item).Select(r => r.LikertValue!.Value).SingleAsync()));
    }

    [Fact]
    public async Task AnAnswerOffTheScaleIsRefusedWithItsCodeAndTheOtherAnswersAreKept()
    {
        var session = await LaunchAsync(Learner(2));
        var page = await GetAsync($"s/{session}/assess/{SelfAssessment}");
        var attemptId = AttemptId(page.Body);
        var items = ItemCodes(page.Body);

        using var response = await PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Save", [($"i.{items[0]}", "9"), ($"i.{items[1]}", "5")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("<code>answer_invalid</code>", body, StringComparison.Ordinal);
        var stored = await env.Tool.WithDbAsync(db => db.Responses.Where(r => r.AttemptId == attemptId).Select(r => r.ItemCode).ToListAsync());
        Assert.Equal([items[1]], stored);
    }

    [Fact]
    public async Task AnAnswerRefusedWhileSavingAsYouGoIsExplainedInTheSessionsLanguageWithoutTheItemCode()
    {
        var outcome = await env.Driver().LaunchAsync(Learner(2), draft =>
            draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = "ru_RU", ["document_target"] = "iframe" });
        var session = outcome.SessionId!;
        var page = await GetAsync($"s/{session}/assess/{SelfAssessment}");
        var attemptId = AttemptId(page.Body);
        var item = ItemCodes(page.Body)[0];

        using var response = await PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Answer&attemptId={attemptId}", [($"i.{item}", "9")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(json.RootElement.GetProperty("saved").GetBoolean());
        Assert.Equal("answer_invalid", json.RootElement.GetProperty("error").GetString());
        var message = json.RootElement.GetProperty("message").GetString()!;
        Assert.StartsWith("Ответ не удалось сохранить", message, StringComparison.Ordinal);
        Assert.DoesNotContain(item, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASubmittedAttemptShowsLevelsAndChartsAndCannotChangeAnymore()
    {
        var session = await LaunchAsync(Learner(3));
        var page = await GetAsync($"s/{session}/assess/{SelfAssessment}");
        var attemptId = AttemptId(page.Body);
        var items = ItemCodes(page.Body);

        using var submit = await PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Submit", items.Select(i => ($"i.{i}", "5")));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Equal($"/s/{session}/result/{attemptId}", submit.Headers.Location!.OriginalString);

        var result = await GetAsync($"s/{session}/result/{attemptId}");
        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Matches("<table id=\"levels\">", result.Body);
        Assert.Equal(7, Regex.Count(result.Body, "<tr data-competency=")); // the seven social competencies
        Assert.Contains("<svg", result.Body, StringComparison.Ordinal);
        Assert.Matches("id=\"radar-figure\">\\s*<svg", result.Body);
        Assert.DoesNotContain("id=\"pyramid-figure\"", result.Body, StringComparison.Ordinal); // the pyramid spans attempts: the profile page
        Assert.Contains($"href=\"/s/{session}/profile\"", result.Body, StringComparison.Ordinal);
        var profile = await GetAsync($"s/{session}/profile");
        Assert.Matches("id=\"pyramid-figure\">\\s*<svg", profile.Body);
        var grade = await env.Tool.WithDbAsync(db => db.Attempts.Where(a => a.Id == attemptId).Select(a => new { a.ScoreGiven, a.ScoreMaximum }).SingleAsync());
        Assert.NotNull(grade.ScoreGiven);
        Assert.Equal(items.Count, grade.ScoreMaximum);

        using var late = await PostAsync($"s/{session}/assess/{SelfAssessment}?handler=Answer&attemptId={attemptId}", [($"i.{items[0]}", "1")]);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("attempt_submitted", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKnowledgeTestResultShowsTheSparseKsaMatrixOfTheSubject()
    {
        const string test = "pedagogy-and-subject-test";
        var session = await LaunchAsync(Learner(1));
        var page = await GetAsync($"s/{session}/assess/{test}");
        // Choose the first option of every question: some right, some wrong.
        var answers = Regex.Matches(page.Body, "name=\"(i\\.[^\"]+)\" value=\"([^\"]+)\"")
            .GroupBy(m => m.Groups[1].Value).Select(g => (g.Key, g.First().Groups[2].Value));

        using var submit = await PostAsync($"s/{session}/assess/{test}?handler=Submit", answers);
        Assert.True(submit.StatusCode == HttpStatusCode.Redirect, await submit.Content.ReadAsStringAsync());
        var result = await GetAsync(submit.Headers.Location!.OriginalString);

        var matrix = Regex.Match(result.Body, "<table class=\"ksa-matrix\".*?</table>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(matrix);
        var elements = Regex.Count(Regex.Match(matrix, "<thead>.*?</thead>", RegexOptions.Singleline).Value, "<th scope=\"col\">") - 1;
        var cells = Regex.Count(matrix, "<td class=\"ksa-");
        Assert.Equal(5 * elements, cells);
        Assert.True(Regex.Count(matrix, "<td class=\"ksa-none\"") > 0, "the matrix is sparse: not every element is studied at every level");
        Assert.True(Regex.Count(matrix, "<td class=\"ksa-(formed|notformed|unknown)\"") > 0);
    }

    [Fact]
    public async Task AnotherTeacherCannotReadOrWriteMyAttempt()
    {
        var mine = await LaunchAsync(Learner(4));
        var page = await GetAsync($"s/{mine}/assess/{SelfAssessment}");
        var attemptId = AttemptId(page.Body);
        var item = ItemCodes(page.Body)[0];
        var theirs = await LaunchAsync(Learner(0));

        var read = await GetAsync($"s/{theirs}/result/{attemptId}");
        using var write = await PostAsync($"s/{theirs}/assess/{SelfAssessment}?handler=Answer&attemptId={attemptId}", [($"i.{item}", "1")]);

        Assert.Equal(HttpStatusCode.NotFound, read.Status);
        Assert.Contains("attempt_not_found", read.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(0, await env.Tool.WithDbAsync(db => db.Responses.CountAsync(r => r.AttemptId == attemptId)));
    }

    [Fact]
    public async Task AnUnknownAssessmentIsRefusedWithItsCode()
    {
        var session = await LaunchAsync(Learner(0));

        var page = await GetAsync($"s/{session}/assess/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("instrument_not_found", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHomePageListsEveryAssessmentATeacherTakesThemself()
    {
        var session = await LaunchAsync(Learner(0));

        var home = await GetAsync($"s/{session}/home");

        foreach (var code in new[] { SelfAssessment, "pedagogy-and-subject-test", "teaching-situations", "lesson-plan" })
            Assert.Contains($"data-instrument=\"{code}\"", home.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-instrument=\"peer-feedback\"", home.Body, StringComparison.Ordinal);
    }

    /// <summary>The simulator's course has five learners besides the teacher; each test uses its own.</summary>
    private SimUser Learner(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    private async Task<string> LaunchAsync(SimUser user)
    {
        var outcome = await env.Driver().LaunchAsync(user);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    private Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => env.Driver().GetAsync(path);

    private async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    private static List<string> ItemCodes(string html) =>
        Regex.Matches(html, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

    private static string AttemptId(string html) => Regex.Match(html, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
}
