using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Profiles;

/// <summary>The shape of the pyramid (seed 001): balanced, or distorted by one weak component.</summary>
public enum Distortion
{
    /// <summary>A component has no evidence, so the shape cannot be told.</summary>
    Undetermined = 0,

    /// <summary>The weakest component lags the other two by no more than the margin.</summary>
    None = 1,

    WeakPedagogical = 2,

    WeakSubject = 3,

    WeakSocial = 4,
}

/// <summary>
/// Pyramid balance and distortion, two indicators of seed 001, with formulas a person can check
/// on paper from the three component percents S (social), J (subject), P (pedagogical):
/// <list type="bullet">
/// <item><b>Balance index</b> = 1 − (max − min) / 100, from 1 (all equal: the isosceles triangle) down to 0
/// (one component at 100, another at 0).</item>
/// <item><b>Lag</b> of the weakest component w = mean of the other two − w, in points. The pyramid is
/// distorted when the lag exceeds the policy's <see cref="ScoringPolicy.DistortionMargin"/> (default 15):
/// the weak component names the distortion and the lag is its size.</item>
/// </list>
/// The weakest component is the one with the lowest percent (it also has the largest lag); on a tie
/// the order is Social, Subject, Pedagogical, because a weak base weighs on the other two.
/// </summary>
/// <param name="BalanceIndex">Null when undetermined.</param>
/// <param name="Weakest">Null when undetermined.</param>
/// <param name="Lag">Points by which <paramref name="Weakest"/> lags the mean of the other two; null when undetermined.</param>
public sealed record PyramidBalance(Distortion Distortion, double? BalanceIndex, Component? Weakest, double? Lag)
{
    public static PyramidBalance Undetermined { get; } = new(Distortion.Undetermined, null, null, null);

    public bool IsDistorted => Distortion is Distortion.WeakPedagogical or Distortion.WeakSubject or Distortion.WeakSocial;

    public static PyramidBalance Of(ComponentScores scores, ScoringPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        policy ??= ScoringPolicy.Default;
        if (scores is not { Social: { } social, Subject: { } subject, Pedagogical: { } pedagogical })
            return Undetermined;

        var weakest = Component.Social;
        var min = social;
        if (subject < min)
        {
            weakest = Component.Subject;
            min = subject;
        }
        if (pedagogical < min)
        {
            weakest = Component.Pedagogical;
            min = pedagogical;
        }
        var max = Math.Max(social, Math.Max(subject, pedagogical));
        var balance = 1 - (max - min) / 100;
        var lag = (social + subject + pedagogical - min) / 2 - min;
        var distortion = lag <= policy.DistortionMargin
            ? Distortion.None
            : weakest switch
            {
                Component.Social => Distortion.WeakSocial,
                Component.Subject => Distortion.WeakSubject,
                _ => Distortion.WeakPedagogical,
            };
        return new PyramidBalance(distortion, balance, weakest, lag);
    }
}
