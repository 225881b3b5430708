using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Programmes;

/// <summary>Whether every teacher of the programme takes a module or a teacher chooses it (seed 001).</summary>
public enum ModuleKind
{
    Invariant = 0,
    Variable = 1,
}

/// <summary>The forms in which a module is offered.</summary>
public enum StudyForm
{
    FullTime = 0,
    PartTime = 1,
    Blended = 2,
    Online = 3,
}

/// <summary>The three aspects of diagnostics (seed 001): tests, practical tasks, questionnaires and self-analysis.</summary>
public enum DiagnosticAspect
{
    Content = 0,
    Activity = 1,
    Communicative = 2,
}

/// <summary>
/// A micro-credential programme at one version: a system of basic competences expressed as micro-objectives, and the
/// modules built on them. Like instruments, a version is never edited; a completion names the version it was earned on.
/// </summary>
public sealed record Programme(
    string Code,
    int Version,
    string FrameworkCode,
    LocalizedText Title,
    LocalizedText Description,
    IReadOnlyList<MicroObjective> MicroObjectives,
    IReadOnlyList<Module> Modules)
{
    public Module? FindModule(string code) =>
        Modules.FirstOrDefault(m => string.Equals(m.Code, code, StringComparison.Ordinal));

    public MicroObjective? FindMicroObjective(string code) =>
        MicroObjectives.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.Ordinal));

    /// <summary>The competencies a module develops: those of its micro-objectives, each once, in order of first mention.</summary>
    public IReadOnlyList<string> CompetenciesOf(Module module) =>
        module.MicroObjectiveCodes
            .Select(FindMicroObjective)
            .OfType<MicroObjective>()
            .SelectMany(o => o.CompetencyCodes)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The components a module belongs to, through the competencies of its micro-objectives.</summary>
    public IReadOnlyList<Component> ComponentsOf(Module module, CompetencyFramework framework) =>
        CompetenciesOf(module)
            .Select(framework.FindCompetency)
            .OfType<Competency>()
            .Select(c => c.Component)
            .Distinct()
            .Order()
            .ToList();
}

/// <summary>One basic competence of the programme, stated as something a teacher can do, linked to framework competencies.</summary>
public sealed record MicroObjective(string Code, LocalizedText Text, IReadOnlyList<string> CompetencyCodes);

/// <summary>
/// A module: what it develops (micro-objectives), how it is offered (forms, hours), what a teacher reads (materials) and how
/// its result is shown (diagnostics, every one of them required for completion).
/// </summary>
public sealed record Module(
    string Code,
    ModuleKind Kind,
    LocalizedText Title,
    LocalizedText Summary,
    IReadOnlyList<string> MicroObjectiveCodes,
    IReadOnlyList<StudyForm> Forms,
    int Hours,
    IReadOnlyList<MaterialSection> Materials,
    IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>A section of the module's learning materials; the body's paragraphs are separated by blank lines.</summary>
public sealed record MaterialSection(LocalizedText Heading, LocalizedText Body);

/// <summary>
/// One required diagnostic of a module: an instrument of the framework taken as evidence. <paramref name="PassPercent"/>
/// applies to the content aspect only (a test must reach it); a practical task or a self-analysis counts once submitted.
/// </summary>
public sealed record Diagnostic(DiagnosticAspect Aspect, string InstrumentCode, double? PassPercent);
