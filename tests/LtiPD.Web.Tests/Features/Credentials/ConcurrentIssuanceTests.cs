using System.Net;
using LtiPD.Web.Tests.Features.Cohort;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Credentials;

/// <summary>
/// One person completing the same module in two courses at the same instant: both courses record their completion, the person
/// holds one credential for the achievement, and neither request fails. On SQLite and, when a server is named, PostgreSQL.
/// </summary>
public sealed class ConcurrentIssuanceTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string Module = "reflective-practice";

    /// <summary>People racing at once: each pair of requests is a chance for the two credentials to meet in the unique index.</summary>
    private const int People = 6;

    [Fact]
    public Task CompletingAModuleInTwoCoursesAtOnceIssuesOneCredentialAndAnswersBothOnSqlite() => RaceAsync(env);

    [SkippableFact]
    public async Task CompletingAModuleInTwoCoursesAtOnceIssuesOneCredentialAndAnswersBothOnPostgreSql()
    {
        Skip.If(TestPostgresDatabase.Server is null, $"{TestPostgresDatabase.ServerVariable} is not set: this test needs a PostgreSQL server (.ci/run starts one).");
        using var database = await TestPostgresDatabase.CreateAsync(TestPostgresDatabase.Server!);
        var postgres = new SettingsEnvironment(database.Settings);
        await postgres.InitializeAsync();
        try
        {
            await RaceAsync(postgres);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    private static async Task RaceAsync(LtiEnvironment environment)
    {
        var steps = new CredentialSteps(environment);
        var people = environment.Platform.AddLearners(People);
        var sessions = new List<(string UserId, string First, string Second)>();
        foreach (var person in people)
        {
            var first = await LaunchAsync(environment, person, CourseSteps.NewContextId());
            var second = await LaunchAsync(environment, person, CourseSteps.NewContextId());
            foreach (var sid in new[] { first, second })
                await steps.SubmitAsync(sid, "teaching-situations", Module);
            sessions.Add((person.Sub, first, second));
        }

        // The last piece of evidence in both courses of every person, all sent at once.
        var responses = await Task.WhenAll(sessions.SelectMany(s => new[] { s.First, s.Second })
            .Select(sid => Task.Run(() => steps.PostSubmissionAsync(sid, "social-self-assessment", Module))));
        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        }
        finally
        {
            foreach (var response in responses)
                response.Dispose();
        }

        foreach (var (userId, _, _) in sessions)
        {
            var completions = await environment.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking()
                .Where(c => c.UserId == userId && c.ModuleCode == Module).Select(c => c.ContextId).Distinct().CountAsync());
            var credentials = await environment.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().Where(c => c.UserId == userId).ToListAsync());
            Assert.Equal(2, completions);
            var credential = Assert.Single(credentials);
            Assert.Contains("data-verified=\"true\"", (await steps.VerifyAsync(credential.Jwt)).Body, StringComparison.Ordinal);
        }
    }

    private static async Task<string> LaunchAsync(LtiEnvironment environment, PlatformSimulator.SimUser user, string course)
    {
        var outcome = await environment.Driver().LaunchAsync(user, draft =>
            ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    /// <summary>A tool and simulator with settings of the test's choosing (here: a PostgreSQL database).</summary>
    private sealed class SettingsEnvironment(IReadOnlyDictionary<string, string> settings) : LtiEnvironment
    {
        protected override IReadOnlyDictionary<string, string>? ToolSettings => settings;
    }
}
