using System.Linq.Expressions;
using System.Text.Json;
using System.Text.Json.Serialization;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Programmes;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>When a result record was written: at submission, or when an instructor reviewed the attempt.</summary>
public enum RecordStage
{
    Submitted = 0,
    Reviewed = 1,
}

/// <summary>
/// What one attempt measured, frozen: its score (items, indicators, competencies with levels, the grade) and its evidence as a
/// whole. The result page and the next steps it suggests are computed from this and from the instrument version the attempt
/// was taken on (immutable), never from the teacher's later attempts, so an old result reads the same forever. It is written
/// when the attempt is submitted and again when it is reviewed (the review is part of what the attempt measured).
/// </summary>
public sealed record ResultRecord(int Format, RecordStage Stage, DateTimeOffset RecordedAt, AttemptScore Score, AttemptEvidence Evidence)
{
    /// <summary>The JSON shape's version, so a later shape can still read records written now.</summary>
    public const int CurrentFormat = 1;

    public static ResultRecord Of(CatalogInstrument instrument, AttemptScore score, RecordStage stage, DateTimeOffset at) =>
        new(CurrentFormat, stage, at, score, instrument.Plan.EvidenceOf(score));

    /// <summary>The grade the attempt has, or null when it has not enough evidence (then no grade exists, nor is sent).</summary>
    public LmsGrade? Grade => Evidence.Enough ? Score.Grade : null;

    public string ToJson() => JsonSerializer.Serialize(this, ResultRecordJson.Default.ResultRecord);

    public static ResultRecord? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize(json, ResultRecordJson.Default.ResultRecord);

    /// <summary>
    /// The record without its item scores and answer problems (both read as empty): what a profile is merged from. Skipping the
    /// items is most of the parse, and the nightly job reads two records per teacher.
    /// </summary>
    public static ResultRecord? MeasuresFromJson(string? json) => string.IsNullOrEmpty(json) ? null : MeasuresJson.Read(json);

    /// <summary>The attempt as module evidence (see <see cref="ModuleCompletion"/>).</summary>
    public SubmissionEvidence AsEvidence(AttemptEntity attempt, CatalogInstrument instrument)
    {
        double? percent = Grade is { ScoreMaximum: > 0 } grade ? 100 * grade.ScoreGiven / grade.ScoreMaximum : null;
        return new SubmissionEvidence(attempt.Id, attempt.InstrumentCode, attempt.ModuleCode, attempt.SubmittedAt ?? attempt.UpdatedAt,
            Evidence.Enough, Evidence.Answered, Evidence.ItemCount, Score.Grade.GradingComplete, percent,
            percent is { } p ? instrument.Plan.Policy.LevelOf(p) : null);
    }
}

/// <summary>
/// Reads the result records of submitted attempts. An attempt submitted before records existed has none: it is scored from its
/// stored answers on the version it was taken on, which gives what it measured then (versions never change).
/// </summary>
public sealed class ResultRecords(LtiPdDbContext db, AssessmentCatalog catalog)
{
    public async Task<ResultRecord> OfAsync(AttemptEntity attempt, CancellationToken ct) =>
        (await OfAsync([attempt], ct))[attempt.Id];

    /// <summary>
    /// Submitted attempts with only the columns <see cref="OfAsync(IReadOnlyList{AttemptEntity}, CancellationToken, bool)"/> and a
    /// replay of them read (who, what, when, the record), for reads of many attempts: the nightly job reads 200,000 of them, and
    /// the other columns (course, resource link, name, grade) were materialised for nothing.
    /// </summary>
    public static readonly Expression<Func<AttemptEntity, AttemptEntity>> RecordColumns = a => new AttemptEntity
    {
        Id = a.Id, DeploymentId = a.DeploymentId, UserId = a.UserId, SubjectUserId = a.SubjectUserId, InstrumentCode = a.InstrumentCode,
        InstrumentVersion = a.InstrumentVersion, Status = a.Status, StartedAt = a.StartedAt, UpdatedAt = a.UpdatedAt, SubmittedAt = a.SubmittedAt,
        ResultRecord = a.ResultRecord,
    };

    /// <summary>The records of several submitted attempts (loaded without their answers), keyed by attempt id.</summary>
    /// <param name="measuresOnly">Leave out item scores and answer problems (<see cref="ResultRecord.MeasuresFromJson"/>): enough to
    /// merge a profile, and much cheaper to read.</param>
    public async Task<IReadOnlyDictionary<string, ResultRecord>> OfAsync(IReadOnlyList<AttemptEntity> submitted, CancellationToken ct, bool measuresOnly = false)
    {
        var records = new Dictionary<string, ResultRecord>(StringComparer.Ordinal);
        var missing = new List<AttemptEntity>();
        foreach (var attempt in submitted)
        {
            if ((measuresOnly ? ResultRecord.MeasuresFromJson(attempt.ResultRecord) : ResultRecord.FromJson(attempt.ResultRecord)) is { } record)
                records[attempt.Id] = record;
            else
                missing.Add(attempt);
        }
        if (missing.Count == 0)
            return records;
        var responses = await Attempts.ResponsesOfAsync(db, missing.Select(a => a.Id).ToList(), ct);
        foreach (var attempt in missing)
        {
            var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
            var score = instrument.Plan.Score(Attempts.ToAnswers(responses[attempt.Id]));
            records[attempt.Id] = ResultRecord.Of(instrument, score, score.Grade.GradingComplete && HasRubric(instrument) ? RecordStage.Reviewed : RecordStage.Submitted,
                attempt.SubmittedAt ?? attempt.UpdatedAt);
        }
        return records;
    }

    private static bool HasRubric(CatalogInstrument instrument) =>
        instrument.Instrument.Items.Any(i => i.Kind == Domain.Assessment.ItemKind.RubricTask);
}

[JsonSerializable(typeof(ResultRecord))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
internal sealed partial class ResultRecordJson : JsonSerializerContext;
