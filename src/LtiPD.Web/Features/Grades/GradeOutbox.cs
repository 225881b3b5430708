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

    /// <summary>
    /// Not sent, and not a failure: the course has no gradebook column for this item and did not let LtiPD create one, so the
    /// grade stays in LtiPD. It is sent when the course gets a column for the item (a link for it is launched) or lets LtiPD
    /// create one. Pages show it as a neutral state and leave it out of the lists of waiting and refused grades.
    /// </summary>
    NoColumn = 4,
}

/// <summary>
/// The grade of an attempt as it stands, written to the outbox by <see cref="GradeOutbox"/>. <paramref name="GradingComplete"/>
/// false means an instructor has still to review it: the score is not a grade yet. <paramref name="Comment"/> is the reviewer's.
/// </summary>
public sealed record AttemptGrade(double ScoreGiven, double ScoreMaximum, bool GradingComplete, string? Comment = null);

/// <summary>
/// Writes the grade outbox. Callers write inside the transaction that changes the attempt's score, so a grade is recorded
/// exactly when the attempt is: a crash between the two cannot lose one or invent one. Nothing here talks to the LMS.
/// </summary>
public sealed class GradeOutbox(LtiPdDbContext db, TimeProvider time)
{
    /// <summary>The tag LtiPD gives the columns of its items (Deep Linking line items and the columns it creates).</summary>
    public const string ColumnTag = "ltipd";

    /// <summary>
    /// Adds the outbox row of a just-submitted attempt. Where the score goes is decided now from the launch's AGS claim
    /// (AGS 2.0 §3.1), because the session is swept long before a dead LMS may come back; <see cref="Route"/> states the rule: a
    /// column holds one item, so only a launch of the instrument's own link sends to the launch's line item, and everything else
    /// goes to the instrument's own column found by resourceId (created only where the course allows it) or stays here.
    /// </summary>
    /// <param name="launchId">The launch session the attempt is submitted in; it must be a launch in the attempt's own course.</param>
    public async Task AddForSubmissionAsync(string launchId, AttemptEntity attempt, string label, AttemptGrade grade, CancellationToken ct)
    {
        var course = new CourseScope(attempt.PlatformId, attempt.DeploymentId, attempt.ContextId);
        var launch = await LaunchAsync(launchId, course, ct);
        var route = Route(launch, attempt.InstrumentCode, await CreatesColumnsAsync(course, ct));
        await ReleaseParkedWhenLinkedAsync(course, attempt.InstrumentCode, route, ct);
        Add(new GradeDeliveryEntity
        {
            AttemptId = attempt.Id,
            PlatformId = attempt.PlatformId,
            DeploymentId = attempt.DeploymentId,
            ContextId = attempt.ContextId,
            ResourceLinkId = attempt.ResourceLinkId,
            ResourceId = attempt.InstrumentCode,
            Label = label,
            UserId = attempt.UserId,
            UserName = attempt.UserName,
        }, route, grade);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds the outbox row of a just-completed module, in the caller's transaction, by the same rule as an attempt's
    /// (<see cref="Route"/>): the launch's line item only when the launch opened this very module's link, otherwise the module's
    /// own column by resourceId, created only where the course allows it.
    /// </summary>
    public async Task AddForModuleCompletionAsync(string launchId, ModuleCompletionEntity completion, string label, CancellationToken ct)
    {
        var course = new CourseScope(completion.PlatformId, completion.DeploymentId, completion.ContextId);
        var launch = await LaunchAsync(launchId, course, ct);
        var route = Route(launch, completion.ModuleCode, await CreatesColumnsAsync(course, ct));
        await ReleaseParkedWhenLinkedAsync(course, completion.ModuleCode, route, ct);
        Add(new GradeDeliveryEntity
        {
            AttemptId = completion.Id,
            PlatformId = completion.PlatformId,
            DeploymentId = completion.DeploymentId,
            ContextId = completion.ContextId,
            ResourceLinkId = completion.ResourceLinkId,
            ResourceId = completion.ModuleCode,
            Label = label,
            UserId = completion.UserId,
            UserName = completion.UserName,
        }, route, new AttemptGrade(completion.ScoreGiven, completion.ScoreMaximum, GradingComplete: true));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Where an item's grade goes, from what the launch it was earned in says (AGS 2.0 §3.1 claim, the link's custom parameters)
    /// and whether the course lets LtiPD create columns. A column holds one thing:
    /// <list type="bullet">
    /// <item>The launch of a link that names this very item (<c>ltipd_instrument</c> / <c>ltipd_module</c>, set by our deep
    /// linking): the link's line item (AGS 2.0 §3.2), which the platform made for that item.</item>
    /// <item>Anything else (the item taken from the teacher's home, from a module page, inside another item's launch): the
    /// item's own column in the course's container, found by resourceId = item code and tag <see cref="ColumnTag"/>; created
    /// only when the course designer switched creation on and the launch grants the line-item scope.</item>
    /// <item>The line item of a link that names no item (the teacher's home) never receives anything: it is titled for the
    /// activity, not for an assessment, and a score there would read as the activity's.</item>
    /// </list>
    /// Null: the launch offers no way to post scores at all.
    /// </summary>
    public static GradeRoute? Route(LaunchGradebook launch, string itemCode, bool courseCreatesColumns)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Endpoint is not { } endpoint)
            return null;
        if (launch.LinkedItem == itemCode && endpoint.LineItem is { } own)
            return new GradeRoute(own, endpoint.LineItems, MayCreate: false);
        return new GradeRoute(null, endpoint.LineItems, MayCreate: courseCreatesColumns && endpoint.MayManageLineItems && endpoint.LineItems is not null);
    }

    private void Add(GradeDeliveryEntity row, GradeRoute? route, AttemptGrade grade)
    {
        var now = Truncate(time.GetUtcNow());
        row.LineItemsUrl = route?.LineItems;
        row.LineItemUrl = route?.LineItem;
        row.LineItemMustExist = route is not { MayCreate: true };
        row.Label = row.Label.Length > 500 ? row.Label[..500] : row.Label;
        row.ScoreGiven = grade.ScoreGiven;
        row.ScoreMaximum = grade.ScoreMaximum;
        row.GradingProgress = (int)Progress(grade);
        row.Comment = Comment(grade);
        row.Timestamp = now;
        row.SubmittedAt = now;
        row.Status = (int)(route switch
        {
            null => DeliveryStatus.NotGradable,
            // No line item and no container to look in: the course has no column this grade may go to.
            { LineItem: null, LineItems: null } => DeliveryStatus.NoColumn,
            _ => DeliveryStatus.Pending,
        });
        row.NextAttemptAt = now;
        db.GradeDeliveries.Add(row);
    }

    /// <summary>
    /// A grade going to its item's own link shows the course now has a column for the item: grades of that item that were kept
    /// here for want of one (<see cref="DeliveryStatus.NoColumn"/>) become due and find it by resourceId.
    /// </summary>
    private async Task ReleaseParkedWhenLinkedAsync(CourseScope course, string itemCode, GradeRoute? route, CancellationToken ct)
    {
        if (route is { LineItem: not null } && course.IsCourse)
            await ReleaseParkedAsync(InCourse(course).Where(g => g.ResourceId == itemCode && g.LineItemsUrl != null), mayCreate: false, ct);
    }

    /// <summary>
    /// Called when a teacher opens an item from a launch (a module's page): if the launch is of the item's own link and the
    /// item's grade was kept here for want of a column, it goes to the link's line item now, with no resend, and the course's
    /// other kept grades of the item become due (the link's column carries the item's resourceId). True when anything moved.
    /// </summary>
    public async Task<bool> SendToOwnLinkAsync(string launchId, PersonInCourse member, string gradedId, string itemCode, CancellationToken ct)
    {
        var course = new CourseScope(member.PlatformId, member.DeploymentId, member.ContextId);
        if (!course.IsCourse)
            return false;
        var launch = await LaunchAsync(launchId, course, ct);
        if (Route(launch, itemCode, courseCreatesColumns: false) is not { LineItem: { } own })
            return false;
        var now = time.GetUtcNow();
        var mine = await InCourse(course)
            .Where(g => g.AttemptId == gradedId && g.UserId == member.UserId && g.ResourceId == itemCode && g.Status == (int)DeliveryStatus.NoColumn)
            .ExecuteUpdateAsync(g => g
                .SetProperty(x => x.LineItemUrl, own)
                .SetProperty(x => x.Status, (int)DeliveryStatus.Pending)
                .SetProperty(x => x.Tries, 0)
                .SetProperty(x => x.NextAttemptAt, now)
                .SetProperty(x => x.LastError, (string?)null), ct);
        var others = await ReleaseParkedAsync(InCourse(course).Where(g => g.ResourceId == itemCode && g.LineItemsUrl != null), mayCreate: false, ct);
        return mine + others > 0;
    }

    private async Task<int> ReleaseParkedAsync(IQueryable<GradeDeliveryEntity> rows, bool mayCreate, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await rows.Where(g => g.Status == (int)DeliveryStatus.NoColumn)
            .ExecuteUpdateAsync(g => g
                .SetProperty(x => x.Status, (int)DeliveryStatus.Pending)
                .SetProperty(x => x.LineItemMustExist, x => x.LineItemMustExist && !mayCreate)
                .SetProperty(x => x.Tries, 0)
                .SetProperty(x => x.NextAttemptAt, now)
                .SetProperty(x => x.LastError, (string?)null), ct);
    }

    /// <summary>Whether the course's designers let LtiPD create a column for an item that has none.</summary>
    public async Task<bool> CreatesColumnsAsync(CourseScope course, CancellationToken ct) =>
        course.IsCourse && await db.CourseGradeSettings.AsNoTracking()
            .AnyAsync(s => s.PlatformId == course.PlatformId && s.DeploymentId == course.DeploymentId && s.ContextId == course.ContextId && s.CreateColumns, ct);

    /// <summary>
    /// Switches column creation on or off for the course. Switching it on also releases the grades kept here for want of a
    /// column: they are sent now, to columns created for them. Only call this from a launch that grants the line-item scope
    /// (<see cref="GradebookOfAsync"/>): the scope belongs to the tool's registration, so the grades' own launches had it too.
    /// </summary>
    public async Task SetCreatesColumnsAsync(PersonInCourse designer, bool on, CancellationToken ct)
    {
        if (designer.ContextId is not { } contextId)
            throw new InvalidOperationException("Gradebook settings belong to a course.");
        var course = new CourseScope(designer.PlatformId, designer.DeploymentId, contextId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var settings = await db.CourseGradeSettings.FirstOrDefaultAsync(
            s => s.PlatformId == course.PlatformId && s.DeploymentId == course.DeploymentId && s.ContextId == contextId, ct);
        if (settings is null)
        {
            settings = new CourseGradeSettingsEntity { PlatformId = course.PlatformId, DeploymentId = course.DeploymentId, ContextId = contextId };
            db.CourseGradeSettings.Add(settings);
        }
        settings.CreateColumns = on;
        settings.ChangedBy = designer.UserId;
        settings.ChangedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        if (on)
            await ReleaseParkedAsync(InCourse(course).Where(g => g.LineItemsUrl != null), mayCreate: true, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>What a launch offers for grades: used by the course page to say whether LtiPD may create columns.</summary>
    public async Task<LaunchGradebook> GradebookOfAsync(string launchId, CourseScope course, CancellationToken ct) =>
        await LaunchAsync(launchId, course, ct);

    /// <summary>
    /// The AGS endpoint and linked item of the launch a grade is earned in. A delivery's course (its ContextId, which decides
    /// whose designers see it) and its column (the launch's line item or container) must come from the same course: the
    /// launch is refused when it was made in another course than the graded row's, which the callers' course-scoped lookups
    /// already rule out, so a course's gradebook can never receive, or show, another course's grade.
    /// </summary>
    private async Task<LaunchGradebook> LaunchAsync(string launchId, CourseScope graded, CancellationToken ct)
    {
        var launch = await db.LaunchSessions.Where(s => s.Id == launchId)
            .Select(s => new { s.PlatformId, s.DeploymentId, s.ContextId, s.PayloadJson }).FirstOrDefaultAsync(ct);
        if (launch is null)
            return new LaunchGradebook(null, null);
        if (new CourseScope(launch.PlatformId, launch.DeploymentId, launch.ContextId) != graded)
            throw new InvalidOperationException("A grade must go to the gradebook of the course it was earned in, through a launch in that course.");
        if (string.IsNullOrEmpty(launch.PayloadJson))
            return new LaunchGradebook(null, null);
        using var doc = JsonDocument.Parse(launch.PayloadJson);
        // Our deep linking names one item per link: an assessment or a module, never both.
        var linked = ReadCustom(doc.RootElement, DeepLinking.LinkedItem.InstrumentParameter) ?? ReadCustom(doc.RootElement, DeepLinking.LinkedItem.ModuleParameter);
        return new LaunchGradebook(ReadAgsEndpoint(doc.RootElement), linked);
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
        row.Comment = Comment(grade);
        // A grade kept here for want of a column stays kept: a review does not create a column the course did not ask for.
        if (row.Status is not ((int)DeliveryStatus.NotGradable or (int)DeliveryStatus.NoColumn))
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

    /// <summary>Grades of the course kept in LtiPD because the course has no column for them (a neutral state, not a failure).</summary>
    public async Task<IReadOnlyList<GradeDeliveryEntity>> KeptInCourseAsync(CourseScope course, CancellationToken ct) =>
        course.IsCourse
            ? await InCourse(course).Where(g => g.Status == (int)DeliveryStatus.NoColumn).OrderBy(g => g.Timestamp).AsNoTracking().ToListAsync(ct)
            : [];

    /// <summary>How many grades of every platform are kept in LtiPD for want of a column, for the tool's administrators.</summary>
    public Task<int> CountKeptEverywhereAsync(CancellationToken ct) =>
        db.GradeDeliveries.CountAsync(g => g.Status == (int)DeliveryStatus.NoColumn, ct);

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

    /// <summary>
    /// AGS 2.0 §3.4.5: a score an instructor has still to give is PendingManual (the platform shows the work as waiting for
    /// grading); only a complete one is FullyGraded.
    /// </summary>
    private static GradingProgress Progress(AttemptGrade grade) =>
        grade.GradingComplete ? GradingProgress.FullyGraded : GradingProgress.PendingManual;

    private static string? Comment(AttemptGrade grade) =>
        string.IsNullOrWhiteSpace(grade.Comment) ? null
        : grade.Comment.Length > AttemptReviewEntity.CommentMaxLength ? grade.Comment[..AttemptReviewEntity.CommentMaxLength] : grade.Comment;

    /// <summary>Milliseconds are what every LMS keeps of a timestamp; what is stored is then exactly what is sent.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);

    /// <summary>
    /// The AGS endpoint of the launch when it lets the tool post scores: the claim's scope must name the score scope
    /// (AGS 2.0 §3.1) and at least one of lineitem / lineitems must be an absolute URL. A claim without a scope list is read as
    /// granting scores only: creating columns needs the line-item scope named (AGS 2.0 §3.1, §3.2.5).
    /// </summary>
    private static AgsEndpoint? ReadAgsEndpoint(JsonElement payload)
    {
        if (!payload.TryGetProperty(LtiClaims.AgsEndpoint, out var claim) || claim.ValueKind != JsonValueKind.Object)
            return null;
        var scopes = claim.TryGetProperty("scope", out var scope) && scope.ValueKind == JsonValueKind.Array
            ? scope.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.String).Select(s => s.GetString()).ToHashSet(StringComparer.Ordinal)
            : null;
        if (scopes is not null && !scopes.Contains(LtiScopes.Score))
            return null;
        var lineItems = Url(claim, "lineitems");
        var lineItem = Url(claim, "lineitem");
        return lineItems is null && lineItem is null ? null : new AgsEndpoint(lineItems, lineItem, scopes?.Contains(LtiScopes.LineItem) == true);
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

/// <summary>
/// A launch's AGS endpoint as far as grades go (AGS 2.0 §3.1): the course's line-item container, the launched link's line
/// item, and whether the platform grants the line-item scope that creating a column needs.
/// </summary>
public sealed record AgsEndpoint(string? LineItems, string? LineItem, bool MayManageLineItems);

/// <summary>What a launch offers for grades: its AGS endpoint (null without one) and the item its link names, if any.</summary>
public sealed record LaunchGradebook(AgsEndpoint? Endpoint, string? LinkedItem);

/// <summary>
/// Where one grade goes: the launch's own line item, or else the item's column in the container, found by resourceId (and
/// created when <paramref name="MayCreate"/>). Both null: nowhere, the grade stays here.
/// </summary>
public sealed record GradeRoute(string? LineItem, string? LineItems, bool MayCreate);
