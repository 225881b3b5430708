using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Shared;

/// <summary>What a reader sees in words: refusals in the session's language, numbers with the right noun form, codes kept small.</summary>
public sealed class WordsTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Theory]
    [InlineData("ru", "Этой попытки нет, она не ваша или была выполнена в другом курсе.")]
    [InlineData("kk", "Бұл әрекет жоқ, сіздікі емес немесе басқа курста орындалған.")]
    public async Task ARefusalInsideASessionIsASentenceInTheSessionsLanguageWithTheCodeBesideIt(string locale, string sentence)
    {
        var session = await LaunchAsync(env.Platform.Teacher, "words-" + locale, locale);

        var (status, body) = await env.Driver().GetAsync($"s/{session}/result/no-such-attempt");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(sentence, body, StringComparison.Ordinal);
        Assert.DoesNotContain("This attempt does not exist", body, StringComparison.Ordinal);
        Assert.Contains("id=\"error-code\">attempt_not_found<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACohortOfOneSaysOneMemberInEnglishAndNamesTheRoleInRussian()
    {
        var course = "words-one-" + Guid.NewGuid().ToString("N")[..6];
        var english = await LaunchAsync(env.Platform.Designer, course, "en", nrps: false);
        var russian = await LaunchAsync(env.Platform.Designer, course, "ru", nrps: false);

        var (_, en) = await env.Driver().GetAsync($"s/{english}/cohort");
        var (_, ru) = await env.Driver().GetAsync($"s/{russian}/cohort");

        Assert.Contains("<caption>1 member</caption>", en, StringComparison.Ordinal);
        Assert.Contains("Преподаватель", ru, StringComparison.Ordinal);
        Assert.DoesNotContain(">Instructor<", ru, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerThatDoesNotFitIsASentenceWithTheCodeKeptSmall()
    {
        var session = await LaunchAsync(env.Platform.Teacher, "words-answer", "en");

        using var client = env.Tool.CreateRawClient();
        using var response = await client.PostAsync($"s/{session}/assess/social-self-assessment?handler=Save",
            new FormUrlEncodedContent([KeyValuePair.Create("i.ssa-01", "9")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Matches("<li>An answer could not be kept[^<]*<small class=\"muted\">Error code: <code>answer_invalid</code></small></li>", body);
    }

    private async Task<string> LaunchAsync(SimUser user, string course, string locale, bool nrps = true)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
            context["id"] = course;
            context["title"] = "Course " + course;
            ((Dictionary<string, object?>)draft.Claims[Claims.LaunchPresentation]!)["locale"] = locale;
            if (!nrps)
                draft.Claims.Remove("https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice");
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }
}
