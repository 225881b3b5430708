using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments.Charts;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// The result of one submitted attempt, as recorded when it was submitted (and again when it was reviewed): a level per
/// competency it measured with what it means, its radar, the KSA matrix of the subject competencies it measured and what to do
/// next, all from its <see cref="ResultRecord"/> and the instrument version it was taken on. Nothing here reads the teacher's
/// other attempts, so an old result never changes; the profile across attempts is its own page (<see cref="ProfileModel"/>).
/// The attempt itself is shown only from a launch in the course it was taken in.
/// </summary>
public sealed class ResultModel(
    Attempts attempts, AssessmentCatalog catalog, ResultRecords records, GradeOutbox grades, Cohort.CourseAttempts reviews, IStringLocalizer<SharedResource> t)
    : SessionPageModel
{
    public AttemptEntity Attempt { get; private set; } = null!;
    public CatalogInstrument Instrument { get; private set; } = null!;
    public ResultRecord Record { get; private set; } = null!;
    public AttemptScore Score => Record.Score;
    public string RadarSvg { get; private set; } = "";
    public IReadOnlyList<string> NextSteps { get; private set; } = [];

    /// <summary>The KSA matrix of each subject competency this attempt measured, from this attempt's knowledge-element levels.</summary>
    public IReadOnlyList<(Competency Subject, KsaMatrix Matrix)> KsaMatrices { get; private set; } = [];

    /// <summary>The practical tasks an instructor has scored, with the points per criterion; empty before a review.</summary>
    public IReadOnlyList<(LtiPD.Domain.Assessment.Item Item, IReadOnlyDictionary<string, int> Points)> Reviewed { get; private set; } = [];

    /// <summary>The instructor's review (its comment), once there is one.</summary>
    public AttemptReviewEntity? Review { get; private set; }

    /// <summary>Where the grade stands on its way to the LMS; null when no grade exists (not enough evidence, or before the outbox).</summary>
    public GradeDeliveryEntity? Delivery { get; private set; }

    public async Task<IActionResult> OnGetAsync(string attemptId, CancellationToken ct)
    {
        var attempt = await attempts.InCourse(LtiSession.Member).AsNoTracking().FirstOrDefaultAsync(a => a.Id == attemptId, ct);
        if (attempt is null || attempt.SubjectUserId is not null)
            return Refuse(Attempts.AttemptNotFound, StatusCodes.Status404NotFound);
        if (attempt.Status != (int)AttemptStatus.Submitted)
            return RedirectToPage("/Assessments/Take", new { sid = LtiSession.Id, code = attempt.InstrumentCode });
        Attempt = attempt;
        Instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        Record = await records.OfAsync(attempt, ct);
        RadarSvg = RadarChart.Render(
            Score.Competencies.Select(c => new RadarAxis(NameOf(c.Code), c.Percent, c.Level is { } l ? LevelName(l) : null)).ToList(),
            new RadarChartOptions
            {
                Title = t["Result.RadarTitle"],
                Summary = string.Join("; ", Score.Competencies.Select(c => $"{NameOf(c.Code)}: {(c.Percent is { } p ? $"{p:0}% {LevelName(c.Level!.Value)}" : t["Result.NoEvidence"])}")),
                NoEvidence = t["Result.NoEvidence"],
            });
        KsaMatrices = Instrument.Framework.Of(Component.Subject)
            .Where(subject => Score.Competency(subject.Code) is not null)
            .Select(subject => (subject, KsaMatrix.Build(subject, Score.IndicatorLevels(subject.Code))))
            .ToList();
        // Task chains join pedagogical competencies with knowledge elements: only an attempt that measured one of those says
        // anything about them (a social self-assessment must not suggest subject work it never looked at).
        NextSteps = Record.Evidence.Enough
            ? NextStepAdvice.Build(t, Instrument.Framework, Score.CompetencyLevels(), SubjectLevels(), Score.Competencies, null,
                Score.Competencies.Any(c => c.Component != Component.Social && c.Level is not null), Text)
            : [];
        Delivery = Record.Grade is null ? null : await grades.FindAsync(attempt.Id, ct);
        var points = await attempts.RubricPointsAsync(attempt.Id, ct);
        Reviewed = Instrument.Instrument.Items
            .Where(i => i.Rubric is not null && points.ContainsKey(i.Code))
            .Select(i => (i, points[i.Code]))
            .ToList();
        Review = await reviews.ReviewOfOwnAsync(LtiSession.Member, attempt.Id, ct);
        return Page();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    public string NameOf(string competencyCode) =>
        Instrument.Framework.FindCompetency(competencyCode) is { } c ? Text(c.Name) : competencyCode;

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

    private Dictionary<string, Level> SubjectLevels() =>
        Instrument.Framework.Of(Component.Subject).SelectMany(s => Score.IndicatorLevels(s.Code))
            .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
}
