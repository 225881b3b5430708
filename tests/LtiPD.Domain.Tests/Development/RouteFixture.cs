using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Domain.Programmes;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Development;

/// <summary>
/// A small programme whose route is computed by hand in RoutePlannerTests. Target: soc Average, ped-a High, ped-b Average,
/// sub Average. Teacher: soc Average, ped-a Acceptable, ped-b Acceptable, sub unmeasured; elements e1, e2 Average. Task t1
/// links (ped-a, e1, Average) then (ped-b, e2, Average): its first missing link is ped-a.
/// </summary>
internal static class RouteFixture
{
    public static readonly DateOnly Today = new(2026, 1, 1);

    public static CompetencyFramework Framework { get; } = new FrameworkBuilder("fw")
        .Competency("soc", Component.Social)
        .Competency("ped-a", Component.Pedagogical)
        .Competency("ped-b", Component.Pedagogical)
        .Subject("sub", ("e1", [Level.Average]), ("e2", [Level.Average]))
        .Task("t1", new TaskLink("ped-a", "e1", Level.Average), new TaskLink("ped-b", "e2", Level.Average))
        .Build();

    /// <summary>Programme order: inv1, var-big, var-small, var-sub, var-alt.</summary>
    public static Programme Programme { get; } = Build(
        ("inv1", ModuleKind.Invariant, 10, [StudyForm.Online], ["soc"]),
        ("var-big", ModuleKind.Variable, 20, [StudyForm.FullTime], ["ped-a"]),
        ("var-small", ModuleKind.Variable, 5, [StudyForm.Online], ["ped-b"]),
        ("var-sub", ModuleKind.Variable, 10, [StudyForm.Online], ["sub"]),
        ("var-alt", ModuleKind.Variable, 10, [StudyForm.Online], ["ped-a"]));

    public static TargetProfile Target { get; } = new("p", CareerStage.EarlyCareer, null, new Dictionary<string, Level>
    {
        ["soc"] = Level.Average,
        ["ped-a"] = Level.High,
        ["ped-b"] = Level.Average,
        ["sub"] = Level.Average,
    });

    public static Dictionary<string, Level> Levels() => new()
    {
        ["soc"] = Level.Average,
        ["ped-a"] = Level.Acceptable,
        ["ped-b"] = Level.Acceptable,
    };

    public static Dictionary<string, Level> Elements() => new() { ["e1"] = Level.Average, ["e2"] = Level.Average };

    public static Route Plan(
        IReadOnlyDictionary<string, Level>? levels = null,
        IReadOnlySet<string>? completed = null,
        RoutePreferences? preferences = null,
        RouteChoices? choices = null,
        DateOnly? today = null) =>
        RoutePlanner.Plan(Programme, Framework, Target, levels ?? Levels(), Elements(), completed ?? new HashSet<string>(),
            preferences ?? RoutePreferences.None, choices ?? RouteChoices.Empty, today ?? Today);

    public static Programme Build(params (string Code, ModuleKind Kind, int Hours, StudyForm[] Forms, string[] Competencies)[] modules)
    {
        var text = FrameworkBuilder.Text("x");
        return new Programme("p", 1, "fw", text, text,
            modules.Select(m => new MicroObjective("mo-" + m.Code, text, m.Competencies)).ToList(),
            modules.Select(m => new Module(m.Code, m.Kind, text, text, ["mo-" + m.Code], m.Forms, m.Hours, [],
                [new Diagnostic(DiagnosticAspect.Content, "test", EvidenceCriterion.PassMark(60))])).ToList());
    }

    public static IEnumerable<(string, RouteStepState, RouteReason)> Shape(Route route) =>
        route.Steps.Select(s => (s.ModuleCode, s.State, s.Reason));
}
