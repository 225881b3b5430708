using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.People;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Grades;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

public enum AttemptStatus
{
    InProgress = 0,
    Submitted = 1,
}

/// <summary>
/// A person's attempts in one course as their home shows them: <paramref name="Own"/> (no subject), <paramref name="Given"/>
/// (their answers about colleagues) and <paramref name="Received"/> (colleagues' submitted answers about them).
/// </summary>
public sealed record AttemptsAround(IReadOnlyList<AttemptEntity> Own, IReadOnlyList<AttemptEntity> Given, IReadOnlyList<AttemptEntity> Received);

/// <summary>Why an answer or a submission was refused; the page shows the sentence and keeps the rest.</summary>
public sealed record AttemptRefusal(string Code, string Message, int Status);

/// <summary>
/// Attempts and their answers. An attempt belongs to a person in the course it was started in (<see cref="PersonInCourse"/>):
/// it is resumed, answered, submitted and shown only from a launch in that course, and an attempt id of another course,
/// person or tenant is simply not found. Otherwise an attempt started in course A and submitted from course B would send its
/// grade to B's gradebook column while its delivery said A. Only the teacher's own profile combines their attempts across
/// courses (<see cref="OwnedBy"/>). Each answer is written when it is given, so a closed browser or an expired session loses
/// nothing; a submitted attempt is never changed again.
/// </summary>
public sealed class Attempts(LtiPdDbContext db, AssessmentCatalog catalog, GradeOutbox grades, GradeSignal gradeSignal, TimeProvider time)
{
    public const string AttemptNotFound = "attempt_not_found";
    public const string AttemptSubmitted = "attempt_submitted";
    public const string AnswerInvalid = "answer_invalid";
    public const string TextTooLong = "text_too_long";
    public const string NothingHandedIn = "nothing_handed_in";
    public const int MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The longest text answer, in characters (a line break counts once, as the browser's maxlength counts it).</summary>
    public const int MaxTextCharacters = 20_000;

    /// <summary>Every attempt of the person, in every course of their platform deployment: for their own profile only.</summary>
    public IQueryable<AttemptEntity> OwnedBy(PersonScope person) =>
        db.Attempts.Where(a => a.PlatformId == person.PlatformId && a.DeploymentId == person.DeploymentId && a.UserId == person.UserId);

    /// <summary>The person's attempts in one course (a launch without a context is a course of its own).</summary>
    public IQueryable<AttemptEntity> InCourse(PersonInCourse owner) =>
        OwnedBy(owner.Person).Where(a => a.ContextId == owner.ContextId);

    /// <summary>
    /// Everything about attempts that the teacher's home shows, in one read (it is part of every launch): the person's attempts
    /// in the course, their own and the answers they gave colleagues, and the colleagues' submitted answers about them. Without
    /// their responses: <see cref="WithResponsesAsync"/> adds those to the few attempts that need them.
    /// </summary>
    public async Task<AttemptsAround> AroundAsync(PersonInCourse me, CancellationToken ct)
    {
        var rows = me.ContextId is { } context
            ? await db.ReadAsync(AroundInContext, EntityRows.Attempt, ct, me.PlatformId, me.DeploymentId, me.UserId, context)
            : await db.ReadAsync(AroundWithoutContext, EntityRows.Attempt, ct, me.PlatformId, me.DeploymentId, me.UserId);
        var mine = rows.Where(a => a.UserId == me.UserId).ToList();
        return new AttemptsAround(
            mine.Where(a => a.SubjectUserId == null).ToList(),
            mine.Where(a => a.SubjectUserId != null).ToList(),
            rows.Where(a => a.SubjectUserId == me.UserId && a.Status == (int)AttemptStatus.Submitted).ToList());
    }

    // Hand-written (LtiPdDbContext.ReadAsync: compiled once per connection on SQLite). Two selects joined by UNION ALL, each with
    // an index of its own (IX_attempts_owner, IX_attempts_subject): with OR, SQLite factors out the course and scans every
    // attempt of the course through IX_attempts_context. A launch without a context is a course of its own (IS NULL).
    private static readonly string AroundInContext = Around("\"ContextId\" = @p3");
    private static readonly string AroundWithoutContext = Around("\"ContextId\" IS NULL");

    private static string Around(string inCourse) =>
        $"SELECT {EntityRows.AttemptColumns} FROM attempts WHERE \"PlatformId\" = @p0 AND \"DeploymentId\" = @p1 AND \"UserId\" = @p2 AND {inCourse} " +
        $"UNION ALL SELECT {EntityRows.AttemptColumns} FROM attempts WHERE \"PlatformId\" = @p0 AND \"DeploymentId\" = @p1 " +
        $"AND \"SubjectUserId\" = @p2 AND \"Status\" = {(int)AttemptStatus.Submitted} AND \"UserId\" <> @p2 AND {inCourse}";

    /// <summary>Fills in the responses of <paramref name="attempts"/> (read without them), with one query; none for an empty list.</summary>
    public async Task WithResponsesAsync(IReadOnlyCollection<AttemptEntity> attempts, CancellationToken ct)
    {
        if (attempts.Count == 0)
            return;
        var responses = await ResponsesOfAsync(db, attempts.Select(a => a.Id).ToList(), ct);
        foreach (var attempt in attempts)
            attempt.Responses = [.. responses[attempt.Id]];
    }

    /// <summary>
    /// The responses of these attempts by attempt id, without the file bytes: scores, records and progress need what was
    /// answered, not the documents handed in.
    /// </summary>
    public static async Task<ILookup<string, ResponseEntity>> ResponsesOfAsync(LtiPdDbContext db, IReadOnlyCollection<string> attemptIds, CancellationToken ct) =>
        (await db.Responses.AsNoTracking().Where(r => attemptIds.Contains(r.AttemptId))
            .Select(r => new ResponseEntity
            {
                AttemptId = r.AttemptId, ItemCode = r.ItemCode, LikertValue = r.LikertValue, SelectedOptions = r.SelectedOptions,
                Text = r.Text, FileName = r.FileName, RubricPoints = r.RubricPoints,
            }).ToListAsync(ct)).ToLookup(r => r.AttemptId, StringComparer.Ordinal);

    public Task<AttemptEntity?> FindOwnAsync(PersonInCourse owner, string attemptId, CancellationToken ct) =>
        InCourse(owner).Include(a => a.Responses).AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, ct);

    /// <summary>
    /// The attempt in progress at this instrument in this course (for this colleague, in peer feedback), or a new one on its
    /// newest version, started in this course and launch.
    /// </summary>
    public async Task<AttemptEntity> ResumeOrStartAsync(
        PersonInCourse owner, string? resourceLinkId, string? userName, CatalogInstrument instrument, string? subjectUserId, CancellationToken ct)
    {
        var code = instrument.Instrument.Code;
        var open = await InCourse(owner).Include(a => a.Responses).AsNoTracking()
            .Where(a => a.InstrumentCode == code && a.Status == (int)AttemptStatus.InProgress && a.SubjectUserId == subjectUserId)
            .OrderByDescending(a => a.StartedAt).FirstOrDefaultAsync(ct);
        if (open is not null)
            return open;
        var now = time.GetUtcNow();
        var attempt = new AttemptEntity
        {
            Id = LoginService.NewOpaqueValue(),
            PlatformId = owner.PlatformId,
            DeploymentId = owner.DeploymentId,
            ContextId = owner.ContextId,
            ResourceLinkId = resourceLinkId,
            UserId = owner.UserId,
            UserName = userName,
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
    /// the item does not have, a value off the scale) is not stored and is reported; the others are kept. For a practical
    /// task the text and the file are judged apart: a text over <see cref="MaxTextCharacters"/> or a file that is not one of
    /// the accepted documents is refused and what was stored for it stays, while the other half is kept.
    /// </summary>
    public async Task<(int Saved, IReadOnlyList<AttemptRefusal> Refused)> SaveAsync(
        PersonInCourse owner, string attemptId, IReadOnlyList<AnswerInput> answers, CancellationToken ct)
    {
        var attempt = await InCourse(owner).FirstOrDefaultAsync(a => a.Id == attemptId, ct);
        if (attempt is null)
            return (0, [NotFound()]);
        if (attempt.Status == (int)AttemptStatus.Submitted)
            return (0, [Submitted()]);
        var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        var refused = new List<AttemptRefusal>();
        var now = time.GetUtcNow();
        var existing = await db.Responses.Where(r => r.AttemptId == attemptId).ToDictionaryAsync(r => r.ItemCode, StringComparer.Ordinal, ct);
        var saved = 0;
        foreach (var given in answers)
        {
            var (input, problems) = Check(instrument, given);
            refused.AddRange(problems);
            if (input is null)
                continue;
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
                row.FileContentType = HandedInDocuments.Recognise(file.Name, file.Content)!.MediaType;
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
    /// click) cannot both succeed, and the grade recorded is the one of the answers stored. The result record (what the
    /// attempt measured) is written in the same update. The grade for the LMS goes to the outbox in the same transaction: it
    /// exists exactly when the submission does. An attempt below the instrument's minimum evidence is kept as submitted with
    /// "not enough evidence": no score, no level, and no grade row, so the LMS never receives a 0 for questions nobody
    /// answered. A practical task with nothing handed in is refused and nothing changes.
    /// </summary>
    /// <param name="launchId">The launch the attempt is submitted in: its grade goes to that launch's gradebook column, and the
    /// owner's course (where the attempt was found) is the launch's course.</param>
    /// <param name="language">The language the grade's column label is written in.</param>
    /// <param name="moduleCode">The module the attempt was taken for (checked by the caller to name this instrument), or null.</param>
    public async Task<AttemptRefusal?> SubmitAsync(
        PersonInCourse owner, string launchId, string attemptId, string language, string? moduleCode, CancellationToken ct)
    {
        var attempt = await FindOwnAsync(owner, attemptId, ct);
        if (attempt is null)
            return NotFound();
        if (attempt.Status == (int)AttemptStatus.Submitted)
            return Submitted();
        var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        if (RefuseEmptyHandIn(instrument, attempt.Responses) is { } empty)
            return empty;
        var score = instrument.Plan.Score(ToAnswers(attempt.Responses));
        var now = time.GetUtcNow();
        var record = ResultRecord.Of(instrument, score, RecordStage.Submitted, now);
        var grade = record.Grade;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.Attempts
            .Where(a => a.Id == attemptId && a.Status == (int)AttemptStatus.InProgress)
            .ExecuteUpdateAsync(a => a
                .SetProperty(x => x.Status, (int)AttemptStatus.Submitted)
                .SetProperty(x => x.SubmittedAt, now)
                .SetProperty(x => x.UpdatedAt, now)
                .SetProperty(x => x.ScoreGiven, grade.HasValue ? grade.Value.ScoreGiven : null)
                .SetProperty(x => x.ScoreMaximum, grade.HasValue ? grade.Value.ScoreMaximum : null)
                // Not enough evidence leaves nothing to review either: the attempt stays off the review queue.
                .SetProperty(x => x.GradingComplete, grade == null || grade.Value.GradingComplete)
                .SetProperty(x => x.ModuleCode, moduleCode)
                .SetProperty(x => x.ResultRecord, record.ToJson()), ct);
        if (updated != 1)
            return Submitted();
        // Peer feedback rates a colleague: it is not the rater's own grade, so it goes to no gradebook. An attempt with not
        // enough evidence has no grade to send.
        if (attempt.SubjectUserId is null && grade is { } g)
        {
            await grades.AddForSubmissionAsync(launchId, attempt, instrument.Instrument.Title.For(language), new AttemptGrade(g.ScoreGiven, g.ScoreMaximum, g.GradingComplete), ct);
        }
        await transaction.CommitAsync(ct);
        gradeSignal.Notify();
        return null;
    }

    /// <summary>
    /// A practical task is judged on what was handed in; one with no text and no file for any of its tasks has nothing an
    /// instructor could review, so submitting it is refused (422) and the attempt stays open.
    /// </summary>
    public static AttemptRefusal? RefuseEmptyHandIn(CatalogInstrument instrument, IEnumerable<ResponseEntity> responses)
    {
        var tasks = instrument.Instrument.Items.Where(i => i.Kind == ItemKind.RubricTask).Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        if (tasks.Count == 0 || responses.Any(r => tasks.Contains(r.ItemCode) && (!string.IsNullOrWhiteSpace(r.Text) || r.FileName is not null)))
            return null;
        return new AttemptRefusal(NothingHandedIn,
            "Nothing is handed in for this practical task: write your work in the text field or attach a document, then submit.",
            StatusCodes.Status422UnprocessableEntity);
    }

    /// <summary>The points an instructor gave per criterion, per practical task of the attempt (without the files handed in).</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>> RubricPointsAsync(string attemptId, CancellationToken ct)
    {
        var rows = await db.Responses.AsNoTracking().Where(r => r.AttemptId == attemptId && r.RubricPoints != null)
            .Select(r => new { r.ItemCode, r.RubricPoints }).ToListAsync(ct);
        return rows.ToDictionary(r => r.ItemCode,
            r => (IReadOnlyDictionary<string, int>)System.Text.Json.JsonSerializer.Deserialize(r.RubricPoints!, AssessmentJson.Default.DictionaryStringInt32)!,
            StringComparer.Ordinal);
    }

    public static IReadOnlyList<Answer> ToAnswers(IEnumerable<ResponseEntity> responses) =>
        responses.Select(r => new Answer(
            r.ItemCode,
            r.LikertValue,
            r.SelectedOptions?.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            r.RubricPoints is { } points ? System.Text.Json.JsonSerializer.Deserialize(points, AssessmentJson.Default.DictionaryStringInt32) : null,
            r.Text ?? r.FileName)).ToList();

    /// <summary>The part of an answer that may be stored (null when none may) and what was refused of it.</summary>
    private static (AnswerInput? Kept, IReadOnlyList<AttemptRefusal> Problems) Check(CatalogInstrument instrument, AnswerInput input)
    {
        var item = instrument.Instrument.FindItem(input.ItemCode);
        if (item is null)
            return (null, [new(AnswerInvalid, $"The question '{input.ItemCode}' is not part of this assessment.", StatusCodes.Status400BadRequest)]);
        if (item.Kind == ItemKind.RubricTask)
            return CheckHandIn(input);
        var score = instrument.Plan.Score([new Answer(input.ItemCode, input.LikertValue, input.SelectedOptions)]);
        return score.Problems.Count > 0
            ? (null, [new(AnswerInvalid, score.Problems[0].Message, StatusCodes.Status400BadRequest)])
            : (input, []);
    }

    /// <summary>A practical task's text and file, each refused on its own: the instructor gets whatever part of it is sound.</summary>
    private static (AnswerInput? Kept, IReadOnlyList<AttemptRefusal> Problems) CheckHandIn(AnswerInput input)
    {
        var problems = new List<AttemptRefusal>();
        var text = input.Text;
        if (text is not null && TextLength(text) > MaxTextCharacters)
        {
            problems.Add(new(TextTooLong,
                $"The text for '{input.ItemCode}' is {TextLength(text)} characters long; at most {MaxTextCharacters} are accepted. It was not saved; the text saved before is kept.",
                StatusCodes.Status400BadRequest));
            text = null;
        }
        var file = input.File;
        if (file is { Content.Length: > MaxFileBytes })
        {
            problems.Add(new(AnswerInvalid, $"The file for '{input.ItemCode}' is larger than {MaxFileBytes / 1024 / 1024} MB.", StatusCodes.Status413PayloadTooLarge));
            file = null;
        }
        else if (file is not null && HandedInDocuments.Recognise(file.Name, file.Content) is null)
        {
            problems.Add(new(HandedInDocuments.TypeRefused,
                $"The file for '{input.ItemCode}' is not a document this task accepts: {HandedInDocuments.AcceptedNames}, with content that matches its name. The file handed in before is kept.",
                StatusCodes.Status415UnsupportedMediaType));
            file = null;
        }
        return (text is null && file is null ? null : input with { Text = text, File = file }, problems);
    }

    /// <summary>Characters as a browser's maxlength counts them: a line break the form sends as CR LF counts once.</summary>
    public static int TextLength(string text) => text.Length - CountCrLf(text);

    private static int CountCrLf(string text)
    {
        var count = 0;
        for (var i = text.IndexOf("\r\n", StringComparison.Ordinal); i >= 0; i = text.IndexOf("\r\n", i + 2, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static AttemptRefusal NotFound() =>
        new(AttemptNotFound, "This attempt does not exist, is not yours or was started in another course.", StatusCodes.Status404NotFound);

    private static AttemptRefusal Submitted() =>
        new(AttemptSubmitted, "This attempt was already submitted; its answers can no longer change.", StatusCodes.Status409Conflict);
}

/// <summary>One answer as posted by the page.</summary>
public sealed record AnswerInput(string ItemCode, int? LikertValue = null, IReadOnlyList<string>? SelectedOptions = null, string? Text = null, UploadedFile? File = null);

public sealed record UploadedFile(string Name, string ContentType, byte[] Content);
