using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Profiles;

/// <summary>
/// A teacher's percent per component of the pyramid: the mean percent of that component's
/// competencies that have enough evidence (each competency weighs the same, however many items
/// measured it). Null when no competency of the component has enough evidence: an unmeasured side
/// of the pyramid is unknown, not zero.
/// </summary>
public sealed record ComponentScores(double? Social, double? Subject, double? Pedagogical)
{
    /// <summary>
    /// From competency scores of one attempt or of several instruments put together; pass each
    /// competency once (a competency listed twice counts twice).
    /// </summary>
    public static ComponentScores From(IReadOnlyList<CompetencyScore> competencies)
    {
        ArgumentNullException.ThrowIfNull(competencies);
        Span<double> sums = stackalloc double[3];
        Span<int> counts = stackalloc int[3];
        for (var i = 0; i < competencies.Count; i++)
        {
            var c = competencies[i];
            if (c.Evidence != Evidence.Enough || c.Percent is not { } percent)
                continue;
            sums[(int)c.Component] += percent;
            counts[(int)c.Component]++;
        }
        return new ComponentScores(
            Mean(sums[(int)Component.Social], counts[(int)Component.Social]),
            Mean(sums[(int)Component.Subject], counts[(int)Component.Subject]),
            Mean(sums[(int)Component.Pedagogical], counts[(int)Component.Pedagogical]));
    }

    public double? Of(Component component) => component switch
    {
        Component.Social => Social,
        Component.Subject => Subject,
        Component.Pedagogical => Pedagogical,
        _ => throw new ArgumentOutOfRangeException(nameof(component), component, null),
    };

    private static double? Mean(double sum, int count) => count == 0 ? null : sum / count;
}
