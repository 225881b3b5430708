using LtiPD.Data;
using LtiPD.Domain.People;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Grades;

/// <summary>One learner's result as the LMS holds it, with the name the tool knows for them.</summary>
public sealed record GradebookResult(string UserId, string? UserName, double? Score, double? Maximum, string? Comment);

/// <summary>
/// What the LMS answered for one gradebook column the tool delivered to: its results when <see cref="Outcome"/> succeeded,
/// otherwise the outcome saying what failed. <paramref name="Url"/> is the column's URL, or the line-item container's
/// when the column itself could not be found.
/// </summary>
public sealed record GradebookColumn(string Label, Uri Url, ServiceCallOutcome Outcome, IReadOnlyList<GradebookResult> Results);

/// <summary>Whether the course's line items could be read: the launch offers none, or the LMS answered, or it did not.</summary>
public enum LineItemsState
{
    /// <summary>The launch carries no AGS line-item container (no gradebook for this launch, or no course).</summary>
    NotOffered,
    Read,

    /// <summary>The LMS was asked and did not answer with the list (down, slow, refused): <see cref="CourseLineItems.Outcome"/> says how.</summary>
    Unreadable,
}

/// <summary>The course's gradebook columns (AGS 2.0 §3.2 line items) as the LMS listed them, or why there is no list.</summary>
public sealed record CourseLineItems(LineItemsState State, IReadOnlyList<LineItem> Items, ServiceCallOutcome? Outcome = null)
{
    public static readonly CourseLineItems NotOffered = new(LineItemsState.NotOffered, []);
}

/// <summary>
/// Reads back from the LMS (AGS 2.0 §3.3 results) the columns this tool delivered grades to in a course, so an instructor sees
/// what the gradebook holds rather than what the tool sent. The columns are those of the course's grade_deliveries rows: the
/// launch's own line item, or the column found by the item's resourceId in the container (grades kept in LtiPD for want of a
/// column have none and are left out). Every LMS failure becomes an
/// outcome on its column; nothing here throws for an LMS.
/// </summary>
public sealed class GradebookResults(LtiPdDbContext db, IPlatformRegistry platforms, AgsClient ags)
{
    public async Task<IReadOnlyList<GradebookColumn>> ReadAsync(CourseScope course, CancellationToken ct)
    {
        if (!course.IsCourse)
            return [];
        var rows = await db.GradeDeliveries.AsNoTracking()
            .Where(g => g.PlatformId == course.PlatformId && g.DeploymentId == course.DeploymentId && g.ContextId == course.ContextId
                && g.Status != (int)DeliveryStatus.NotGradable && g.Status != (int)DeliveryStatus.NoColumn)
            .Select(g => new { g.LineItemUrl, g.LineItemsUrl, g.ResourceId, g.Label, g.UserId, g.UserName })
            .ToListAsync(ct);
        if (rows.Count == 0 || await platforms.FindByKeyAsync(course.PlatformId, ct) is not { } platform)
            return [];
        var names = rows.Where(r => r.UserName is not null).GroupBy(r => r.UserId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().UserName, StringComparer.Ordinal);

        var columns = new List<GradebookColumn>();
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var own in rows.Where(r => r.LineItemUrl is not null).GroupBy(r => r.LineItemUrl!, StringComparer.Ordinal))
        {
            if (Uri.TryCreate(own.Key, UriKind.Absolute, out var url) && read.Add(url.AbsoluteUri))
                columns.Add(await ResultsAsync(platform, own.First().Label, url, names, ct));
        }
        // Rows without the launch's line item went to the column with the instrument's resourceId (found or created then).
        foreach (var byResource in rows.Where(r => r.LineItemUrl is null && r.LineItemsUrl is not null).GroupBy(r => (r.LineItemsUrl!, r.ResourceId)))
        {
            if (!Uri.TryCreate(byResource.Key.Item1, UriKind.Absolute, out var container))
                continue;
            var label = byResource.First().Label;
            var found = await CallAsync(() => ags.ListLineItemsAsync(platform, container, new LineItemFilter(ResourceId: byResource.Key.ResourceId), ct));
            if (!found.IsSuccess)
            {
                columns.Add(new GradebookColumn(label, container, found.Outcome, []));
                continue;
            }
            // The filter is checked here as well: a platform may ignore resource_id.
            foreach (var item in found.Value!.Where(i => i.ResourceId == byResource.Key.ResourceId && i.Id is not null))
            {
                if (read.Add(item.Id!.AbsoluteUri))
                    columns.Add(await ResultsAsync(platform, item.Label.Length > 0 ? item.Label : label, item.Id, names, ct));
            }
        }
        return columns;
    }

    /// <summary>
    /// Every line item in the course's container (AGS 2.0 §3.2.4), read with the line-item read scope through the same client and
    /// outbound policy as grade passback. <paramref name="lineItemsUrl"/> is the container of a launch in this very course (its
    /// AGS claim), so the LMS answers for that course only. An LMS that fails is an outcome, never an exception.
    /// </summary>
    public async Task<CourseLineItems> LineItemsAsync(CourseScope course, string? lineItemsUrl, CancellationToken ct)
    {
        if (!course.IsCourse || !Uri.TryCreate(lineItemsUrl, UriKind.Absolute, out var container)
            || await platforms.FindByKeyAsync(course.PlatformId, ct) is not { } platform)
            return CourseLineItems.NotOffered;
        var listed = await CallAsync(() => ags.ListLineItemsAsync(platform, container, null, ct));
        return listed.IsSuccess
            ? new CourseLineItems(LineItemsState.Read, listed.Value!, listed.Outcome)
            : new CourseLineItems(LineItemsState.Unreadable, [], listed.Outcome);
    }

    private async Task<GradebookColumn> ResultsAsync(
        PlatformRegistration platform, string label, Uri lineItem, IReadOnlyDictionary<string, string?> names, CancellationToken ct)
    {
        var results = await CallAsync(() => ags.ListResultsAsync(platform, lineItem, null, null, ct));
        if (!results.IsSuccess)
            return new GradebookColumn(label, lineItem, results.Outcome, []);
        var shown = results.Value!
            .Select(r => new GradebookResult(r.UserId, names.GetValueOrDefault(r.UserId), r.ResultScore, r.ResultMaximum, r.Comment))
            .OrderBy(r => r.UserName ?? r.UserId, StringComparer.CurrentCulture).ToList();
        return new GradebookColumn(label, lineItem, results.Outcome, shown);
    }

    /// <summary>A 401 dropped the cached service token; one more call with a fresh token tells a stale token from a refusal.</summary>
    private static async Task<ServiceResult<T>> CallAsync<T>(Func<Task<ServiceResult<T>>> call)
    {
        var result = await call();
        return result.Outcome.Kind == ServiceOutcomeKind.TokenRejected ? await call() : result;
    }
}
