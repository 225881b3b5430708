using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Profiles;

/// <summary>Whether a teacher has formed a cell A[level, element] of the KSA matrix.</summary>
public enum CellState
{
    /// <summary>No evidence for the element: not measured, which is not the same as not formed.</summary>
    Unknown = 0,

    /// <summary>The element's attained level is below the cell's level.</summary>
    NotFormed = 1,

    /// <summary>The element's attained level is at or above the cell's level.</summary>
    Formed = 2,
}

/// <param name="Attained">The level attained on the element; null when unknown.</param>
public readonly record struct KsaCell(Level Level, string ElementCode, CellState State, Level? Attained);

/// <summary>
/// A teacher's subject KSA matrix A[level, element] (seed 001), sparse: a cell exists only where
/// the element is studied at that level (<see cref="KnowledgeElement.StudiedAt"/>), so a programme
/// with thousands of elements costs only the cells it has. A cell is Formed when the level attained
/// on the element is at least the cell's level.
/// </summary>
/// <param name="Cells">Row by row (Low → Advanced), elements in framework order within a row.</param>
public sealed record KsaMatrix(string CompetencyCode, IReadOnlyList<KsaCell> Cells)
{
    /// <param name="subject">A subject competency with its knowledge elements.</param>
    /// <param name="attained">Level attained per element code (for one attempt, <see cref="Assessment.Scoring.AttemptScore.IndicatorLevels"/>); an absent element is unknown.</param>
    public static KsaMatrix Build(Competency subject, IReadOnlyDictionary<string, Level> attained)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(attained);
        if (subject.Component != Component.Subject)
            throw new ArgumentException($"Competency '{subject.Code}' is {subject.Component}; a KSA matrix is built for a subject competency.", nameof(subject));

        var cells = new List<KsaCell>();
        foreach (var level in Enum.GetValues<Level>())
        {
            foreach (var element in subject.KnowledgeElements)
            {
                if (!element.StudiedAt.Contains(level))
                    continue;
                if (attained.TryGetValue(element.Code, out var reached))
                    cells.Add(new KsaCell(level, element.Code, reached >= level ? CellState.Formed : CellState.NotFormed, reached));
                else
                    cells.Add(new KsaCell(level, element.Code, CellState.Unknown, null));
            }
        }
        return new KsaMatrix(subject.Code, cells);
    }

    /// <summary>The cell at (level, element), or null when the element is not studied at that level.</summary>
    public KsaCell? Cell(Level level, string elementCode)
    {
        foreach (var cell in Cells)
        {
            if (cell.Level == level && string.Equals(cell.ElementCode, elementCode, StringComparison.Ordinal))
                return cell;
        }
        return null;
    }

    public int Count(CellState state)
    {
        var count = 0;
        foreach (var cell in Cells)
        {
            if (cell.State == state)
                count++;
        }
        return count;
    }
}
