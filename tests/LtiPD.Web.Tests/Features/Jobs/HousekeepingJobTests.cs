using LtiPD.Data.Entities;
using LtiPD.Web.Features.Jobs;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Jobs;

public sealed class HousekeepingJobTests
{
    [Fact]
    public async Task ExpiredRowsAreDeletedAndFreshOnesKeptAndASecondRunDeletesNothing()
    {
        await using var harness = await JobHarness.StartAsync(s => s.AddBatchedJob<HousekeepingJob>(), batchSize: 3);
        var now = DateTimeOffset.UtcNow;
        await harness.WithDbAsync(async db =>
        {
            var platform = await AddPlatformAsync(db);
            foreach (var (suffix, at) in new[] { ("old", now.AddMinutes(-5)), ("new", now.AddMinutes(5)) })
            {
                for (var i = 0; i < 4; i++)
                {
                    db.UsedNonces.Add(new UsedNonceEntity { Issuer = platform.Issuer, Value = $"nonce\t{suffix}-{i}", KeepUntil = at });
                    db.LaunchSessions.Add(new LaunchSessionEntity
                    {
                        Id = $"session-{suffix}-{i}", PlatformId = platform.Id, DeploymentId = "d", UserId = "u", Roles = "", MessageType = "LtiResourceLinkRequest",
                        PayloadJson = "{}", CreatedAt = at.AddHours(-1), ExpiresAt = at,
                    });
                }
            }
            db.RegistrationLinks.AddRange(
                new RegistrationLinkEntity { Id = "expired-long-ago", SecretHash = "h1", CreatedAt = now.AddDays(-40), ExpiresAt = now.AddDays(-31) },
                new RegistrationLinkEntity { Id = "expired-yesterday", SecretHash = "h2", CreatedAt = now.AddDays(-2), ExpiresAt = now.AddDays(-1) },
                new RegistrationLinkEntity { Id = "used-long-ago", SecretHash = "h3", CreatedAt = now.AddDays(-40), ExpiresAt = now.AddDays(-31), UsedAt = now.AddDays(-39) });
            return await db.SaveChangesAsync();
        });
        var node = harness.NewNode();

        await node.RunAsync(HousekeepingJob.JobName, false, CancellationToken.None);
        await node.RunAsync(HousekeepingJob.JobName, false, CancellationToken.None);

        var left = await harness.WithDbAsync(async db => new
        {
            Nonces = await db.UsedNonces.Select(n => n.Value).OrderBy(v => v).ToListAsync(),
            Sessions = await db.LaunchSessions.Select(s => s.Id).OrderBy(v => v).ToListAsync(),
            Links = await db.RegistrationLinks.Select(l => l.Id).OrderBy(v => v).ToListAsync(),
            Runs = await db.JobRuns.OrderBy(r => r.Id).ToListAsync(),
        });
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"nonce\tnew-{i}"), left.Nonces);
        Assert.Equal(Enumerable.Range(0, 4).Select(i => $"session-new-{i}"), left.Sessions);
        Assert.Equal(["expired-yesterday", "used-long-ago"], left.Links);
        Assert.Equal((JobRunState.Succeeded, 9, 9, 3), (left.Runs[0].State, left.Runs[0].PlannedItems, left.Runs[0].ItemsChanged, left.Runs[0].Batches));
        Assert.Equal((JobRunState.Succeeded, 0, 0), (left.Runs[1].State, left.Runs[1].PlannedItems, left.Runs[1].ItemsChanged));
    }

    [Fact]
    public async Task RostersNobodyReadForAMonthAreDeletedAndRecentOnesKept()
    {
        await using var harness = await JobHarness.StartAsync(s => s.AddBatchedJob<HousekeepingJob>(), batchSize: 3);
        var now = DateTimeOffset.UtcNow;
        await harness.WithDbAsync(async db =>
        {
            var platform = await AddPlatformAsync(db);
            foreach (var (course, readAt) in new[] { ("old", now - HousekeepingJob.StaleRosters - TimeSpan.FromDays(1)), ("recent", now.AddDays(-2)) })
            {
                foreach (var role in new[] { CourseRosterEntity.AllRoles, "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner" })
                {
                    db.CourseRosters.Add(new CourseRosterEntity
                    {
                        PlatformId = platform.Id, MembershipsUrl = $"https://lms.example.edu/nrps/{course}/memberships", Role = role, MembersJson = "[]", ReadAt = readAt,
                    });
                }
            }
            return await db.SaveChangesAsync();
        });
        var node = harness.NewNode();

        await node.RunAsync(HousekeepingJob.JobName, false, CancellationToken.None);
        await node.RunAsync(HousekeepingJob.JobName, false, CancellationToken.None);

        var left = await harness.WithDbAsync(db => db.CourseRosters.Select(r => r.MembershipsUrl + " " + r.Role).OrderBy(v => v).ToListAsync());
        var runs = await harness.WithDbAsync(db => db.JobRuns.OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(
            ["https://lms.example.edu/nrps/recent/memberships ", "https://lms.example.edu/nrps/recent/memberships http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
            left);
        Assert.Equal((2, 2), (runs[0].PlannedItems, runs[0].ItemsChanged));
        Assert.Equal((0, 0), (runs[1].PlannedItems, runs[1].ItemsChanged));
    }

    private static async Task<PlatformEntity> AddPlatformAsync(LtiPD.Data.LtiPdDbContext db)
    {
        var platform = new PlatformEntity { Issuer = "https://lms.example.edu", ClientId = "c", AuthUrl = "https://lms.example.edu/a", TokenUrl = "https://lms.example.edu/t", JwksUrl = "https://lms.example.edu/j" };
        db.Platforms.Add(platform);
        await db.SaveChangesAsync();
        return platform;
    }
}
