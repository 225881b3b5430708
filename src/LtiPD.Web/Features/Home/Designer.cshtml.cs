using LtiPD.Domain.People;
using LtiPD.Lti.Services.Ags;
using LtiPD.Web.Features.Cohort;
using LtiPD.Web.Features.DeepLinking;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Home;

/// <summary>Why the course page cannot offer column creation, or null when it can.</summary>
public enum ColumnCreationBlock
{
    /// <summary>The launch has no course: there is no gradebook.</summary>
    NoCourse,

    /// <summary>The launch carries no AGS claim that lets the tool post scores.</summary>
    NoGradebook,

    /// <summary>The platform did not grant the line-item scope (AGS 2.0 §3.1), or named no line-item container.</summary>
    ScopeNotGranted,
}

/// <summary>
/// The course designer's landing page (instructors, content developers, teaching assistants, admins), with the course's
/// gradebook setting: whether LtiPD may create one column per assessment and module that has none (docs/grades.md); and what
/// is attached to the course: the items the tool signed in Deep Linking responses for it, whether a launch of each has
/// arrived, and the gradebook columns the LMS lists for the course (read on each visit; an LMS that does not answer only
/// leaves that part out).
/// </summary>
public sealed class DesignerModel(
    CourseAttempts attempts, GradeOutbox grades, GradeSignal signal, AttachedItems attached, GradebookResults gradebook, ILogger<DesignerModel> logger)
    : SessionPageModel
{
    public const string ColumnsNotAllowed = "lineitem_scope_not_granted";

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public bool IsDeepLinking => LtiSession.MessageType == LtiPD.Lti.LtiMessageTypes.DeepLinkingRequest;

    /// <summary>Practical tasks of this course waiting for an instructor, leaving out the designer's own.</summary>
    public int PendingReviews { get; private set; }

    /// <summary>The course lets LtiPD create a column per item.</summary>
    public bool CreatesColumns { get; private set; }

    /// <summary>Why the setting is shown disabled; null when the designer may change it.</summary>
    public ColumnCreationBlock? Blocked { get; private set; }

    public bool JustSaved { get; private set; }

    /// <summary>The items attached to this course through the tool's Deep Linking responses, newest first.</summary>
    public IReadOnlyList<AttachedItem> Attached { get; private set; } = [];

    /// <summary>The course's gradebook columns as the LMS lists them, or why they are not shown.</summary>
    public CourseLineItems LineItems { get; private set; } = CourseLineItems.NotOffered;

    private string? _lineItemsUrl;

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        JustSaved = saved;
        PendingReviews = await attempts.CountPendingAsync(LtiSession.Member, ct);
        await LoadGradebookAsync(ct);
        Attached = await attached.OfCourseAsync(LtiSession.Course, ct);
        LineItems = await gradebook.LineItemsAsync(LtiSession.Course, _lineItemsUrl, ct);
        if (LineItems.State == LineItemsState.Unreadable)
            logger.LogWarning("The course's line items could not be read for user {UserId}: {Outcome}", LtiSession.UserId, LineItems.Outcome);
    }

    /// <summary>
    /// The column the LMS made for an attached item: a line item with the resourceId and tag the item declared (Deep Linking
    /// 2.0 §3.1 lineItem), the one still labelled with the item's title when the same item was attached more than once. Null
    /// when the item declared none, the LMS was not read, or it lists no such column.
    /// </summary>
    public LineItem? ColumnOf(AttachedItem item)
    {
        if (item.LineItemResourceId is null)
            return null;
        var matching = LineItems.Items.Where(c => c.ResourceId == item.LineItemResourceId && (item.LineItemTag is null || c.Tag == item.LineItemTag)).ToList();
        return matching.FirstOrDefault(c => c.Label == item.Title) ?? matching.FirstOrDefault();
    }

    /// <summary>Switches column creation on or off; refused (409) when this launch does not grant the line-item scope.</summary>
    public async Task<IActionResult> OnPostGradebookAsync(bool createColumns, CancellationToken ct)
    {
        await LoadGradebookAsync(ct);
        if (Blocked is not null)
            return Refuse(ColumnsNotAllowed, StatusCodes.Status409Conflict);
        await grades.SetCreatesColumnsAsync(LtiSession.Member, createColumns, ct);
        logger.LogInformation("User {UserId} set column creation to {On} in their course", LtiSession.UserId, createColumns);
        if (createColumns)
            signal.Notify();
        return RedirectToPage(new { sid = LtiSession.Id, saved = true });
    }

    private async Task LoadGradebookAsync(CancellationToken ct)
    {
        var course = LtiSession.Course;
        if (!course.IsCourse)
        {
            Blocked = ColumnCreationBlock.NoCourse;
            return;
        }
        CreatesColumns = await grades.CreatesColumnsAsync(course, ct);
        var launch = await grades.GradebookOfAsync(LtiSession.Id, course, ct);
        _lineItemsUrl = launch.Endpoint?.LineItems;
        Blocked = launch.Endpoint switch
        {
            null => ColumnCreationBlock.NoGradebook,
            { MayManageLineItems: false } or { LineItems: null } => ColumnCreationBlock.ScopeNotGranted,
            _ => null,
        };
    }
}
