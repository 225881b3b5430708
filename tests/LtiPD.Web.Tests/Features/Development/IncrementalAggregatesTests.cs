using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Features.Jobs;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Development;

/// <summary>
/// Issue 11: the nightly job folds only the teachers whose result changed into the stored aggregates, and what a dashboard then
/// reads equals a full rebuild's aggregates: after teachers change department (one group falling below the minimum of five,
/// another reaching it), change career stage, state their years for the first time and answer the barrier questionnaire again.
/// A second run changes nothing. Full folds read three teachers a page, so a rebuild's pages and the folds of their key ranges
/// meet in the middle of departments and courses.
/// </summary>
public sealed class IncrementalAggregatesTests
{
    private const int Teachers = 40;
    private const string Deployment = "deployment-1";

    public static TheoryData<string> Databases => new() { "Sqlite", "PostgreSql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task AnIncrementalRunFoldsOnlyTheChangedTeachersAndLeavesTheAggregatesAFullRebuildWrites(string database)
    {
        Skip.If(database == "PostgreSql" && TestPostgresDatabase.Server is null, $"{TestPostgresDatabase.ServerVariable} is not set.");
        using var postgres = database == "PostgreSql" ? await TestPostgresDatabase.CreateAsync(TestPostgresDatabase.Server!) : null;
        var settings = new Dictionary<string, string> { ["Jobs:Server"] = "false", ["Jobs:BatchSize"] = "7", ["Jobs:FoldPageSize"] = "3" };
        if (postgres is not null)
        {
            settings["Database:Provider"] = "PostgreSql";
            settings["Database:ConnectionString"] = postgres.ConnectionString;
        }
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), settings: settings);
        var seededAt = DateTimeOffset.UtcNow.AddDays(-3);
        await tool.WithDbAsync(db => SeedAsync(db, seededAt));
        await RunAsync(tool, full: true);
        var afterFull = await AggregatesAsync(tool);
        Assert.Equal(5, afterFull.Single(a => a.Group == (GroupKind.Department, "department-small")).Teachers);
        Assert.Equal(4, afterFull.Single(a => a.Group == (GroupKind.Department, "department-growing")).Teachers);

        await tool.WithDbAsync(ChangeAsync);
        await RunAsync(tool, full: false);
        var incremental = await AggregatesAsync(tool);
        var again = await RunAsync(tool, full: false);
        var afterAgain = await AggregatesAsync(tool);
        // Folds of teachers without a result (as left by a result deleted with its course): one inside a page's key range, one
        // after the last page, one in a deployment without results; the rebuild removes all three.
        await tool.WithDbAsync(async db =>
        {
            var platformId = await db.Platforms.Select(p => p.Id).SingleAsync();
            db.DevelopmentFolds.AddRange(
                new DevelopmentFoldEntity { PlatformId = platformId, DeploymentId = Deployment, UserId = UserOf(4) + "-left", State = FoldState.Folded, Version = 1 },
                new DevelopmentFoldEntity { PlatformId = platformId, DeploymentId = Deployment, UserId = "teacher-99", State = FoldState.Folded, Version = 1 },
                new DevelopmentFoldEntity { PlatformId = platformId, DeploymentId = "deployment-gone", UserId = UserOf(1), State = FoldState.Folded, Version = 1 });
            return await db.SaveChangesAsync();
        });
        await RunAsync(tool, full: true);
        var rebuilt = await AggregatesAsync(tool);

        Assert.Equal(rebuilt.Select(a => (a.Group, a.Teachers, a.Payload)), incremental.Select(a => (a.Group, a.Teachers, a.Payload)));
        Assert.Equal(4, incremental.Single(a => a.Group == (GroupKind.Department, "department-small")).Teachers);
        Assert.Equal(5, incremental.Single(a => a.Group == (GroupKind.Department, "department-growing")).Teachers);
        Assert.NotEqual(afterFull.Select(a => a.Payload), incremental.Select(a => a.Payload));
        Assert.Equal(0, again.ItemsChanged);
        Assert.Equal(incremental, afterAgain);
        var folds = await tool.WithDbAsync(db => db.DevelopmentFolds.AsNoTracking().ToListAsync());
        Assert.Equal(Teachers, folds.Count);
        Assert.All(folds, f => Assert.Equal(FoldState.Folded, f.State));
        if (DevelopmentAggregation.MonthOf(afterFull[0].ComputedAt) == DevelopmentAggregation.MonthOf(incremental[0].ComputedAt))
        {
            // Groups no changed teacher is in (most courses) were not rewritten: the fold touched only the changed teachers' groups.
            var untouched = incremental.Where(a => afterFull.Contains(a)).ToList();
            Assert.Contains(untouched, a => a.Group.Kind == GroupKind.Course);
            Assert.DoesNotContain(untouched, a => a.Group.Kind == GroupKind.Institution);
        }
    }

    private sealed record Aggregate((GroupKind Kind, string Value) Group, int Teachers, string Payload, DateTimeOffset ComputedAt);

    private static Task<List<Aggregate>> AggregatesAsync(ToolFactory tool) => tool.WithDbAsync(async db =>
    {
        var month = await db.DevelopmentAggregates.MaxAsync(a => a.Month);
        return (await db.DevelopmentAggregates.AsNoTracking().Where(a => a.Month == month).ToListAsync())
            .Select(a => new Aggregate(((GroupKind)a.GroupKind, a.GroupValue), a.Teachers, a.Payload, a.ComputedAt))
            .OrderBy(a => a.Group.Item1).ThenBy(a => a.Group.Item2, StringComparer.Ordinal).ToList();
    });

    private static async Task<JobRunEntity> RunAsync(ToolFactory tool, bool full)
    {
        var runId = await tool.Services.GetRequiredService<JobRunner>().RunAsync(NightlyDevelopmentJob.JobName, full, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(120));
        var run = await tool.WithDbAsync(db => db.JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
        Assert.True(run.State == JobRunState.Succeeded, $"the run {run.State}: {run.Error}");
        return run;
    }

    private static string UserOf(int i) => $"teacher-{i:D2}";

    /// <summary>
    /// Forty teachers in eight courses (five each); department-small has teachers 0–4, department-growing 5–8, the others share
    /// three more departments. Years of teaching spread over every career stage (every ninth teacher states none); every third
    /// answers the barrier questionnaire.
    /// </summary>
    private static async Task<int> SeedAsync(LtiPdDbContext db, DateTimeOffset at)
    {
        var platform = new PlatformEntity { Issuer = "https://lms.incremental.example", ClientId = "c", AuthUrl = "https://lms.incremental.example/a",
            TokenUrl = "https://lms.incremental.example/t", JwksUrl = "https://lms.incremental.example/j" };
        db.Platforms.Add(platform);
        await db.SaveChangesAsync();
        db.Deployments.Add(new DeploymentEntity { PlatformId = platform.Id, DeploymentId = Deployment, CreatedAt = at.AddDays(-400) });
        for (var i = 0; i < Teachers; i++)
        {
            db.TeacherSituations.Add(new TeacherSituationEntity
            {
                PlatformId = platform.Id, DeploymentId = Deployment, UserId = UserOf(i), YearsTeaching = i % 9 == 0 ? null : i % 30, Training = 1,
                Department = i < 5 ? "department-small" : i < 9 ? "department-growing" : $"department-{i % 3}", UpdatedAt = at,
            });
            db.ModuleCompletions.Add(new ModuleCompletionEntity
            {
                Id = $"completion-{i}", PlatformId = platform.Id, DeploymentId = Deployment, UserId = UserOf(i), ContextId = $"course-{i % 8}",
                ProgrammeCode = "seed-programme", ProgrammeVersion = 1, ModuleCode = "seed-module", ScoreGiven = 1, ScoreMaximum = 1, CompletedAt = at,
            });
            if (i % 3 == 0)
            {
                db.BarrierAnswers.Add(new BarrierAnswersEntity
                {
                    Id = $"answers-{i}", PlatformId = platform.Id, DeploymentId = Deployment, UserId = UserOf(i), At = at,
                    Answers = BarrierAnswersJson.Write(new Dictionary<DeclaredBarrier, int> { [(DeclaredBarrier)(i % 7)] = 1 + i % 4 }, []),
                });
            }
        }
        return await db.SaveChangesAsync();
    }

    /// <summary>Teacher 4 moves from department-small to department-growing; 10 and 20 change stage; 9 states their years at last; 12 and 13 answer again.</summary>
    private static async Task<int> ChangeAsync(LtiPdDbContext db)
    {
        var now = DateTimeOffset.UtcNow;
        var situations = await db.TeacherSituations.Where(s => new[] { UserOf(4), UserOf(9), UserOf(10), UserOf(20) }.Contains(s.UserId)).ToListAsync();
        foreach (var s in situations)
        {
            s.UpdatedAt = now;
            if (s.UserId == UserOf(4))
                s.Department = "department-growing";
            else
                s.YearsTeaching = s.UserId == UserOf(9) ? 2 : 25;
        }
        var platformId = situations[0].PlatformId;
        foreach (var i in new[] { 12, 13 })
        {
            db.BarrierAnswers.Add(new BarrierAnswersEntity
            {
                Id = $"again-{i}", PlatformId = platformId, DeploymentId = Deployment, UserId = UserOf(i), At = now,
                Answers = BarrierAnswersJson.Write(new Dictionary<DeclaredBarrier, int> { [DeclaredBarrier.NoIncentives] = 4, [DeclaredBarrier.ScheduleConflict] = 4 }, []),
            });
        }
        return await db.SaveChangesAsync();
    }
}
