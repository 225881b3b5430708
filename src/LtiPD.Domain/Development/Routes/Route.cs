using System.Security.Cryptography;
using System.Text;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Development;

/// <summary>The teacher's preferred format and pace (seed 001, "personalization of learning").</summary>
/// <param name="HoursPerWeek">Pace; null or 0 when not stated, and then the route has no planned dates.</param>
public sealed record RoutePreferences(StudyForm? Form, int? HoursPerWeek)
{
    public static RoutePreferences None { get; } = new(null, null);
}

/// <summary>
/// What the teacher decided about the route (seed 001: "movement along the track can be non-linear and depends on the user's
/// choice"). Choices that no longer apply (a module gone from the programme, an alternative no longer offered) are ignored.
/// </summary>
/// <param name="Order">Modules the teacher moved, in the teacher's order: they come before the planner's order.</param>
/// <param name="Skipped">Modules the teacher set aside: shown last, never "next".</param>
/// <param name="Alternatives">Module → the alternative module the teacher takes instead.</param>
public sealed record RouteChoices(IReadOnlyList<string> Order, IReadOnlySet<string> Skipped, IReadOnlyDictionary<string, string> Alternatives)
{
    public static RouteChoices Empty { get; } = new([], new HashSet<string>(StringComparer.Ordinal), new Dictionary<string, string>(StringComparer.Ordinal));
}

public enum RouteStepState
{
    /// <summary>The module is completed (evidence-based, <see cref="ModuleCompletion"/>).</summary>
    Done = 0,

    /// <summary>The first module to work on.</summary>
    Next = 1,

    Planned = 2,

    /// <summary>Set aside by the teacher.</summary>
    Skipped = 3,
}

/// <summary>Why a step is where it is.</summary>
public enum RouteReason
{
    /// <summary>Every teacher of the programme takes it (seed 001), and it closes a gap.</summary>
    Invariant = 0,

    /// <summary>It develops the first missing link of a broken pedagogical task chain.</summary>
    FirstMissingLink = 1,

    /// <summary>A variable module ranked by target levels it closes per hour.</summary>
    GapPerHour = 2,

    /// <summary>The teacher moved it or chose it as an alternative.</summary>
    TeacherChoice = 3,

    /// <summary>An invariant module taken although it closes no gap of the target profile.</summary>
    NoGap = 4,
}

/// <param name="GapClosed">Target levels the module's competencies are short of (docs/indicators.md, "Routes").</param>
/// <param name="Alternatives">Other variable modules developing at least one of the same competencies.</param>
/// <param name="PlannedFinish">When the module should be finished at the teacher's pace; null when done, skipped or no pace.</param>
/// <param name="Competencies">The competencies the module develops.</param>
/// <param name="InPreferredForm">The module is offered in the teacher's preferred form (true when there is no preference).</param>
public sealed record RouteStep(
    string ModuleCode,
    ModuleKind Kind,
    RouteStepState State,
    RouteReason Reason,
    double GapClosed,
    int Hours,
    IReadOnlyList<string> Alternatives,
    DateOnly? PlannedFinish,
    IReadOnlyList<string> Competencies,
    bool InPreferredForm = true);

/// <summary>An individual route: done steps, then the steps ahead in order, then skipped ones.</summary>
public sealed record Route(IReadOnlyList<RouteStep> Steps)
{
    /// <summary>
    /// A hash of the steps' modules, states and reasons in order. Dates and gap sizes are left out: they move every night with
    /// "today" and with every answer, and a history entry is meant for a changed route, not a changed calendar.
    /// </summary>
    public string Fingerprint { get; } = Compute(Steps);

    private static string Compute(IReadOnlyList<RouteStep> steps)
    {
        var text = new StringBuilder();
        foreach (var step in steps)
            text.Append(step.ModuleCode).Append('\u001f').Append((int)step.State).Append('\u001f').Append((int)step.Reason).Append('\u001e');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public RouteStep? Next
    {
        get
        {
            foreach (var step in Steps)
            {
                if (step.State == RouteStepState.Next)
                    return step;
            }
            return null;
        }
    }
}
