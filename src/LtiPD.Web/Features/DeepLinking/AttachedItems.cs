using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Lti.DeepLinking;
using LtiPD.Web.Features.Lti;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.DeepLinking;

/// <summary>What a link created by our deep linking opens (stored as an int in attached_items.Kind).</summary>
public enum AttachedKind
{
    Assessment = 0,
    Module = 1,
}

/// <summary>One item a designer attached to the course through Deep Linking, as the course page lists it.</summary>
/// <param name="ScoreMaximum">The line item's scoreMaximum the response declared; null when it asked for no column.</param>
/// <param name="LaunchedAt">The first resource-link launch in the course that named the item; null: not seen launched yet.</param>
public sealed record AttachedItem(
    AttachedKind Kind, string ResourceCode, string Title, double? ScoreMaximum, string? LineItemTag, string? LineItemResourceId,
    DateTimeOffset SignedAt, string SignedBy, string? SignedByName, DateTimeOffset? LaunchedAt);

/// <summary>
/// The tool's record of what it attached to courses. The platform never reports what it did with a Deep Linking response
/// (Deep Linking 2.0 §4.5 ends at the browser's post), so every content item the tool signs is written here with the course of
/// the deep-linking launch, and a later resource-link launch in that course whose custom parameters name the item (LTI Core
/// 1.3 §5.4.6: the platform sends them back on every launch of the link) marks it as seen launched. Every read is bounded by
/// a <see cref="CourseScope"/>: a course never sees another course's, deployment's or platform's items.
/// </summary>
public sealed class AttachedItems(LtiPdDbContext db, TimeProvider time)
{
    /// <summary>
    /// Records the items of a response just signed for <paramref name="session"/>'s deep-linking launch. Items that name none
    /// of our resources (a plain link) are not attachments of an LtiPD item and are left out.
    /// </summary>
    public async Task RecordAsync(LaunchSession session, IReadOnlyList<ContentItem> items, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(items);
        var now = time.GetUtcNow();
        foreach (var item in items.OfType<LtiResourceLinkItem>())
        {
            if (LinkedItem.Named(item.Custom) is not { } named)
                continue;
            var (kind, code) = named;
            db.AttachedItems.Add(new AttachedItemEntity
            {
                Id = Guid.NewGuid().ToString("N"),
                PlatformId = session.PlatformId,
                DeploymentId = session.DeploymentId,
                ContextId = session.ContextId,
                Kind = (int)kind,
                ResourceCode = code,
                Title = item.Title ?? code,
                ScoreMaximum = item.LineItem?.ScoreMaximum,
                LineItemTag = item.LineItem?.Tag,
                LineItemResourceId = item.LineItem?.ResourceId,
                SignedAt = now,
                SignedBy = session.UserId,
                SignedByName = session.DisplayName,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The items attached to the course, newest first; none for a launch without a course.</summary>
    public async Task<IReadOnlyList<AttachedItem>> OfCourseAsync(CourseScope course, CancellationToken ct)
    {
        if (course.ContextId is not { } contextId)
            return [];
        var rows = await db.AttachedItems.AsNoTracking()
            .Where(i => i.PlatformId == course.PlatformId && i.DeploymentId == course.DeploymentId && i.ContextId == contextId)
            .Select(i => new AttachedItem((AttachedKind)i.Kind, i.ResourceCode, i.Title, i.ScoreMaximum, i.LineItemTag, i.LineItemResourceId,
                i.SignedAt, i.SignedBy, i.SignedByName, i.LaunchedAt))
            .ToListAsync(ct);
        // Sorted here because SQLite cannot order by DateTimeOffset.
        return rows.OrderByDescending(i => i.SignedAt).ThenBy(i => i.Title, StringComparer.CurrentCulture).ToList();
    }

    /// <summary>
    /// Marks the course's items of this kind and code as launched, once: the first launch is kept. A hand-written statement
    /// because it runs on the launch path (only for a launch of a link our deep linking made); it changes nothing after the
    /// first launch, and nothing at all in a course where the item was never attached through the tool.
    /// </summary>
    public Task<int> MarkLaunchedAsync(LaunchSession launch, AttachedKind kind, string code, CancellationToken ct) =>
        launch.ContextId is null
            ? Task.FromResult(0)
            : db.ExecuteAsync("""
                UPDATE attached_items SET "LaunchedAt" = @p0, "LaunchedResourceLinkId" = @p1
                WHERE "PlatformId" = @p2 AND "DeploymentId" = @p3 AND "ContextId" = @p4 AND "ResourceCode" = @p5 AND "Kind" = @p6
                  AND "LaunchedAt" IS NULL
                """, ct, db.StoreValue(time.GetUtcNow()), launch.ResourceLinkId, launch.PlatformId, launch.DeploymentId, launch.ContextId,
                code, (int)kind);
}
