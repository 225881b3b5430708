using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Lti;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

public enum AttemptStatus
{
    InProgress = 0,
    Submitted = 1,
}

/// <summary>Why an answer or a submission was refused; the page shows the sentence and keeps the rest.</summary>
public sealed record AttemptRefusal(string Code, string Message, int Status);

/// <summary>
/// Attempts and their answers. Everything is scoped to the owner of the launch session (platform,
/// deployment, user): an attempt id from another tenant or person is simply not found. Each answer is
/// written when it is given, so a closed browser or an expired session loses nothing; a submitted attempt
/// is never changed again.
/// </summary>
public sealed class Attempts(LtiPdDbContext db, AssessmentCatalog catalog, GradeOutbox grades, GradeSignal gradeSignal, TimeProvider time)
{
    public const string AttemptNotFound = "attempt_not_found";
    public const string AttemptSubmitted = "attempt_submitted";
    public const string AnswerInvalid = "answer_invalid";
    public const int MaxFileBytes = 5 * 1024 * 1024;

    public IQueryable<AttemptEntity> OwnedBy(LaunchSession session) =>
        db.Attempts.Where(a => a.PlatformId == session.PlatformId && a.DeploymentId == session.DeploymentId && a.UserId == session.UserId);

    public Task<AttemptEntity?> FindOwnAsync(LaunchSession session, string attemptId, CancellationToken ct) =>
        OwnedBy(session).Include(a => a.Responses).AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, ct);

    /// <summary>The attempt in progress at this instrument (for this colleague, in peer feedback), or a new one on its newest version.</summary>
    public async Task<AttemptEntity> ResumeOrStartAsync(LaunchSession session, CatalogInstrument instrument, string? subjectUserId, CancellationToken ct)
    {
        var code = instrument.Instrument.Code;
        var open = await OwnedBy(session).Include(a => a.Responses).AsNoTracking()
            .Where(a => a.InstrumentCode == code && a.Status == (int)AttemptStatus.InProgress && a.SubjectUserId == subjectUserId)
            .OrderByDescending(a => a.StartedAt).FirstOrDefaultAsync(ct);
        if (open is not null)
            return open;
        var now = time.GetUtcNow();
        var attempt = new AttemptEntity
        {
            Id = LoginService.NewOpaqueValue(),
            PlatformId = session.PlatformId,
            DeploymentId = session.DeploymentId,
            ContextId = session.ContextId,
            ResourceLinkId = session.ResourceLinkId,
            UserId = session.UserId,
            UserName = session.DisplayName,
            InstrumentCode = code,
            InstrumentVersion = instrument.Instrument.Version,
            SubjectUserId = subjectUserId,
            StartedAt = now,
            UpdatedAt = now,
        };
        db.Attempts.Add(attempt);
        await db.SaveChangesAsync(ct);
        db.Entry(attempt).State = EntityState.Detached;
        return attempt;
    }

    /// <summary>
    /// Stores the given answers (insert or replace per item). An answer the scoring plan refuses (an option
    /// the item does not have, a value off the scale) is not stored and is reported; the others are kept.
    /// </summary>
    public async Task<(int Saved, IReadOnlyList<AttemptRefusal> Refused)> SaveAsync(
        LaunchSession session, string attemptId, IReadOnlyList<AnswerInput> answers, CancellationToken ct)
    {
        var attempt = await OwnedBy(session).FirstOrDefaultAsync(a => a.Id == attemptId, ct);
        if (attempt is null)
            return (0, [NotFound()]);
        if (attempt.Status == (int)AttemptStatus.Submitted)
            return (0, [Submitted()]);
        var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        var refused = new List<AttemptRefusal>();
        var now = time.GetUtcNow();
        var existing = await db.Responses.Where(r => r.AttemptId == attemptId).ToDictionaryAsync(r => r.ItemCode, StringComparer.Ordinal, ct);
        var saved = 0;
        foreach (var input in answers)
        {
            var problem = Check(instrument, input);
            if (problem is not null)
            {
                refused.Add(problem);
                continue;
            }
            if (!existing.TryGetValue(input.ItemCode, out var row))
            {
                row = new ResponseEntity { AttemptId = attemptId, ItemCode = input.ItemCode };
                db.Responses.Add(row);
                existing[input.ItemCode] = row;
            }
            row.LikertValue = input.LikertValue;
            row.SelectedOptions = input.SelectedOptions is { } options ? string.Join(' ', options) : null;
            row.Text = input.Text ?? row.Text;
            if (input.File is { } file)
            {
                row.FileName = file.Name;
                row.FileContentType = file.ContentType;
                row.FileContent = file.Content;
            }
            row.UpdatedAt = now;
            saved++;
        }
        attempt.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (saved, refused);
    }

    /// <summary>
    /// Scores and closes the attempt in one conditional update, so two submits racing (two tabs, a double
    /// click) cannot both succeed, and the grade recorded is the one of the answers stored. The grade for the
    /// LMS goes to the outbox in the same transaction: it exists exactly when the submission does.
    /// </summary>
    public async Task<AttemptRefusal?> SubmitAsync(LaunchSession session, string attemptId, CancellationToken ct)
    {
        var attempt = await FindOwnAsync(session, attemptId, ct);
        if (attempt is null)
            return NotFound();
        if (attempt.Status == (int)AttemptStatus.Submitted)
            return Submitted();
        var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        var score = instrument.Plan.Score(ToAnswers(attempt.Responses));
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.Attempts
            .Where(a => a.Id == attemptId && a.Status == (int)AttemptStatus.InProgress)
            .ExecuteUpdateAsync(a => a
                .SetProperty(x => x.Status, (int)AttemptStatus.Submitted)
                .SetProperty(x => x.SubmittedAt, now)
                .SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.ScoreGiven, score.Grade.ScoreGiven)
                .SetProperty(x => x.ScoreMaximum, score.Grade.ScoreMaximum)
                .SetProperty(x => x.GradingComplete, score.Grade.GradingComplete), ct);
        if (updated != 1)
            return Submitted();
        // Peer feedback rates a colleague: it is not the rater's own grade, so it goes to no gradebook.
        if (attempt.SubjectUserId is null)
        {
            var grade = new AttemptGrade(score.Grade.ScoreGiven, score.Grade.ScoreMaximum, score.Grade.GradingComplete);
            await grades.AddForSubmissionAsync(session, attempt, instrument.Instrument.Title.For(session.Culture.Name), grade, ct);
        }
        await transaction.CommitAsync(ct);
        gradeSignal.Notify();
        return null;
    }

    public static IReadOnlyList<Answer> ToAnswers(IEnumerable<ResponseEntity> responses) =>
        responses.Select(r => new Answer(
            r.ItemCode,
            r.LikertValue,
            r.SelectedOptions?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            r.RubricPoints is { } points ? System.Text.Json.JsonSerializer.Deserialize(points, AssessmentJson.Default.DictionaryStringInt32) : null,
            r.Text ?? r.FileName)).ToList();

    private static AttemptRefusal? Check(CatalogInstrument instrument, AnswerInput input)
    {
        var item = instrument.Instrument.FindItem(input.ItemCode);
        if (item is null)
            return new(AnswerInvalid, $"The question '{input.ItemCode}' is not part of this assessment.", StatusCodes.Status400BadRequest);
        if (input.File is { Content.Length: > MaxFileBytes })
            return new(AnswerInvalid, $"The file for '{input.ItemCode}' is larger than {MaxFileBytes / 1024 / 1024} MB.", StatusCodes.Status413PayloadTooLarge);
        if (item.Kind == ItemKind.RubricTask)
            return null; // free text or a file: anything the teacher hands in is kept for the instructor
        var score = instrument.Plan.Score([new Answer(input.ItemCode, input.LikertValue, input.SelectedOptions)]);
        return score.Problems.Count > 0
            ? new(AnswerInvalid, score.Problems[0].Message, StatusCodes.Status400BadRequest)
            : null;
    }

    private static AttemptRefusal NotFound() =>
        new(AttemptNotFound, "This attempt does not exist or is not yours.", StatusCodes.Status404NotFound);

    private static AttemptRefusal Submitted() =>
        new(AttemptSubmitted, "This attempt was already submitted; its answers can no longer change.", StatusCodes.Status409Conflict);
}

/// <summary>One answer as posted by the page.</summary>
public sealed record AnswerInput(string ItemCode, int? LikertValue = null, IReadOnlyList<string>? SelectedOptions = null, string? Text = null, UploadedFile? File = null);

public sealed record UploadedFile(string Name, string ContentType, byte[] Content);
