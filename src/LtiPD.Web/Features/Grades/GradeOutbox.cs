using System.Text.Json;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Lti;
using LtiPD.Lti.Services.Ags;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Grades;

public enum DeliveryStatus
{
    Pending = 0,
    Sent = 1,
    Failed = 2,

    /// <summary>The launch carried no AGS claim with the score scope: the LMS offers no gradebook column for it.</summary>
    NotGradable = 3,
}

/// <summary>The grade of an attempt as it stands, written to the outbox by <see cref="GradeOutbox"/>.</summary>
public sealed record AttemptGrade(double ScoreGiven, double ScoreMaximum, bool GradingComplete);

/// <summary>
/// Writes the grade outbox. Callers write inside the transaction that changes the attempt's score, so a grade is recorded
/// exactly when the attempt is: a crash between the two cannot lose one or invent one. Nothing here talks to the LMS.
/// </summary>
public sealed class GradeOutbox(LtiPdDbContext db, TimeProvider time)
{
    /// <summary>
    /// Adds the outbox row of a just-submitted attempt. Where the score goes is taken now from the launch's AGS claim
    /// (AGS 2.0 §3.1), because the session is swept long before a dead LMS may come back.
    /// <list type="bullet">
    /// <item>A launch of a link our deep linking made names its item; its line item (AGS 2.0 §3.2) is that item's column. An
    /// attempt at that very instrument goes there; any other attempt taken in the same launch (from the teacher's home, or a
    /// module's diagnostics) goes only to a column the course already has for its instrument, found by resourceId: the linked
    /// item's column never receives another item's grade, and no column appears that the course designer did not add.</item>
    /// <item>A launch that names no item (an activity added by hand) keeps the rule of the AGS claim: its line item when it has
    /// one, otherwise the instrument's column found by resourceId or created.</item>
    /// </list>
    /// </summary>
    /// <param name="launchId">The launch session the attempt is submitted in; it must be a launch in the attempt's own course.</param>
    public async Task AddForSubmissionAsync(string launchId, AttemptEntity attempt, string label, AttemptGrade grade, CancellationToken ct)
    {
        var launch = await LaunchAsync(launchId, new CourseScope(attempt.PlatformId, attempt.DeploymentId, attempt.ContextId), ct);
        var linked = launch.LinkedInstrument is not null || launch.LinkedModule is not null;
        var ownLink = launch.LinkedInstrument == attempt.InstrumentCode;
        var endpoint = launch.Endpoint is { } e && linked && !ownLink ? e with { LineItem = null } : launch.Endpoint;
        Add(new GradeDeliveryEntity
        {
            LineItemMustExist = linked && !ownLink,
            AttemptId = attempt.Id,
            PlatformId = attempt.PlatformId,
            DeploymentId = attempt.DeploymentId,
            ContextId = attempt.ContextId,
            ResourceLinkId = attempt.ResourceLinkId,
            ResourceId = attempt.InstrumentCode,
            Label = label,
            UserId = attempt.UserId,
            UserName = attempt.UserName,
        }, endpoint, grade);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the outbox row of a just-completed module, in the caller's transaction. The launch's line item is used only when
    /// the launch opened this very module (its link's line item, AGS 2.0 §3.2); reached any other way, the grade goes to the
    /// line item with the module's code as resourceId in the course's container, which is the one our deep link created, and
    /// only if it exists: a course that never attached the module gets no new column.
    /// </summary>
    public async Task AddForModuleCompletionAsync(string launchId, ModuleCompletionEntity completion, string label, CancellationToken ct)
    {
        var launch = await LaunchAsync(launchId, new CourseScope(completion.PlatformId, completion.DeploymentId, completion.ContextId), ct);
        var ownLink = launch.LinkedModule == completion.ModuleCode;
        var endpoint = launch.Endpoint is { } e && !ownLink ? e with { LineItem = null } : launch.Endpoint;
        Add(new GradeDeliveryEntity
        {
            LineItemMustExist = !ownLink,
            AttemptId = completion.Id,
            PlatformId = completion.PlatformId,
            DeploymentId = completion.DeploymentId,
            ContextId = completion.ContextId,
            ResourceLinkId = completion.ResourceLinkId,
            ResourceId = completion.ModuleCode,
            Label = label,
            UserId = completion.UserId,
            UserName = completion.UserName,
        }, endpoint, new AttemptGrade(completion.ScoreGiven, completion.ScoreMaximum, GradingComplete: true));
        await db.SaveChangesAsync(ct);
    }

    private void Add(GradeDeliveryEntity row, Endpoint? endpoint, AttemptGrade grade)
    {
        var now = Truncate(time.GetUtcNow());
        row.LineItemsUrl = endpoint?.LineItems;
        row.LineItemUrl = endpoint?.LineItem;
        row.Label = row.Label.Length > 500 ? row.Label[..500] : row.Label;
        row.ScoreGiven = grade.ScoreGiven;
        row.ScoreMaximum = grade.ScoreMaximum;
        row.GradingProgress = (int)Progress(grade);
        row.Timestamp = now;
        row.Status = (int)(endpoint is null || endpoint is { LineItems: null, LineItem: null } ? DeliveryStatus.NotGradable : DeliveryStatus.Pending);
        row.NextAttemptAt = now;
        db.GradeDeliveries.Add(row);
    }

    /// <summary>
    /// The AGS endpoint and linked item of the launch a grade is earned in. A delivery's course (its ContextId, which decides
    /// whose designers see it) and its column (the launch's line item or container) must come from the same course: the
    /// launch is refused when it was made in another course than the graded row's, which the callers' course-scoped lookups
    /// already rule out, so a course's gradebook can never receive, or show, another course's grade.
    /// </summary>
    private async Task<(Endpoint? Endpoint, string? LinkedInstrument, string? LinkedModule)> LaunchAsync(string launchId, CourseScope graded, CancellationToken ct)
    {
        var launch = await db.LaunchSessions.Where(s => s.Id == launchId)
            .Select(s => new { s.PlatformId, s.DeploymentId, s.ContextId, s.PayloadJson }).FirstOrDefaultAsync(ct);
        if (launch is null)
            return (null, null, null);
        if (new CourseScope(launch.PlatformId, launch.DeploymentId, launch.ContextId) != graded)
            throw new InvalidOperationException("A grade must go to the gradebook of the course it was earned in, through a launch in that course.");
        if (string.IsNullOrEmpty(launch.PayloadJson))
            return (null, null, null);
        using var doc = JsonDocument.Parse(launch.PayloadJson);
        return (ReadAgsEndpoint(doc.RootElement),
            ReadCustom(doc.RootElement, DeepLinking.LinkedItem.InstrumentParameter), ReadCustom(doc.RootElement, DeepLinking.LinkedItem.ModuleParameter));
    }

    /// <summary>
    /// Puts a re-scored attempt's new grade in its outbox row with a newer timestamp (a platform keeps the newest score, and
    /// Moodle refuses one that is not newer, AGS 2.0 §3.4.7) and makes it due again, whatever became of the previous one.
    /// </summary>
    public async Task UpdateForRescoreAsync(string attemptId, AttemptGrade grade, CancellationToken ct)
    {
        var row = await db.GradeDeliveries.FirstOrDefaultAsync(g => g.AttemptId == attemptId, ct);
        if (row is null)
            return;
        var now = Truncate(time.GetUtcNow());
        // Moodle keeps timestamps to the second: a re-score within the same second as the last one must still be newer.
        row.Timestamp = now >= row.Timestamp.AddSeconds(1) ? now : row.Timestamp.AddSeconds(1);
        row.ScoreGiven = grade.ScoreGiven;
        row.ScoreMaximum = grade.ScoreMaximum;
        row.GradingProgress = (int)Progress(grade);
        if (row.Status != (int)DeliveryStatus.NotGradable)
        {
            row.Status = (int)DeliveryStatus.Pending;
            row.Tries = 0;
            row.NextAttemptAt = now;
            row.LastError = null;
            row.SentAt = null;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Failed or pending deliveries of the course, for its designers.</summary>
    public async Task<IReadOnlyList<GradeDeliveryEntity>> OpenInCourseAsync(CourseScope course, CancellationToken ct)
    {
        if (!course.IsCourse)
            return [];
        var rows = await InCourse(course)
            .Where(g => g.Status == (int)DeliveryStatus.Pending || g.Status == (int)DeliveryStatus.Failed)
            .AsNoTracking().ToListAsync(ct);
        return rows.OrderByDescending(g => g.Status).ThenBy(g => g.Timestamp).ToList();
    }

    /// <summary>Failed or pending deliveries of every platform, for the tool's administrators; refused ones first.</summary>
    public async Task<IReadOnlyList<GradeDeliveryEntity>> OpenEverywhereAsync(int limit, CancellationToken ct) =>
        await db.GradeDeliveries.AsNoTracking()
            .Where(g => g.Status == (int)DeliveryStatus.Pending || g.Status == (int)DeliveryStatus.Failed)
            .OrderByDescending(g => g.Status).ThenBy(g => g.NextAttemptAt).Take(limit).ToListAsync(ct);

    /// <summary>Makes a pending or failed delivery of the course due now, tries counted from zero.</summary>
    public Task<bool> ResendAsync(CourseScope course, string attemptId, CancellationToken ct) =>
        course.IsCourse ? ResendAsync(InCourse(course), attemptId, ct) : Task.FromResult(false);

    /// <summary>The same for a tool administrator, whatever the platform.</summary>
    public Task<bool> ResendAnyAsync(string attemptId, CancellationToken ct) => ResendAsync(db.GradeDeliveries, attemptId, ct);

    private async Task<bool> ResendAsync(IQueryable<GradeDeliveryEntity> scope, string attemptId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var updated = await scope
            .Where(g => g.AttemptId == attemptId && (g.Status == (int)DeliveryStatus.Pending || g.Status == (int)DeliveryStatus.Failed))
            .ExecuteUpdateAsync(g => g
                .SetProperty(x => x.Status, (int)DeliveryStatus.Pending)
                .SetProperty(x => x.Tries, 0)
                .SetProperty(x => x.NextAttemptAt, now), ct);
        return updated == 1;
    }

    public Task<GradeDeliveryEntity?> FindAsync(string attemptId, CancellationToken ct) =>
        db.GradeDeliveries.AsNoTracking().FirstOrDefaultAsync(g => g.AttemptId == attemptId, ct);

    private IQueryable<GradeDeliveryEntity> InCourse(CourseScope course) =>
        db.GradeDeliveries.Where(g => g.PlatformId == course.PlatformId && g.DeploymentId == course.DeploymentId && g.ContextId == course.ContextId);

    private static GradingProgress Progress(AttemptGrade grade) =>
        grade.GradingComplete ? GradingProgress.FullyGraded : GradingProgress.Pending;

    /// <summary>Milliseconds are what every LMS keeps of a timestamp; what is stored is then exactly what is sent.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    private sealed record Endpoint(string? LineItems, string? LineItem);

    /// <summary>
    /// The AGS endpoint of the launch when it lets the tool post scores: the claim's scope must name the score scope
    /// (AGS 2.0 §3.1) and at least one of lineitem / lineitems must be an absolute URL.
    /// </summary>
    private static Endpoint? ReadAgsEndpoint(JsonElement payload)
    {
        if (!payload.TryGetProperty(LtiClaims.AgsEndpoint, out var claim) || claim.ValueKind != JsonValueKind.Object)
            return null;
        if (claim.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.Array
            && !scope.EnumerateArray().Any(s => s.ValueKind == JsonValueKind.String && s.GetString() == LtiScopes.Score))
            return null;
        var lineItems = Url(claim, "lineitems");
        var lineItem = Url(claim, "lineitem");
        return lineItems is null && lineItem is null ? null : new Endpoint(lineItems, lineItem);
    }

    /// <summary>A custom parameter of the launched link (LTI Core 1.3 §5.4.6): the item our deep linking named, if any.</summary>
    private static string? ReadCustom(JsonElement payload, string name) =>
        payload.TryGetProperty(LtiClaims.Custom, out var custom) && custom.ValueKind == JsonValueKind.Object
        && custom.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Url(JsonElement claim, string name) =>
        claim.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
        && Uri.TryCreate(v.GetString(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsoluteUri.Length <= 2000
            ? v.GetString()
            : null;
}
