using System.Text.Json;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Grades;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Cohort;

/// <summary>A submitted attempt waiting for an instructor, as the review list shows it.</summary>
public sealed record PendingReview(string AttemptId, string InstrumentCode, int InstrumentVersion, string? TeacherName, string TeacherId, DateTimeOffset SubmittedAt);

/// <summary>One submitted attempt of the course with its answers (file contents left in the database).</summary>
public sealed record CourseAttempt(AttemptEntity Attempt, CatalogInstrument Instrument, IReadOnlyList<ResponseEntity> Responses);

/// <summary>One attempt a member handed in, as the member's page lists it; the score is null when there was not enough evidence.</summary>
public sealed record MemberAttempt(
    string Id, string InstrumentCode, int InstrumentVersion, string? UserName, DateTimeOffset SubmittedAt, double? ScoreGiven, double? ScoreMaximum, bool GradingComplete);

/// <summary>Rubric points a designer typed, per item and criterion, exactly as posted (still unchecked).</summary>
public sealed record RubricInput(string ItemCode, string CriterionCode, string? Value);

/// <summary>A rubric field that cannot be stored: missing, not a whole number, or outside 0…MaxPoints of its criterion.</summary>
public sealed record RubricFieldProblem(Item Item, RubricCriterion Criterion);

/// <summary>
/// The submitted attempts of one course as its designers see them. Every query is bounded by a <see cref="CourseScope"/>
/// (the platform, deployment and context of the designer's launch): a designer of one course never reads or scores an
/// attempt of another course, deployment or platform, even with its id in hand. Nobody scores their own attempt: the review
/// queue leaves it out and <see cref="ScoreAsync"/> refuses it.
/// </summary>
public sealed class CourseAttempts(LtiPdDbContext db, AssessmentCatalog catalog, GradeOutbox grades, GradeSignal gradeSignal, TimeProvider time)
{
    /// <summary>Submitted attempts of the course. A launch without a context has no course and sees none.</summary>
    public IQueryable<AttemptEntity> SubmittedInCourse(CourseScope course)
    {
        var contextId = course.ContextId;
        if (contextId is null)
            return db.Attempts.Where(a => false);
        return db.Attempts.Where(a => a.PlatformId == course.PlatformId && a.DeploymentId == course.DeploymentId
            && a.ContextId == contextId && a.Status == (int)AttemptStatus.Submitted);
    }

    /// <summary>
    /// Attempts a teacher handed in for themselves whose rubric tasks await an instructor. Submitting stores
    /// GradingComplete = false exactly when the scoring plan left a rubric item pending, so the flag is the list. The
    /// reviewer's own attempts are not on it: a designer who took a practical task in their course does not grade it.
    /// </summary>
    private IQueryable<AttemptEntity> Pending(PersonInCourse reviewer) =>
        SubmittedInCourse(reviewer.Course).Where(a => a.SubjectUserId == null && !a.GradingComplete && a.UserId != reviewer.UserId);

    public Task<int> CountPendingAsync(PersonInCourse reviewer, CancellationToken ct) => Pending(reviewer).CountAsync(ct);

    public async Task<IReadOnlyList<PendingReview>> PendingAsync(PersonInCourse reviewer, CancellationToken ct)
    {
        var rows = await Pending(reviewer).AsNoTracking()
            .Select(a => new PendingReview(a.Id, a.InstrumentCode, a.InstrumentVersion, a.UserName, a.UserId, a.SubmittedAt!.Value))
            .ToListAsync(ct);
        // Oldest first: whoever has waited longest is reviewed first. Sorted here because SQLite cannot order by DateTimeOffset.
        return rows.OrderBy(r => r.SubmittedAt).ToList();
    }

    /// <summary>The modules each person completed in the course (by module code, oldest first).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> CompletedModulesAsync(CourseScope course, CancellationToken ct)
    {
        if (course.ContextId is not { } contextId)
            return new Dictionary<string, IReadOnlyList<string>>();
        var rows = await db.ModuleCompletions.AsNoTracking()
            .Where(c => c.PlatformId == course.PlatformId && c.DeploymentId == course.DeploymentId && c.ContextId == contextId)
            .Select(c => new { c.UserId, c.ModuleCode, c.CompletedAt }).ToListAsync(ct);
        // Sorted here because SQLite cannot order by DateTimeOffset.
        return rows.GroupBy(r => r.UserId, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (IReadOnlyList<string>)g.OrderBy(r => r.CompletedAt).Select(r => r.ModuleCode).ToList(), StringComparer.Ordinal);
    }

    /// <summary>How many attempts each person handed in for themselves in the course, per instrument code.</summary>
    public async Task<IReadOnlyDictionary<(string UserId, string InstrumentCode), int>> SubmittedCountsAsync(CourseScope course, CancellationToken ct)
    {
        var rows = await SubmittedInCourse(course).Where(a => a.SubjectUserId == null)
            .GroupBy(a => new { a.UserId, a.InstrumentCode })
            .Select(g => new { g.Key.UserId, g.Key.InstrumentCode, Count = g.Count() })
            .ToListAsync(ct);
        return rows.ToDictionary(r => (r.UserId, r.InstrumentCode), r => r.Count);
    }

    public async Task<CourseAttempt?> FindAsync(CourseScope course, string attemptId, CancellationToken ct)
    {
        var attempt = await FindSubmittedAsync(course, attemptId, ct);
        if (attempt is null)
            return null;
        var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        return new CourseAttempt(attempt, instrument, await ResponsesAsync([attemptId], ct));
    }

    /// <summary>An attempt a member handed in for themselves in the course (without its answers), or null.</summary>
    public Task<AttemptEntity?> FindSubmittedAsync(CourseScope course, string attemptId, CancellationToken ct) =>
        SubmittedInCourse(course).AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId && a.SubjectUserId == null, ct);

    /// <summary>
    /// The attempts one member handed in for themselves in the course, newest first: the drill-down from the cohort. One
    /// person's rows through the owner index, whatever the size of the course.
    /// </summary>
    public async Task<IReadOnlyList<MemberAttempt>> OfMemberAsync(CourseScope course, string userId, CancellationToken ct)
    {
        var rows = await SubmittedInCourse(course).AsNoTracking().Where(a => a.UserId == userId && a.SubjectUserId == null)
            .Select(a => new MemberAttempt(a.Id, a.InstrumentCode, a.InstrumentVersion, a.UserName, a.SubmittedAt!.Value, a.ScoreGiven, a.ScoreMaximum, a.GradingComplete))
            .ToListAsync(ct);
        // Sorted here because SQLite cannot order by DateTimeOffset.
        return rows.OrderByDescending(r => r.SubmittedAt).ToList();
    }

    /// <summary>Every submitted attempt of the course with its answers, for statistics over the cohort.</summary>
    public async Task<IReadOnlyList<CourseAttempt>> AllSubmittedAsync(CourseScope course, CancellationToken ct)
    {
        var attempts = await SubmittedInCourse(course).AsNoTracking().ToListAsync(ct);
        var responses = (await ResponsesAsync(attempts.Select(a => a.Id).ToList(), ct)).ToLookup(r => r.AttemptId, StringComparer.Ordinal);
        var result = new List<CourseAttempt>(attempts.Count);
        foreach (var attempt in attempts)
            result.Add(new CourseAttempt(attempt, await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct), responses[attempt.Id].ToList()));
        return result;
    }

    /// <summary>The uploaded file of one rubric item of a course attempt, or null when there is none.</summary>
    public async Task<UploadedFile?> FileAsync(CourseScope course, string attemptId, string itemCode, CancellationToken ct)
    {
        var inCourse = SubmittedInCourse(course).Where(a => a.Id == attemptId && a.SubjectUserId == null).Select(a => a.Id);
        return await db.Responses.AsNoTracking()
            .Where(r => inCourse.Contains(r.AttemptId) && r.ItemCode == itemCode && r.FileContent != null)
            .Select(r => new UploadedFile(r.FileName ?? itemCode, r.FileContentType ?? "application/octet-stream", r.FileContent!))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The rubric items of an attempt the teacher handed something in for: the ones an instructor can judge.</summary>
    public static IReadOnlyList<(Item Item, ResponseEntity Response)> Submissions(CourseAttempt attempt)
    {
        var byItem = attempt.Responses.ToDictionary(r => r.ItemCode, StringComparer.Ordinal);
        return attempt.Instrument.Instrument.Items
            .Where(i => i.Kind == ItemKind.RubricTask && i.Rubric is not null)
            .Select(i => (Item: i, Response: byItem.GetValueOrDefault(i.Code)))
            .Where(p => p.Response is { } r && (r.Text is not null || r.FileName is not null))
            .Select(p => (p.Item, p.Response!))
            .ToList();
    }

    /// <summary>
    /// Checks every criterion of every submitted rubric item; when all are whole numbers within 0…MaxPoints,
    /// stores the points, the scorer and the reviewer's <paramref name="comment"/> (a review replaces the previous one), and
    /// re-scores the attempt; the comment goes to the LMS with the reviewed grade. Nothing is stored when any field is wrong.
    /// The caller keeps the comment within <see cref="AttemptReviewEntity.CommentMaxLength"/>.
    /// The pages refuse a scorer's own attempt before they get here (<see cref="IsOwnAttempt"/>); this refuses it again so no
    /// other caller can let a person grade themselves.
    /// </summary>
    public async Task<IReadOnlyList<RubricFieldProblem>> ScoreAsync(
        PersonScope scorer, CourseAttempt attempt, IReadOnlyList<RubricInput> inputs, string? comment, CancellationToken ct)
    {
        if (IsOwnAttempt(scorer, attempt))
            throw new InvalidOperationException("Nobody scores their own attempt.");
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (comment?.Length > AttemptReviewEntity.CommentMaxLength)
            throw new ArgumentException($"A review comment holds at most {AttemptReviewEntity.CommentMaxLength} characters.", nameof(comment));
        var given = inputs.ToDictionary(i => (i.ItemCode, i.CriterionCode), i => i.Value);
        var problems = new List<RubricFieldProblem>();
        var points = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var (item, _) in Submissions(attempt))
        {
            var perCriterion = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var criterion in item.Rubric!.Criteria)
            {
                var value = given.GetValueOrDefault((item.Code, criterion.Code));
                if (int.TryParse(value?.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p <= criterion.MaxPoints)
                    perCriterion[criterion.Code] = p;
                else
                    problems.Add(new RubricFieldProblem(item, criterion));
            }
            points[item.Code] = perCriterion;
        }
        if (problems.Count > 0 || points.Count == 0)
            return problems;

        var attemptId = attempt.Attempt.Id;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Touching the attempt first takes its row lock (PostgreSQL) or the write lock (SQLite): two designers
        // scoring the same attempt at once are serialised, so the grade below is computed from the points of both.
        await db.Attempts.Where(a => a.Id == attemptId).ExecuteUpdateAsync(a => a.SetProperty(x => x.UpdatedAt, now), ct);
        foreach (var (itemCode, perCriterion) in points)
        {
            var json = JsonSerializer.Serialize(perCriterion, AssessmentJson.Default.DictionaryStringInt32);
            await db.Responses.Where(r => r.AttemptId == attemptId && r.ItemCode == itemCode)
                .ExecuteUpdateAsync(r => r
                    .SetProperty(x => x.RubricPoints, json)
                    .SetProperty(x => x.ScoredBy, scorer.UserId)
                    .SetProperty(x => x.UpdatedAt, now), ct);
        }
        var review = await db.AttemptReviews.FirstOrDefaultAsync(r => r.AttemptId == attemptId, ct);
        if (review is null)
            db.AttemptReviews.Add(review = new AttemptReviewEntity { AttemptId = attemptId, ReviewedBy = scorer.UserId });
        review.Comment = comment;
        review.ReviewedBy = scorer.UserId;
        review.ReviewedAt = now;
        await db.SaveChangesAsync(ct);
        var score = attempt.Instrument.Plan.Score(Attempts.ToAnswers(await ResponsesAsync([attemptId], ct)));
        // The review is part of what the attempt measured: its result record is written again, frozen at the review.
        var record = ResultRecord.Of(attempt.Instrument, score, RecordStage.Reviewed, now).ToJson();
        await db.Attempts.Where(a => a.Id == attemptId)
            .ExecuteUpdateAsync(a => a
                .SetProperty(x => x.ScoreGiven, score.Grade.ScoreGiven)
                .SetProperty(x => x.ScoreMaximum, score.Grade.ScoreMaximum)
                .SetProperty(x => x.GradingComplete, score.Grade.GradingComplete)
                .SetProperty(x => x.ResultRecord, record), ct);
        // The new grade replaces the one on its way to the LMS, with a newer timestamp, in the same transaction.
        await grades.UpdateForRescoreAsync(attemptId, new AttemptGrade(score.Grade.ScoreGiven, score.Grade.ScoreMaximum, score.Grade.GradingComplete, comment), ct);
        await transaction.CommitAsync(ct);
        gradeSignal.Notify();
        return problems;
    }

    /// <summary>The review of an attempt of the course (its comment), for the reviewer's form; null before the first review.</summary>
    public Task<AttemptReviewEntity?> ReviewAsync(CourseScope course, string attemptId, CancellationToken ct) =>
        db.AttemptReviews.AsNoTracking()
            .Where(r => r.AttemptId == attemptId && SubmittedInCourse(course).Any(a => a.Id == r.AttemptId))
            .FirstOrDefaultAsync(ct);

    /// <summary>The review of the teacher's own attempt in the course, for their result page; null before any review.</summary>
    public Task<AttemptReviewEntity?> ReviewOfOwnAsync(PersonInCourse member, string attemptId, CancellationToken ct) =>
        db.AttemptReviews.AsNoTracking()
            .Where(r => r.AttemptId == attemptId && SubmittedInCourse(member.Course).Any(a => a.Id == r.AttemptId && a.UserId == member.UserId))
            .FirstOrDefaultAsync(ct);

    /// <summary>True when the attempt was handed in by this very person (same platform, deployment and user).</summary>
    public static bool IsOwnAttempt(PersonScope person, CourseAttempt attempt) =>
        new PersonScope(attempt.Attempt.PlatformId, attempt.Attempt.DeploymentId, attempt.Attempt.UserId) == person;

    /// <summary>Answers without the file bytes: a page of attempts must not pull every upload into memory.</summary>
    private Task<List<ResponseEntity>> ResponsesAsync(IReadOnlyList<string> attemptIds, CancellationToken ct) =>
        db.Responses.AsNoTracking().Where(r => attemptIds.Contains(r.AttemptId))
            .Select(r => new ResponseEntity
            {
                AttemptId = r.AttemptId,
                ItemCode = r.ItemCode,
                LikertValue = r.LikertValue,
                SelectedOptions = r.SelectedOptions,
                Text = r.Text,
                FileName = r.FileName,
                FileContentType = r.FileContentType,
                RubricPoints = r.RubricPoints,
                ScoredBy = r.ScoredBy,
                UpdatedAt = r.UpdatedAt,
            })
            .ToListAsync(ct);
}
