using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Lti;

/// <summary>The certification's valid launches, for a teacher (Learner) and a course designer (Instructor).</summary>
public sealed class LaunchAcceptanceTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    public static TheoryData<string, string> ValidLaunches()
    {
        var data = new TheoryData<string, string>();
        foreach (var who in new[] { "learner", "instructor" })
        foreach (var variant in new[] { "basic", "several roles", "short role name", "unknown role", "no role", "email only", "names only", "no personal data", "no context" })
            data.Add(who, variant);
        return data;
    }

    [Theory]
    [MemberData(nameof(ValidLaunches))]
    public async Task AcceptsCertificationLaunchAndLandsOnThePageOfTheRole(string who, string variant)
    {
        var user = who == "learner" ? env.Platform.Teacher : env.Platform.Designer;
        var role = who == "learner" ? Claims.Learner : Claims.Instructor;
        var shortRole = who == "learner" ? "Learner" : "Instructor";
        var driver = env.Driver();

        var outcome = await driver.LaunchAsync(user, draft =>
        {
            switch (variant)
            {
                case "basic": break;
                case "several roles": draft.Claims[Claims.Roles] = new[] { role, "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Faculty", "http://purl.imsglobal.org/vocab/lis/v2/membership#Member" }; break;
                case "short role name": draft.Claims[Claims.Roles] = new[] { shortRole }; break;
                case "unknown role": draft.Claims[Claims.Roles] = new[] { role, "http://example.edu/roles#Dean" }; break;
                case "no role": draft.Claims[Claims.Roles] = Array.Empty<string>(); break;
                case "email only": draft.Claims.Remove("name"); draft.Claims.Remove("given_name"); draft.Claims.Remove("family_name"); break;
                case "names only": draft.Claims.Remove("email"); break;
                case "no personal data": foreach (var c in new[] { "name", "given_name", "family_name", "email" }) draft.Claims.Remove(c); break;
                case "no context": draft.Claims.Remove(Claims.Context); break;
            }
        });

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.NotNull(outcome.SessionId);
        // No role (and an unknown one alone) grants the least: the teacher's page.
        var expectedPage = who == "learner" || variant == "no role" ? "home" : "design";
        Assert.Equal($"/s/{outcome.SessionId}/{expectedPage}", outcome.Location);

        var (status, body) = await driver.GetAsync(outcome.Location!);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(expectedPage == "home" ? "data-role=\"teacher\"" : "data-role=\"designer\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionPagesWorkWithoutAnyCookie()
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Teacher);

        var (status, body) = await env.Driver().GetAsync(outcome.Location!, cookies: null);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-role=\"teacher\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerSessionCannotOpenTheDesignerPage()
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Teacher);

        var (status, body) = await env.Driver().GetAsync($"/s/{outcome.SessionId}/design");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("id=\"error-code\">role_forbidden<", body, StringComparison.Ordinal);
        Assert.DoesNotContain("data-role=\"designer\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownSessionReferenceIsRefusedWith401()
    {
        var (status, body) = await env.Driver().GetAsync("/s/not-a-session/home");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("id=\"error-code\">session_invalid<", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeepLinkingRequestFromADesignerLandsOnThePicker()
    {
        var driver = env.Driver();

        var outcome = await driver.LaunchAsync(env.Platform.Designer, kind: LaunchKind.DeepLinking);

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.Equal($"/s/{outcome.SessionId}/pick", outcome.Location);
    }

    [Fact]
    public async Task TheLaunchLocaleChoosesTheLanguageOfThePages()
    {
        var driver = env.Driver();
        var outcome = await driver.LaunchAsync(env.Platform.Teacher, draft =>
            draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = "ru_RU", ["document_target"] = "iframe" });

        var (_, body) = await driver.GetAsync(outcome.Location!);

        Assert.Contains("<html lang=\"ru\">", body, StringComparison.Ordinal);
        Assert.Contains("Моё профессиональное развитие", body, StringComparison.Ordinal);
    }
}
