namespace LtiPD.Domain.Competencies;

/// <summary>
/// A competency framework: framework → competency (grouped by component) → indicator. Subject
/// competencies also carry the knowledge elements of a programme, each placed at the levels where
/// it is studied: the sparse KSA matrix A[level, element] of domain.md.
/// </summary>
/// <param name="Code">Stable identifier, unique across frameworks (CASE: the CFDocument identifier).</param>
/// <param name="Tasks">Pedagogical tasks: chains of professional-competence cells B[i, j].</param>
/// <param name="Version">Text version as published (CASE: version); bumped when content changes.</param>
public sealed record CompetencyFramework(
    string Code,
    string Version,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<Competency> Competencies,
    IReadOnlyList<PedagogicalTask> Tasks)
{
    public Competency? FindCompetency(string code) =>
        Competencies.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    public IEnumerable<Competency> Of(Component component) =>
        Competencies.Where(c => c.Component == component);
}

/// <summary>A competency with a descriptor for each of the five levels.</summary>
/// <param name="LevelDescriptors">What a teacher at each level does; one entry per <see cref="Level"/>.</param>
/// <param name="KnowledgeElements">For subject competencies: the elements of the area; empty otherwise. Each element is
/// also listed as an <see cref="Indicator"/> with the same code, so items map to elements through indicators.</param>
/// <param name="CaseUri">The CFItem URI the competency had in the CASE package it was imported from (CASE 1.1 §CFItem.uri): the
/// item's identity on its publisher's CASE server, which a credential's alignment names; null for a framework not imported from CASE.</param>
public sealed record Competency(
    string Code,
    Component Component,
    LocalizedText Name,
    LocalizedText Description,
    IReadOnlyDictionary<Level, LocalizedText> LevelDescriptors,
    IReadOnlyList<Indicator> Indicators,
    IReadOnlyList<KnowledgeElement> KnowledgeElements,
    Uri? CaseUri = null);

/// <summary>An observable indicator of a competency. Every assessment item maps to exactly one.</summary>
public sealed record Indicator(string Code, LocalizedText Text);

/// <summary>
/// A knowledge element of a subject area, studied at some of the five levels only (a column of the
/// sparse KSA matrix).
/// </summary>
public sealed record KnowledgeElement(string Code, LocalizedText Name, IReadOnlySet<Level> StudiedAt);

/// <summary>
/// A pedagogical task (domain.md): a chain of cells B[i, j], each pedagogical competency i applied
/// to subject element j at a required level. If any link is not formed the task cannot be solved,
/// and the first such link is exactly what the teacher should work on.
/// </summary>
public sealed record PedagogicalTask(string Code, LocalizedText Name, IReadOnlyList<TaskLink> Links);

/// <param name="PedagogicalCompetencyCode">Competency i (component Pedagogical).</param>
/// <param name="KnowledgeElementCode">Subject element j.</param>
/// <param name="Required">The level both must reach for the cell to count as formed.</param>
public sealed record TaskLink(string PedagogicalCompetencyCode, string KnowledgeElementCode, Level Required);
