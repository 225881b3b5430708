using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Profiles;

public enum LinkState
{
    /// <summary>Both the pedagogical competency and the knowledge element reach the required level.</summary>
    Formed = 0,

    /// <summary>At least one side is known and below the required level: the cell B[i, j] is not formed.</summary>
    Missing = 1,

    /// <summary>No known side is short, but at least one side has no evidence.</summary>
    Unknown = 2,
}

/// <summary>Which side of a missing link is below the required level.</summary>
public enum LinkSide
{
    None = 0,
    Pedagogical = 1,
    Subject = 2,
    Both = 3,
}

public enum TaskSolvability
{
    /// <summary>Every link is formed.</summary>
    Solvable = 0,

    /// <summary>At least one link is missing.</summary>
    NotSolvable = 1,

    /// <summary>No link is missing, but some link has no evidence yet.</summary>
    Undetermined = 2,
}

/// <param name="Position">0-based place of the link in the chain.</param>
/// <param name="PedagogicalLevel">Level of the pedagogical competency; null when unknown.</param>
/// <param name="ElementLevel">Level of the knowledge element; null when unknown.</param>
/// <param name="BelowRequired">For a missing link, the side(s) below <see cref="TaskLink.Required"/>.</param>
public sealed record LinkEvaluation(int Position, TaskLink Link, Level? PedagogicalLevel, Level? ElementLevel, LinkState State, LinkSide BelowRequired);

/// <param name="FirstMissing">The first missing link in chain order: exactly what the teacher should work on; null when none.</param>
/// <param name="FirstUnknown">The first link without evidence; null when none.</param>
public sealed record TaskEvaluation(
    string TaskCode,
    TaskSolvability Solvability,
    IReadOnlyList<LinkEvaluation> Links,
    LinkEvaluation? FirstMissing,
    LinkEvaluation? FirstUnknown);

/// <summary>
/// Evaluates a pedagogical task (domain.md): a chain of cells B[i, j], each formed when
/// pedagogical competency i and knowledge element j both reach the link's required level. One
/// missing link makes the task unsolvable. A side without evidence is reported as unknown, never
/// as missing: not measured is not the same as not formed. A link with one side short and the
/// other unknown is missing (the known side already breaks it).
/// </summary>
public static class TaskChain
{
    /// <param name="pedagogicalLevels">Level per pedagogical competency code; an absent code is unknown.</param>
    /// <param name="elementLevels">Level per knowledge element code; an absent code is unknown.</param>
    public static TaskEvaluation Evaluate(PedagogicalTask task, IReadOnlyDictionary<string, Level> pedagogicalLevels, IReadOnlyDictionary<string, Level> elementLevels)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(pedagogicalLevels);
        ArgumentNullException.ThrowIfNull(elementLevels);
        var links = new LinkEvaluation[task.Links.Count];
        LinkEvaluation? firstMissing = null;
        LinkEvaluation? firstUnknown = null;
        for (var i = 0; i < links.Length; i++)
        {
            var link = task.Links[i];
            Level? pedagogical = pedagogicalLevels.TryGetValue(link.PedagogicalCompetencyCode, out var p) ? p : null;
            Level? element = elementLevels.TryGetValue(link.KnowledgeElementCode, out var e) ? e : null;
            var pedagogicalShort = pedagogical < link.Required;
            var elementShort = element < link.Required;
            var shortSide = (pedagogicalShort, elementShort) switch
            {
                (true, true) => LinkSide.Both,
                (true, false) => LinkSide.Pedagogical,
                (false, true) => LinkSide.Subject,
                _ => LinkSide.None,
            };
            var state = shortSide != LinkSide.None ? LinkState.Missing
                : pedagogical is null || element is null ? LinkState.Unknown
                : LinkState.Formed;
            var evaluation = new LinkEvaluation(i, link, pedagogical, element, state, shortSide);
            links[i] = evaluation;
            if (state == LinkState.Missing)
                firstMissing ??= evaluation;
            else if (state == LinkState.Unknown)
                firstUnknown ??= evaluation;
        }
        var solvability = firstMissing is not null ? TaskSolvability.NotSolvable
            : firstUnknown is not null ? TaskSolvability.Undetermined
            : TaskSolvability.Solvable;
        return new TaskEvaluation(task.Code, solvability, links, firstMissing, firstUnknown);
    }
}
