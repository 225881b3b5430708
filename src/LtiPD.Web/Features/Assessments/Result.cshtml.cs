using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments.Charts;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// The result of one submitted attempt: a level per competency with what it means, the radar of this
/// attempt, the teacher's pyramid across everything they took (in every course of their platform), and what to do next.
/// The attempt itself is shown only from a launch in the course it was taken in.
/// </summary>
public sealed class ResultModel(
    Attempts attempts, AssessmentCatalog catalog, TeacherResults results, GradeOutbox grades, Cohort.CourseAttempts reviews, IStringLocalizer<SharedResource> t)
    : SessionPageModel
{
    public AttemptEntity Attempt { get; private set; } = null!;
    public CatalogInstrument Instrument { get; private set; } = null!;
    public AttemptScore Score { get; private set; } = null!;
    public TeacherProfile Profile { get; private set; } = null!;
    public PyramidBalance Balance { get; private set; } = null!;
    public string RadarSvg { get; private set; } = "";
    public string PyramidSvg { get; private set; } = "";
    public IReadOnlyList<string> NextSteps { get; private set; } = [];

    /// <summary>The teacher's KSA matrix for each subject competency this attempt gave evidence on.</summary>
    public IReadOnlyList<(Competency Subject, KsaMatrix Matrix)> KsaMatrices { get; private set; } = [];

    /// <summary>The practical tasks an instructor has scored, with the points per criterion; empty before a review.</summary>
    public IReadOnlyList<(LtiPD.Domain.Assessment.Item Item, IReadOnlyDictionary<string, int> Points)> Reviewed { get; private set; } = [];

    /// <summary>The instructor's review (its comment), once there is one.</summary>
    public AttemptReviewEntity? Review { get; private set; }

    /// <summary>Where the grade stands on its way to the LMS; null for an attempt submitted before the outbox existed.</summary>
    public GradeDeliveryEntity? Delivery { get; private set; }

    public async Task<IActionResult> OnGetAsync(string attemptId, CancellationToken ct)
    {
        var attempt = await attempts.FindOwnAsync(LtiSession.Member, attemptId, ct);
        if (attempt is null || attempt.SubjectUserId is not null)
            return Refuse(new Refusal(Attempts.AttemptNotFound, "This attempt does not exist, is not yours or was taken in another course.", StatusCodes.Status404NotFound));
        if (attempt.Status != (int)AttemptStatus.Submitted)
            return RedirectToPage("/Assessments/Take", new { sid = LtiSession.Id, code = attempt.InstrumentCode });
        Attempt = attempt;
        Instrument = await catalog.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct);
        Score = Instrument.Plan.Score(Attempts.ToAnswers(attempt.Responses));
        Profile = await results.ProfileAsync(LtiSession.Person, ct);
        Balance = PyramidBalance.Of(Profile.Components);
        RadarSvg = RadarChart.Render(
            Score.Competencies.Select(c => new RadarAxis(NameOf(c.Code), c.Percent, c.Level is { } l ? LevelName(l) : null)).ToList(),
            new RadarChartOptions
            {
                Title = t["Result.RadarTitle"],
                Summary = string.Join("; ", Score.Competencies.Select(c => $"{NameOf(c.Code)}: {(c.Percent is { } p ? $"{p:0}% {LevelName(c.Level!.Value)}" : t["Result.NoEvidence"])}")),
                NoEvidence = t["Result.NoEvidence"],
            });
        PyramidSvg = PyramidChart.Render(new PyramidInput(Profile.Components, Balance, new PyramidLabels(
            t["Result.PyramidTitle"], PyramidSummary(), ComponentName(Component.Social), ComponentName(Component.Subject),
            ComponentName(Component.Pedagogical), t["Result.NoEvidence"], DistortionCaption())));
        NextSteps = BuildNextSteps();
        KsaMatrices = Instrument.Framework.Of(Component.Subject)
            .Where(subject => Score.Competency(subject.Code) is not null)
            .Select(subject => (subject, KsaMatrix.Build(subject, Profile.IndicatorLevels(subject.Code))))
            .ToList();
        Delivery = await grades.FindAsync(attempt.Id, ct);
        var points = Attempts.ToAnswers(attempt.Responses).Where(a => a.RubricPoints is not null).ToDictionary(a => a.ItemCode, a => a.RubricPoints!);
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

    public string? DistortionCaption() => Balance.Distortion switch
    {
        Distortion.WeakPedagogical or Distortion.WeakSubject or Distortion.WeakSocial =>
            t["Result.Distorted", ComponentName(Balance.Weakest!.Value), $"{Balance.Lag:0}"],
        Distortion.None => t["Result.Balanced"],
        _ => t["Result.PyramidUndetermined"],
    };

    private string PyramidSummary() => string.Join("; ", Enum.GetValues<Component>().Select(c =>
        $"{ComponentName(c)}: {(Profile.Components.Of(c) is { } p ? $"{p:0}%" : t["Result.NoEvidence"].Value)}"));

    private List<string> BuildNextSteps()
    {
        var steps = new List<string>();
        var weakest = Score.Competencies.Where(c => c.Level is not null).OrderBy(c => c.Percent).FirstOrDefault();
        if (weakest.Level is { } level && level < Level.Advanced && Descriptor(weakest.Code, level + 1) is { } next)
            steps.Add(t["Result.NextCompetency", NameOf(weakest.Code), LevelName(level + 1), next]);
        if (Balance.Distortion is Distortion.WeakPedagogical or Distortion.WeakSubject or Distortion.WeakSocial)
            steps.Add(t["Result.NextComponent", ComponentName(Balance.Weakest!.Value)]);
        var pedagogical = Profile.CompetencyLevels();
        var elements = Instrument.Framework.Of(Component.Subject)
            .SelectMany(s => Profile.IndicatorLevels(s.Code)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        foreach (var task in Instrument.Framework.Tasks)
        {
            var evaluation = TaskChain.Evaluate(task, pedagogical, elements);
            if (evaluation.FirstMissing is { } missing)
            {
                var element = Instrument.Framework.Of(Component.Subject).SelectMany(s => s.KnowledgeElements)
                    .FirstOrDefault(e => e.Code == missing.Link.KnowledgeElementCode);
                steps.Add(t["Result.NextChain", Text(task.Name), NameOf(missing.Link.PedagogicalCompetencyCode),
                    element is null ? missing.Link.KnowledgeElementCode : Text(element.Name), LevelName(missing.Link.Required)]);
            }
        }
        if (steps.Count == 0)
            steps.Add(t["Result.NextNone"]);
        return steps;
    }
}
