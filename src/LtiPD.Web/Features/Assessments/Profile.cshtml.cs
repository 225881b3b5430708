using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments.Charts;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// The teacher's current profile across their attempts (<see cref="TeacherResults"/>): a level per competency, the pyramid of
/// the three components, the KSA matrices and what to do next. Unlike a result page it moves with every new attempt, which is
/// why it is a page of its own.
/// </summary>
public sealed class ProfileModel(TeacherResults results, AssessmentCatalog catalog, IStringLocalizer<SharedResource> t) : SessionPageModel
{
    public TeacherProfile Profile { get; private set; } = null!;
    public CompetencyFramework? Framework { get; private set; }
    public PyramidBalance Balance { get; private set; } = null!;
    public string PyramidSvg { get; private set; } = "";
    public IReadOnlyList<string> NextSteps { get; private set; } = [];
    public IReadOnlyList<(Competency Subject, KsaMatrix Matrix)> KsaMatrices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Profile = await results.ProfileAsync(LtiSession.Person, ct);
        Framework = (await catalog.LatestAsync(ct)).Select(i => i.Framework).FirstOrDefault();
        Balance = PyramidBalance.Of(Profile.Components);
        PyramidSvg = PyramidChart.Render(new PyramidInput(Profile.Components, Balance, new PyramidLabels(
            t["Result.PyramidTitle"], PyramidSummary(), ComponentName(Component.Social), ComponentName(Component.Subject),
            ComponentName(Component.Pedagogical), t["Result.NoEvidence"], DistortionCaption())));
        if (Framework is { } framework)
        {
            KsaMatrices = framework.Of(Component.Subject)
                .Where(subject => Profile.Competencies.Any(c => c.Code == subject.Code))
                .Select(subject => (subject, KsaMatrix.Build(subject, Profile.IndicatorLevels(subject.Code))))
                .ToList();
            var elements = framework.Of(Component.Subject).SelectMany(s => Profile.IndicatorLevels(s.Code))
                .GroupBy(p => p.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
            NextSteps = Profile.Competencies.Any(c => c.Level is not null)
                ? NextStepAdvice.Build(t, framework, Profile.CompetencyLevels(), elements, Profile.Competencies, Balance, chains: true, Text)
                : [];
        }
        return Page();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    public string NameOf(string competencyCode) =>
        Framework?.FindCompetency(competencyCode) is { } c ? Text(c.Name) : competencyCode;

    public string LevelName(Level level) => Text(ContentNames.LevelName(level));

    public string ComponentName(Component component) => Text(ContentNames.ComponentName(component));

    private string DistortionCaption() => Balance.Distortion switch
    {
        Distortion.WeakPedagogical or Distortion.WeakSubject or Distortion.WeakSocial =>
            t["Result.Distorted", ComponentName(Balance.Weakest!.Value), $"{Balance.Lag:0}"],
        Distortion.None => t["Result.Balanced"],
        _ => t["Result.PyramidUndetermined"],
    };

    private string PyramidSummary() => string.Join("; ", Enum.GetValues<Component>().Select(c =>
        $"{ComponentName(c)}: {(Profile.Components.Of(c) is { } p ? $"{p:0}%" : t["Result.NoEvidence"].Value)}"));
}
