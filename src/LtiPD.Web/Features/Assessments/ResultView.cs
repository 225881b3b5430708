using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments.Charts;
using LtiPD.Web.Features.Grades;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// Everything the result of one submitted attempt shows (_Result.cshtml), for its teacher (<see cref="ResultModel"/>) and,
/// read-only, for an instructor of the course drilling into a member (Cohort/MemberResult): the same rendering, so the two
/// can never tell a different story. <see cref="ReadOnly"/> leaves out what only the teacher may do (take it again).
/// </summary>
public sealed record ResultView(
    string SessionId,
    string Language,
    bool ReadOnly,
    AttemptEntity Attempt,
    CatalogInstrument Instrument,
    ResultRecord Record,
    string RadarSvg,
    IReadOnlyList<string> NextSteps,
    IReadOnlyList<(Competency Subject, KsaMatrix Matrix)> KsaMatrices,
    IReadOnlyList<(LtiPD.Domain.Assessment.Item Item, IReadOnlyDictionary<string, int> Points)> Reviewed,
    AttemptReviewEntity? Review,
    GradeDeliveryEntity? Delivery)
{
    public AttemptScore Score => Record.Score;

    public string Text(LocalizedText text) => text.For(Language);

    public string NameOf(string competencyCode) => ResultViews.NameOf(Instrument, competencyCode, Language);

    public string LevelName(Level level) => Text(ContentNames.LevelName(level));

    public string ComponentName(Component component) => Text(ContentNames.ComponentName(component));

    /// <summary>What the attained level looks like, from the framework's level descriptors.</summary>
    public string? Descriptor(string competencyCode, Level level) =>
        Instrument.Framework.FindCompetency(competencyCode)?.LevelDescriptors.TryGetValue(level, out var text) == true ? Text(text!) : null;

    /// <summary>The item texts of the unanswered items, in instrument order.</summary>
    public IEnumerable<(int Number, string Code, string Text)> UnansweredItems() =>
        Instrument.Instrument.Items.Select((item, n) => (Number: n + 1, item.Code, Text: Text(item.Text)))
            .Where(i => Record.Evidence.Unanswered.Contains(i.Code));

    /// <summary>The competencies this attempt was meant to measure and could not, for lack of answers.</summary>
    public IEnumerable<string> CompetenciesWithoutEvidence() =>
        Score.Competencies.Where(c => c.Evidence == Evidence.NotEnough).Select(c => NameOf(c.Code));
}

/// <summary>
/// Builds a <see cref="ResultView"/> from a submitted attempt, as recorded when it was submitted (and again when it was
/// reviewed): a level per competency it measured with what it means, its radar, the KSA matrix of the subject competencies it
/// measured and what to do next, all from its <see cref="ResultRecord"/> and the instrument version it was taken on. Nothing
/// here reads the teacher's other attempts, so an old result never changes. Callers decide who may see the attempt.
/// </summary>
public sealed class ResultViews(Attempts attempts, AssessmentCatalog catalog, ResultRecords records, GradeOutbox grades, IStringLocalizer<SharedResource> t)
{
    /// <param name="language">The reader's language ("en", "ru", "kk").</param>
    /// <param name="review">The instructor's review of the attempt, looked up by the caller within its own access rule.</param>
    public async Task<ResultView> BuildAsync(
        string sessionId, string language, bool readOnly, AttemptEntity attempt, AttemptReviewEntity? review, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        var record = await records.OfAsync(attempt, ct);
        var score = record.Score;
        string Text(LocalizedText text) => text.For(language);
        string Name(string code) => NameOf(instrument, code, language);
        string Level(Level level) => Text(ContentNames.LevelName(level));
        var radar = RadarChart.Render(
            score.Competencies.Select(c => new RadarAxis(Name(c.Code), c.Percent, c.Level is { } l ? Level(l) : null)).ToList(),
            new RadarChartOptions
            {
                Title = t["Result.RadarTitle"],
                Summary = string.Join("; ", score.Competencies.Select(c => $"{Name(c.Code)}: {(c.Percent is { } p ? $"{p:0}% {Level(c.Level!.Value)}" : t["Result.NoEvidence"])}")),
                NoEvidence = t["Result.NoEvidence"],
            });
        var ksa = instrument.Framework.Of(Component.Subject)
            .Where(subject => score.Competency(subject.Code) is not null)
            .Select(subject => (subject, KsaMatrix.Build(subject, score.IndicatorLevels(subject.Code))))
            .ToList();
        // Task chains join pedagogical competencies with knowledge elements: only an attempt that measured one of those says
        // anything about them (a social self-assessment must not suggest subject work it never looked at).
        var nextSteps = record.Evidence.Enough
            ? NextStepAdvice.Build(t, instrument.Framework, score.CompetencyLevels(), SubjectLevels(instrument, score), score.Competencies, null,
                score.Competencies.Any(c => c.Component != Component.Social && c.Level is not null), Text)
            : [];
        var delivery = record.Grade is null ? null : await grades.FindAsync(attempt.Id, ct);
        var points = await attempts.RubricPointsAsync(attempt.Id, ct);
        var reviewed = instrument.Instrument.Items
            .Where(i => i.Rubric is not null && points.ContainsKey(i.Code))
            .Select(i => (i, points[i.Code]))
            .ToList();
        return new ResultView(sessionId, language, readOnly, attempt, instrument, record, radar, nextSteps, ksa, reviewed, review, delivery);
    }

    public static string NameOf(CatalogInstrument instrument, string competencyCode, string language) =>
        instrument.Framework.FindCompetency(competencyCode) is { } c ? c.Name.For(language) : competencyCode;

    private static Dictionary<string, Level> SubjectLevels(CatalogInstrument instrument, AttemptScore score) =>
        instrument.Framework.Of(Component.Subject).SelectMany(s => score.IndicatorLevels(s.Code))
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
}
