using System.Runtime.CompilerServices;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Development;

/// <summary>
/// Lays out an individual route through a programme's modules (seeds 001 and 004; rules in docs/indicators.md, "Routes"):
/// <list type="number">
/// <item>Completed modules are Done, first, in programme order.</item>
/// <item>Invariant modules come first of what is ahead, in programme order: every teacher takes them.</item>
/// <item>Then variable modules that develop the first missing link of a broken pedagogical task (in the framework's task
/// order): without that link the task cannot be solved at all.</item>
/// <item>Then variable modules that close a gap, by target levels closed per hour, highest first.</item>
/// <item>Within 3 and 4, modules offered in the preferred form come before those that are not; ties keep programme order.</item>
/// <item>A variable module that closes no gap and fixes no link is left out, unless the teacher moved it into the route.</item>
/// <item>The teacher's choices then apply: a chosen alternative takes the place of its module, moved modules come first in
/// the teacher's order, skipped modules go last. The first step ahead is Next.</item>
/// <item>With a pace, each step ahead gets the date its hours are done by, counting from today.</item>
/// </list>
/// The planner is a pure function of its inputs, so re-planning when evidence arrives is calling it again.
/// </summary>
public static class RoutePlanner
{
    private const int InvariantTier = 0;
    private const int MissingLinkTier = 1;
    private const int GapTier = 2;
    private const int ChoiceTier = 3;

    public static Route Plan(
        Programme programme,
        CompetencyFramework framework,
        TargetProfile target,
        IReadOnlyDictionary<string, Level> competencyLevels,
        IReadOnlyDictionary<string, Level> elementLevels,
        IReadOnlySet<string> completedModules,
        RoutePreferences preferences,
        RouteChoices choices,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(competencyLevels);
        ArgumentNullException.ThrowIfNull(elementLevels);
        ArgumentNullException.ThrowIfNull(completedModules);
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(choices);

        var shape = ShapeOf(programme, framework);
        var missingLinks = MissingLinkRanks(framework, shape, competencyLevels, elementLevels);
        var modules = programme.Modules;
        var facts = new ModuleFacts[modules.Count];
        for (var i = 0; i < modules.Count; i++)
            facts[i] = Facts(shape, modules[i], i, target, competencyLevels, missingLinks, preferences);
        var index = shape.Index;

        // A chosen alternative takes its module's place (tier and rank); the module it replaces leaves the route. A completed
        // module needs no alternative any more.
        var placeOf = new int[modules.Count];
        var replaced = new bool[modules.Count];
        var chosen = new bool[modules.Count];
        for (var i = 0; i < modules.Count; i++)
            placeOf[i] = i;
        for (var i = 0; i < modules.Count; i++)
        {
            if (chosen[i] || completedModules.Contains(modules[i].Code) || !choices.Alternatives.TryGetValue(modules[i].Code, out var alternative)
                || !facts[i].Alternatives.Contains(alternative, StringComparer.Ordinal) || !index.TryGetValue(alternative, out var a) || replaced[a] || chosen[a])
                continue;
            replaced[i] = true;
            chosen[a] = true;
            placeOf[a] = i;
        }

        var done = new List<RouteStep>();
        var ahead = new List<(int Module, int Tier, RouteReason Reason)>();
        var skipped = new List<(int Module, int Tier, RouteReason Reason)>();
        for (var i = 0; i < modules.Count; i++)
        {
            if (completedModules.Contains(modules[i].Code))
            {
                done.Add(Step(modules[i], facts[i], RouteStepState.Done, facts[placeOf[i]].Reason, null));
                continue;
            }
            if (replaced[i])
                continue;
            var place = facts[placeOf[i]];
            var reason = chosen[i] ? RouteReason.TeacherChoice : place.Reason;
            var tier = place.Tier;
            if (tier == ChoiceTier && !chosen[i] && !choices.Order.Contains(modules[i].Code, StringComparer.Ordinal))
                continue;
            (choices.Skipped.Contains(modules[i].Code) ? skipped : ahead).Add((i, tier, reason));
        }

        int Compare((int Module, int Tier, RouteReason Reason) x, (int Module, int Tier, RouteReason Reason) y)
        {
            var (a, b) = (facts[placeOf[x.Module]], facts[placeOf[y.Module]]);
            var c = x.Tier.CompareTo(y.Tier);
            if (c == 0 && x.Tier == MissingLinkTier)
                c = a.MissingLinkRank.CompareTo(b.MissingLinkRank);
            if (c == 0 && x.Tier is MissingLinkTier or GapTier)
                c = facts[y.Module].InPreferredForm.CompareTo(facts[x.Module].InPreferredForm);
            if (c == 0 && x.Tier is MissingLinkTier or GapTier)
                c = b.GapPerHour.CompareTo(a.GapPerHour);
            if (c == 0)
                c = placeOf[x.Module].CompareTo(placeOf[y.Module]);
            return c != 0 ? c : x.Module.CompareTo(y.Module);
        }

        ahead.Sort(Compare);
        skipped.Sort(Compare);
        ApplyTeacherOrder(ahead, choices.Order, modules);

        var steps = new List<RouteStep>(modules.Count);
        steps.AddRange(done);
        var pace = preferences.HoursPerWeek is > 0 ? preferences.HoursPerWeek.Value : 0;
        var hours = 0;
        for (var s = 0; s < ahead.Count; s++)
        {
            var (i, _, reason) = ahead[s];
            hours += modules[i].Hours;
            DateOnly? finish = pace > 0 ? today.AddDays((hours * 7 + pace - 1) / pace) : null;
            steps.Add(Step(modules[i], facts[i], s == 0 ? RouteStepState.Next : RouteStepState.Planned, reason, finish));
        }
        foreach (var (i, _, reason) in skipped)
            steps.Add(Step(modules[i], facts[i], RouteStepState.Skipped, reason, null));
        return new Route(steps);
    }

    /// <summary>Moves the modules the teacher ordered to the front, in the teacher's order, as their choice.</summary>
    private static void ApplyTeacherOrder(List<(int Module, int Tier, RouteReason Reason)> ahead, IReadOnlyList<string> order, IReadOnlyList<Module> modules)
    {
        var front = new List<(int Module, int Tier, RouteReason Reason)>();
        foreach (var code in order)
        {
            var at = ahead.FindIndex(e => string.Equals(modules[e.Module].Code, code, StringComparison.Ordinal));
            if (at < 0)
                continue;
            front.Add(ahead[at] with { Reason = RouteReason.TeacherChoice });
            ahead.RemoveAt(at);
        }
        ahead.InsertRange(0, front);
    }

    private static RouteStep Step(Module module, ModuleFacts facts, RouteStepState state, RouteReason reason, DateOnly? finish) =>
        new(module.Code, module.Kind, state, reason, facts.GapClosed, module.Hours, facts.Alternatives, finish, facts.Competencies, facts.InPreferredForm);

    private sealed record ModuleFacts(
        IReadOnlyList<string> Competencies,
        double GapClosed,
        double GapPerHour,
        int MissingLinkRank,
        int Tier,
        RouteReason Reason,
        IReadOnlyList<string> Alternatives,
        bool InPreferredForm);

    private static ModuleFacts Facts(
        Shape shape,
        Module module,
        int i,
        TargetProfile target,
        IReadOnlyDictionary<string, Level> levels,
        Dictionary<string, int> missingLinks,
        RoutePreferences preferences)
    {
        var competencies = shape.Competencies[i];
        var gap = 0;
        var rank = int.MaxValue;
        foreach (var code in competencies)
        {
            if (target.Targets.TryGetValue(code, out var wanted))
                gap += Gaps.Of(code, wanted, levels).Levels;
            if (missingLinks.TryGetValue(code, out var r) && r < rank)
                rank = r;
        }

        var (tier, reason) = module.Kind == ModuleKind.Invariant
            ? (InvariantTier, gap > 0 ? RouteReason.Invariant : RouteReason.NoGap)
            : rank != int.MaxValue ? (MissingLinkTier, RouteReason.FirstMissingLink)
            : gap > 0 ? (GapTier, RouteReason.GapPerHour)
            : (ChoiceTier, RouteReason.NoGap);
        var inForm = preferences.Form is not { } form || module.Forms.Contains(form);
        return new ModuleFacts(competencies, gap, module.Hours > 0 ? (double)gap / module.Hours : 0, rank, tier, reason, shape.Alternatives[i], inForm);
    }

    /// <summary>What the planner needs of a programme and framework that does not depend on the teacher, worked out once.</summary>
    private sealed class Shape(CompetencyFramework framework, IReadOnlyList<string>[] competencies, IReadOnlyList<string>[] alternatives,
        Dictionary<string, int> index, Dictionary<string, string> subjectOfElement)
    {
        public CompetencyFramework Framework { get; } = framework;

        public IReadOnlyList<string>[] Competencies { get; } = competencies;

        /// <summary>Per module: the other variable modules sharing a competency (none for an invariant module).</summary>
        public IReadOnlyList<string>[] Alternatives { get; } = alternatives;

        public Dictionary<string, int> Index { get; } = index;

        public Dictionary<string, string> SubjectOfElement { get; } = subjectOfElement;
    }

    // Programmes and frameworks are immutable records loaded once and shared by every teacher's plan, so their shape is kept
    // with the programme instance (and dropped with it) instead of being worked out 100,000 times in a nightly recompute.
    private static readonly ConditionalWeakTable<Programme, Shape> Shapes = [];

    private static Shape ShapeOf(Programme programme, CompetencyFramework framework)
    {
        if (Shapes.TryGetValue(programme, out var known) && ReferenceEquals(known.Framework, framework))
            return known;

        var modules = programme.Modules;
        var competencies = modules.Select(programme.CompetenciesOf).ToArray();
        var alternatives = new IReadOnlyList<string>[modules.Count];
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < modules.Count; i++)
        {
            index.TryAdd(modules[i].Code, i);
            alternatives[i] = modules[i].Kind != ModuleKind.Variable
                ? []
                : Enumerable.Range(0, modules.Count)
                    .Where(j => j != i && modules[j].Kind == ModuleKind.Variable && competencies[j].Any(competencies[i].Contains))
                    .Select(j => modules[j].Code)
                    .ToList();
        }
        var subjectOfElement = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var competency in framework.Competencies)
        {
            foreach (var element in competency.KnowledgeElements)
                subjectOfElement.TryAdd(element.Code, competency.Code);
        }
        var shape = new Shape(framework, competencies, alternatives, index, subjectOfElement);
        Shapes.AddOrUpdate(programme, shape);
        return shape;
    }

    /// <summary>
    /// Competencies to develop for the first missing link of each broken task, ranked by task order: the link's pedagogical
    /// competency when that side is short, the subject competency holding the link's element when that side is short.
    /// </summary>
    private static Dictionary<string, int> MissingLinkRanks(CompetencyFramework framework, Shape shape, IReadOnlyDictionary<string, Level> competencyLevels, IReadOnlyDictionary<string, Level> elementLevels)
    {
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var t = 0; t < framework.Tasks.Count; t++)
        {
            if (TaskChain.Evaluate(framework.Tasks[t], competencyLevels, elementLevels).FirstMissing is not { } missing)
                continue;
            if (missing.BelowRequired is LinkSide.Pedagogical or LinkSide.Both)
                ranks.TryAdd(missing.Link.PedagogicalCompetencyCode, t);
            if (missing.BelowRequired is LinkSide.Subject or LinkSide.Both
                && shape.SubjectOfElement.TryGetValue(missing.Link.KnowledgeElementCode, out var subject))
                ranks.TryAdd(subject, t);
        }
        return ranks;
    }
}
