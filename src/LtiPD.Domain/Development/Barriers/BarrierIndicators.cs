using System.Globalization;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Profiles;

namespace LtiPD.Domain.Development;

/// <summary>
/// One teacher's barrier indicators: the seven declared barriers (TALIS 2018) and the observed ones of issue 11. Every
/// definition, formula and threshold is in docs/indicators.md; the results always come in the same order: the declared
/// barriers in <see cref="DeclaredBarrier"/> order, then the observed indicators in <see cref="IndicatorCode"/> order.
/// </summary>
public static class BarrierIndicators
{
    private static readonly DeclaredBarrier[] AllBarriers = Enum.GetValues<DeclaredBarrier>();

    public static IReadOnlyList<IndicatorResult> Evaluate(IndicatorInputs inputs, IndicatorPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(policy);
        var results = new List<IndicatorResult>(15);
        foreach (var barrier in AllBarriers)
            results.Add(Declared(inputs.Answers, barrier, policy));
        results.Add(BelowStageTarget(inputs));
        results.Add(PyramidDistortion(inputs.Components, policy));
        results.Add(BrokenTaskChain(inputs.Tasks));
        results.Add(Stagnation(inputs.Trajectories));
        results.Add(IrregularParticipation(inputs.Activity, inputs.Now, policy));
        results.Add(AbandonedModules(inputs.Modules, inputs.Now, policy));
        results.Add(SelfAbovePeers(inputs.SelfPeer, policy));
        results.Add(UnmetDemand(inputs.Answers, inputs.Offer));
        return results;
    }

    /// <summary>Present when the teacher agrees (≥ <see cref="IndicatorPolicy.DeclaredAgreement"/>) that the barrier applies.</summary>
    public static IndicatorResult Declared(BarrierAnswers? answers, DeclaredBarrier barrier, IndicatorPolicy policy)
    {
        if (answers is null || !answers.Agreement.TryGetValue(barrier, out var agreement)
            || agreement is < BarrierAnswers.MinAgreement or > BarrierAnswers.MaxAgreement)
            return IndicatorResult.NotAssessed(IndicatorCode.Declared, barrier);
        return new(IndicatorCode.Declared, barrier, agreement >= policy.DeclaredAgreement, agreement, [Fact("agreement", agreement)]);
    }

    /// <summary>Present when at least one measured competency is below the stage target; value = how many; basis = their codes.</summary>
    public static IndicatorResult BelowStageTarget(IndicatorInputs inputs)
    {
        if (inputs.Target is not { } target)
            return IndicatorResult.NotAssessed(IndicatorCode.BelowStageTarget);
        var below = new List<string>();
        var measured = 0;
        foreach (var (code, wanted) in target.Targets)
        {
            if (!inputs.CompetencyLevels.TryGetValue(code, out var level))
                continue;
            measured++;
            if (level < wanted)
                below.Add(code);
        }
        if (measured == 0)
            return IndicatorResult.NotAssessed(IndicatorCode.BelowStageTarget);
        below.Sort(StringComparer.Ordinal);
        return new(IndicatorCode.BelowStageTarget, null, below.Count > 0, below.Count, below);
    }

    /// <summary>Seed 001's pyramid: present when the weakest component lags the mean of the other two by more than the margin; value = the lag.</summary>
    public static IndicatorResult PyramidDistortion(ComponentScores components, IndicatorPolicy policy)
    {
        var balance = PyramidBalance.Of(components, new ScoringPolicy(DistortionMargin: policy.DistortionMargin));
        if (balance is not { Weakest: { } weakest, Lag: { } lag })
            return IndicatorResult.NotAssessed(IndicatorCode.PyramidDistortion);
        return new(IndicatorCode.PyramidDistortion, null, balance.IsDistorted, lag, [ContentNames.Of(weakest)]);
    }

    /// <summary>Present when a pedagogical task cannot be solved; value = broken tasks; basis = "task:competency:element" of each first missing link.</summary>
    public static IndicatorResult BrokenTaskChain(IReadOnlyList<TaskEvaluation> tasks)
    {
        var basis = new List<string>();
        var judged = 0;
        foreach (var task in tasks)
        {
            if (task.Solvability == TaskSolvability.Undetermined)
                continue;
            judged++;
            if (task.FirstMissing is { } missing)
                basis.Add($"{task.TaskCode}:{missing.Link.PedagogicalCompetencyCode}:{missing.Link.KnowledgeElementCode}");
        }
        return judged == 0
            ? IndicatorResult.NotAssessed(IndicatorCode.BrokenTaskChain)
            : new(IndicatorCode.BrokenTaskChain, null, basis.Count > 0, basis.Count, basis);
    }

    /// <summary>Present when a trajectory is stagnant (<see cref="Trajectories"/>); value = how many; basis = their competency codes.</summary>
    public static IndicatorResult Stagnation(IReadOnlyList<Trajectory> trajectories)
    {
        var stagnant = new List<string>();
        var judged = 0;
        foreach (var trajectory in trajectories)
        {
            if (trajectory.Points.Count == 0)
                continue;
            judged++;
            if (trajectory.Stagnant)
                stagnant.Add(trajectory.CompetencyCode);
        }
        stagnant.Sort(StringComparer.Ordinal);
        return judged == 0
            ? IndicatorResult.NotAssessed(IndicatorCode.Stagnation)
            : new(IndicatorCode.Stagnation, null, stagnant.Count > 0, stagnant.Count, stagnant);
    }

    /// <summary>
    /// Seed 000's "occasional, non-systemic" participation: present when the last activity is at least
    /// <see cref="IndicatorPolicy.InactiveMonths"/> whole months ago, or when the share of active calendar months in the window
    /// is below <see cref="IndicatorPolicy.MinActiveShare"/>. The window is the last <see cref="IndicatorPolicy.ActivityWindowMonths"/>
    /// calendar months up to now, starting no earlier than the month of the first activity (a newcomer is not irregular for the
    /// months before they came). Value = the share.
    /// </summary>
    public static IndicatorResult IrregularParticipation(IReadOnlyList<DateTimeOffset> activity, DateTimeOffset now, IndicatorPolicy policy)
    {
        var nowMonth = MonthIndex(now);
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (var at in activity)
        {
            if (at > now)
                continue;
            if (first is null || at < first)
                first = at;
            if (last is null || at > last)
                last = at;
        }
        if (first is not { } firstAt || last is not { } lastAt)
            return IndicatorResult.NotAssessed(IndicatorCode.IrregularParticipation);

        var windowStart = Math.Max(MonthIndex(firstAt), nowMonth - policy.ActivityWindowMonths + 1);
        var windowMonths = nowMonth - windowStart + 1;
        Span<bool> active = windowMonths <= 128 ? stackalloc bool[windowMonths] : new bool[windowMonths];
        foreach (var at in activity)
        {
            var month = MonthIndex(at);
            if (at <= now && month >= windowStart)
                active[month - windowStart] = true;
        }
        var activeMonths = 0;
        foreach (var a in active)
            activeMonths += a ? 1 : 0;
        var share = (double)activeMonths / windowMonths;
        var monthsSince = WholeMonths(lastAt, now);
        var present = monthsSince >= policy.InactiveMonths || share < policy.MinActiveShare;
        return new(IndicatorCode.IrregularParticipation, null, present, share,
            [Fact("months-since-last", monthsSince), Fact("active-months", activeMonths), Fact("window-months", windowMonths)]);
    }

    /// <summary>Present when a started module is not completed and has had no activity for <see cref="IndicatorPolicy.AbandonedDays"/>; value = how many; basis = module codes.</summary>
    public static IndicatorResult AbandonedModules(IReadOnlyList<ModuleActivity> modules, DateTimeOffset now, IndicatorPolicy policy)
    {
        if (modules.Count == 0)
            return IndicatorResult.NotAssessed(IndicatorCode.AbandonedModules);
        var abandoned = new List<string>();
        foreach (var module in modules)
        {
            if (module.CompletedAt is null && now - module.LastActivityAt >= TimeSpan.FromDays(policy.AbandonedDays))
                abandoned.Add(module.ModuleCode);
        }
        abandoned.Sort(StringComparer.Ordinal);
        return new(IndicatorCode.AbandonedModules, null, abandoned.Count > 0, abandoned.Count, abandoned);
    }

    /// <summary>Present when on some competency the self rating exceeds the peers' mean by the threshold or more; value = the largest difference; basis = those competencies.</summary>
    public static IndicatorResult SelfAbovePeers(IReadOnlyList<SelfPeerRating> ratings, IndicatorPolicy policy)
    {
        var above = new List<string>();
        double? largest = null;
        foreach (var rating in ratings)
        {
            if (rating.PeerRaters < policy.MinPeerRaters)
                continue;
            var difference = rating.SelfPercent - rating.PeerPercent;
            if (largest is null || difference > largest)
                largest = difference;
            if (difference >= policy.SelfAbovePeersPoints)
                above.Add(rating.CompetencyCode);
        }
        if (largest is not { } value)
            return IndicatorResult.NotAssessed(IndicatorCode.SelfAbovePeers);
        above.Sort(StringComparer.Ordinal);
        return new(IndicatorCode.SelfAbovePeers, null, above.Count > 0, value, above);
    }

    /// <summary>Present when a request of the teacher is not offered by any module (<see cref="OfferIndex"/>); value = how many; basis = those requests.</summary>
    public static IndicatorResult UnmetDemand(BarrierAnswers? answers, OfferIndex offer)
    {
        if (answers is null)
            return IndicatorResult.NotAssessed(IndicatorCode.UnmetDemand);
        var unmet = new List<string>();
        var judged = 0;
        foreach (var request in answers.Requests)
        {
            if (offer.Offers(request) is not { } offered)
                continue;
            judged++;
            if (!offered)
                unmet.Add(request.Trim());
        }
        return judged == 0
            ? IndicatorResult.NotAssessed(IndicatorCode.UnmetDemand)
            : new(IndicatorCode.UnmetDemand, null, unmet.Count > 0, unmet.Count, unmet);
    }

    private static int MonthIndex(DateTimeOffset at) => at.UtcDateTime.Year * 12 + at.UtcDateTime.Month - 1;

    /// <summary>Whole calendar months from <paramref name="from"/> to <paramref name="to"/>: 15 Jan → 14 Jul is 5, → 15 Jul is 6.</summary>
    private static int WholeMonths(DateTimeOffset from, DateTimeOffset to)
    {
        var months = MonthIndex(to) - MonthIndex(from);
        return from.UtcDateTime.AddMonths(months) > to.UtcDateTime ? months - 1 : months;
    }

    private static string Fact(string name, int value) => string.Create(CultureInfo.InvariantCulture, $"{name}:{value}");
}
