using System.Net;
using System.Text.Json.Nodes;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Credentials;

/// <summary>
/// The programme's credential through the platform simulator: a teacher completes every module the programme needs, with the
/// evidence each module asks for (tests, practical tasks reviewed by a designer, self-analyses), and leaves with a credential
/// per module and one for the programme that the verifier page and the command accept.
/// </summary>
public sealed class ProgrammeCredentialTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string Programme = "teaching-programming";

    /// <summary>The programme's three invariant modules and one variable module, and the evidence each asks for.</summary>
    private static readonly (string Module, string[] Instruments)[] Modules =
    [
        ("reflective-practice", ["teaching-situations", "social-self-assessment"]),
        ("programming-fundamentals", ["pedagogy-and-subject-test"]),
        ("course-design", ["pedagogy-and-subject-test", "social-self-assessment", "lesson-plan"]),
        ("feedback-on-code", ["teaching-situations", "lesson-plan"]),
    ];

    [Fact]
    public async Task CompletingEveryModuleOfTheProgrammeIssuesTheModuleCredentialsAndAProgrammeCredentialThatVerifies()
    {
        var steps = new CredentialSteps(env);
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        foreach (var (module, instruments) in Modules)
        {
            foreach (var instrument in instruments)
                await steps.SubmitAsync(sid, instrument, module);
            // A practical task counts once reviewed: the last module, and with it the programme, is completed by a review.
            await steps.ReviewAllAsync(user.Sub, "lesson-plan");
        }

        var held = await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().Where(c => c.UserId == user.Sub).ToListAsync());
        Assert.Equal(Modules.Select(m => $"{Programme}/{m.Module}").Append(Programme).Order(StringComparer.Ordinal),
            held.Select(c => c.AchievementKey).Order(StringComparer.Ordinal));
        var programmeCredential = held.Single(c => c.AchievementKey == Programme);

        var json = await steps.CredentialJsonAsync(programmeCredential.Id);
        var achievement = json["credentialSubject"]!["achievement"]!;
        var catalog = (await env.Tool.Services.GetRequiredService<ProgrammeCatalog>().EveryLatestAsync(CancellationToken.None)).Single(p => p.Programme.Code == Programme);
        Assert.Equal(catalog.Programme.Title.En, achievement["name"]!.GetValue<string>());
        Assert.Equal("LearningProgram", achievement["achievementType"]!.GetValue<string>());
        Assert.Equal(Programme, achievement["humanCode"]!.GetValue<string>());
        var expected = Modules.SelectMany(m => catalog.Programme.CompetenciesOf(catalog.Programme.FindModule(m.Module)!)).Distinct().Order(StringComparer.Ordinal);
        var alignments = achievement["alignment"]!.AsArray();
        Assert.Equal(expected, alignments.Select(a => a!["targetCode"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(alignments, a => Assert.Equal(catalog.Framework.FindCompetency(a!["targetCode"]!.GetValue<string>())!.Name.En, a["targetName"]!.GetValue<string>()));
        Assert.Equal(Modules.Select(m => $"Module: {m.Module}").Order(StringComparer.Ordinal),
            json["evidence"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        var (status, page) = await steps.VerifyAsync(programmeCredential.Jwt);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-verified=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("data-code=\"status_ok\"", page, StringComparison.Ordinal);
        var (exit, report) = await steps.VerifyCommandAsync(programmeCredential.Jwt, "--lang", "kk");
        Assert.Equal(0, exit);
        Assert.Contains("[structure_ok]", report, StringComparison.Ordinal);
        Assert.Contains("[status_ok]", report, StringComparison.Ordinal);
        foreach (var module in held.Where(c => c.AchievementKey != Programme))
            Assert.Contains("data-verified=\"true\"", (await steps.VerifyAsync(module.Jwt)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAlignmentUsesTheToolsOwnCaseUriWhichResolvesToTheCompetencyItem()
    {
        var steps = new CredentialSteps(env);
        var (_, credential) = await steps.EarnReflectivePracticeAsync();

        var framework = (await env.Tool.Services.GetRequiredService<ProgrammeCatalog>().EveryLatestAsync(CancellationToken.None)).Single(p => p.Programme.Code == Programme).Framework;
        var alignments = (await steps.CredentialJsonAsync(credential.Id))["credentialSubject"]!["achievement"]!["alignment"]!.AsArray();
        Assert.NotEmpty(alignments);
        foreach (var alignment in alignments)
        {
            var url = new Uri(alignment!["targetUrl"]!.GetValue<string>());
            Assert.StartsWith(new Uri(env.Tool.BaseUrl, "uri/").AbsoluteUri, url.AbsoluteUri, StringComparison.Ordinal);
            var item = JsonNode.Parse(await steps.GetTextAsync(url.PathAndQuery.TrimStart('/')))!;
            Assert.Equal("Competency", item["CFItemType"]!.GetValue<string>());
            Assert.Equal(alignment["targetCode"]!.GetValue<string>(), item["humanCodingScheme"]!.GetValue<string>());
            Assert.Equal(alignment["targetName"]!.GetValue<string>(), item["fullStatement"]!.GetValue<string>());
            Assert.Equal(url.AbsoluteUri, item["uri"]!.GetValue<string>());
            var russian = JsonNode.Parse(await steps.GetTextAsync($"{url.PathAndQuery.TrimStart('/')}?lang=ru"))!;
            Assert.Equal(framework.FindCompetency(alignment["targetCode"]!.GetValue<string>())!.Name.For("ru"), russian["fullStatement"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.NotFound, (await env.Driver().GetAsync($"uri/{Guid.NewGuid()}")).Status);
    }
}
