using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Domain.Development;

/// <summary>
/// The seven barriers of the TALIS 2018 teacher questionnaire ("How strongly do you agree or disagree that the following
/// present barriers to your participation in professional development?"), answered on a 4-point agreement scale:
/// 1 strongly disagree, 2 disagree, 3 agree, 4 strongly agree.
/// </summary>
public enum DeclaredBarrier
{
    LackOfPrerequisites = 0,
    TooExpensive = 1,
    NoEmployerSupport = 2,
    ScheduleConflict = 3,
    FamilyResponsibilities = 4,
    NoRelevantOffer = 5,
    NoIncentives = 6,
}

/// <summary>A teacher's answers to the barrier questionnaire.</summary>
/// <param name="Agreement">Barrier → agreement 1..4; a barrier left unanswered is absent.</param>
/// <param name="Requests">"What would help me": the teacher's own requests in their words (seed 004, targeted support).</param>
public sealed record BarrierAnswers(DateTimeOffset At, IReadOnlyDictionary<DeclaredBarrier, int> Agreement, IReadOnlyList<string> Requests)
{
    public const int MinAgreement = 1;
    public const int MaxAgreement = 4;
}

public enum IndicatorCode
{
    /// <summary>One result per <see cref="DeclaredBarrier"/>, named by <see cref="IndicatorResult.Barrier"/>.</summary>
    Declared = 0,
    BelowStageTarget = 1,
    PyramidDistortion = 2,
    BrokenTaskChain = 3,
    Stagnation = 4,
    IrregularParticipation = 5,
    AbandonedModules = 6,
    SelfAbovePeers = 7,
    UnmetDemand = 8,
}

/// <summary>One indicator for one teacher.</summary>
/// <param name="Barrier">For <see cref="IndicatorCode.Declared"/>, the barrier; null otherwise.</param>
/// <param name="Value">The measured quantity (docs/indicators.md says which); null when not assessed.</param>
/// <param name="Basis">What it is based on, machine-readable: competency, module or task codes, or "name:value" facts.</param>
/// <param name="Assessed">Whether there was anything to judge by; an unassessed indicator is not present and is left out of
/// prevalence denominators (not measured is not the same as absent).</param>
public sealed record IndicatorResult(IndicatorCode Code, DeclaredBarrier? Barrier, bool Present, double? Value, IReadOnlyList<string> Basis, bool Assessed = true)
{
    internal static IndicatorResult NotAssessed(IndicatorCode code, DeclaredBarrier? barrier = null) => new(code, barrier, false, null, [], false);
}

/// <summary>A module a teacher started, with the dates the abandoned-module indicator needs.</summary>
/// <param name="LastActivityAt">The teacher's last submission or opening of the module's instruments.</param>
public sealed record ModuleActivity(string ModuleCode, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, DateTimeOffset LastActivityAt);

/// <summary>A competency rated by the teacher and by peers (peer feedback), in percent.</summary>
/// <param name="PeerRaters">How many peers rated; the peer percent is their mean.</param>
public sealed record SelfPeerRating(string CompetencyCode, double SelfPercent, double PeerPercent, int PeerRaters);

/// <summary>Everything one teacher's indicators need. Lists may be empty; an indicator with nothing to judge by is not assessed.</summary>
/// <param name="Target">The teacher's stage target profile; null when none applies.</param>
/// <param name="CompetencyLevels">Levels of competencies with enough evidence.</param>
/// <param name="Tasks">Pedagogical tasks evaluated on the teacher's levels (<see cref="TaskChain.Evaluate"/>).</param>
/// <param name="Activity">Dates of the teacher's activity (attempts started or submitted, modules opened), any order.</param>
/// <param name="Answers">The latest barrier questionnaire; null when never answered.</param>
/// <param name="Offer">What the programmes offer, indexed once for all teachers.</param>
public sealed record IndicatorInputs(
    TargetProfile? Target,
    IReadOnlyDictionary<string, Level> CompetencyLevels,
    ComponentScores Components,
    IReadOnlyList<TaskEvaluation> Tasks,
    IReadOnlyList<Trajectory> Trajectories,
    IReadOnlyList<DateTimeOffset> Activity,
    IReadOnlyList<ModuleActivity> Modules,
    IReadOnlyList<SelfPeerRating> SelfPeer,
    BarrierAnswers? Answers,
    OfferIndex Offer,
    DateTimeOffset Now);

/// <summary>Thresholds of the indicators; docs/indicators.md justifies each default.</summary>
/// <param name="DeclaredAgreement">A declared barrier is present at this agreement or more: 3 = "agree" (TALIS reports agree + strongly agree).</param>
/// <param name="DistortionMargin">Points the weakest component may lag the other two (seed 001's pyramid; as <see cref="Assessment.Scoring.ScoringPolicy.DistortionMargin"/>).</param>
/// <param name="InactiveMonths">Irregular when the last activity is this many whole months ago or more.</param>
/// <param name="ActivityWindowMonths">The share of active months is taken over this many calendar months up to now.</param>
/// <param name="MinActiveShare">Irregular when fewer than this share of those months had any activity.</param>
/// <param name="AbandonedDays">A started, uncompleted module with no activity for this many days is abandoned.</param>
/// <param name="SelfAbovePeersPoints">Self rating this many points or more above the peers' mean.</param>
/// <param name="MinPeerRaters">Peer ratings from fewer peers are not compared.</param>
public sealed record IndicatorPolicy(
    int DeclaredAgreement = 3,
    double DistortionMargin = 15,
    int InactiveMonths = 6,
    int ActivityWindowMonths = 12,
    double MinActiveShare = 0.25,
    int AbandonedDays = 90,
    double SelfAbovePeersPoints = 15,
    int MinPeerRaters = 2)
{
    public static IndicatorPolicy Default { get; } = new();

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (DeclaredAgreement is < BarrierAnswers.MinAgreement or > BarrierAnswers.MaxAgreement)
            problems.Add($"{nameof(DeclaredAgreement)} must be from 1 to 4; it is {DeclaredAgreement}.");
        if (!(DistortionMargin is >= 0 and <= 100))
            problems.Add($"{nameof(DistortionMargin)} must be within 0–100 points; it is {DistortionMargin}.");
        if (InactiveMonths < 1)
            problems.Add($"{nameof(InactiveMonths)} must be at least 1; it is {InactiveMonths}.");
        if (ActivityWindowMonths is < 1 or > 120)
            problems.Add($"{nameof(ActivityWindowMonths)} must be from 1 to 120; it is {ActivityWindowMonths}.");
        if (!(MinActiveShare is >= 0 and <= 1))
            problems.Add($"{nameof(MinActiveShare)} must be within 0–1; it is {MinActiveShare}.");
        if (AbandonedDays < 1)
            problems.Add($"{nameof(AbandonedDays)} must be at least 1; it is {AbandonedDays}.");
        if (!(SelfAbovePeersPoints is > 0 and <= 100))
            problems.Add($"{nameof(SelfAbovePeersPoints)} must be above 0 and at most 100 points; it is {SelfAbovePeersPoints}.");
        if (MinPeerRaters < 1)
            problems.Add($"{nameof(MinPeerRaters)} must be at least 1; it is {MinPeerRaters}.");
        return problems;
    }
}
