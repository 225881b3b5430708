using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Assessment.Scoring;

/// <summary>
/// One-off scoring for callers that score a single attempt. Anything that scores many attempts of
/// the same instrument version should keep a <see cref="ScoringPlan"/> and call its Score.
/// </summary>
public static class AttemptScorer
{
    public static AttemptScore Score(Instrument instrument, CompetencyFramework framework, IReadOnlyList<Answer> answers, ScoringPolicy? policy = null) =>
        ScoringPlan.Compile(instrument, framework, policy).Score(answers);
}
