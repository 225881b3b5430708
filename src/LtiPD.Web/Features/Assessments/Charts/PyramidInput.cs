using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Web.Features.Assessments.Charts;

/// <summary>What the pyramid chart draws: a teacher's three component percents and the balance computed from them.</summary>
/// <param name="Scores">Percent per component; a null component is drawn hatched with <see cref="PyramidLabels.NoEvidence"/>.</param>
/// <param name="Balance">The distortion, as computed by <see cref="PyramidBalance.Of"/> under the institution's policy; when it is distorted, its weakest component is highlighted.</param>
/// <param name="Labels">Every word of the chart, already localized.</param>
/// <param name="Id">Id of the &lt;svg&gt; and prefix of the ids inside it; give each chart on a page its own.</param>
public sealed record PyramidInput(ComponentScores Scores, PyramidBalance Balance, PyramidLabels Labels, string Id = "pyramid");

/// <summary>The localized words of the pyramid chart; the chart composes no sentence of its own.</summary>
/// <param name="Title">The accessible name of the image (&lt;title&gt;).</param>
/// <param name="Summary">A sentence that leads the &lt;desc&gt;; each component with its percent follows it, then the caption.</param>
/// <param name="NoEvidence">Shown in place of a percent for a component without evidence.</param>
/// <param name="Caption">The distortion in words, e.g. "Weak pedagogical component: lags the others by 23 points", shown under the pyramid; null for none.</param>
public sealed record PyramidLabels(string Title, string Summary, string Social, string Subject, string Pedagogical, string NoEvidence, string? Caption = null)
{
    public string NameOf(Component component) => component switch
    {
        Component.Social => Social,
        Component.Subject => Subject,
        Component.Pedagogical => Pedagogical,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };
}
