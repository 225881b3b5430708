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
    IReadOnlyList<Module> Modules,
    CredentialDeclaration? Credential = null)
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

    /// <summary>
    /// Whether these completed modules complete the programme (the rule its credential's criteria state): every invariant
    /// module, which everyone takes, and at least one variable module, chosen by the teacher, when the programme has any.
    /// </summary>
    public bool IsCompletedBy(IReadOnlyCollection<string> completedModuleCodes) =>
        Modules.Where(m => m.Kind == ModuleKind.Invariant).All(m => completedModuleCodes.Contains(m.Code))
        && (Modules.All(m => m.Kind != ModuleKind.Variable)
            || Modules.Any(m => m.Kind == ModuleKind.Variable && completedModuleCodes.Contains(m.Code)));

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
    IReadOnlyList<Diagnostic> Diagnostics,
    CredentialDeclaration? Credential = null);

/// <summary>
/// The micro-credential a module or programme issues on completion (an Open Badges 3.0 Achievement, docs/credentials.md).
/// </summary>
/// <param name="Criteria">What a holder did to earn it, in words (the Achievement's criteria narrative).</param>
/// <param name="Image">The badge image: an absolute https URL, or a path of the tool starting with "/".</param>
public sealed record CredentialDeclaration(LocalizedText Title, LocalizedText Description, LocalizedText Criteria, string Image);

/// <summary>A section of the module's learning materials; the body's paragraphs are separated by blank lines.</summary>
public sealed record MaterialSection(LocalizedText Heading, LocalizedText Body);

/// <summary>What a diagnostic's evidence must show to count (format <c>ltipd-programme/1</c>, README "Programme document").</summary>
public enum CriterionKind
{
    /// <summary>A test: the submitted result reaches <see cref="EvidenceCriterion.PassPercent"/> of its maximum.</summary>
    PassMark = 0,

    /// <summary>A practical task: an instructor has reviewed it and its level is at least <see cref="EvidenceCriterion.Level"/>.</summary>
    ReviewedAtLeast = 1,

    /// <summary>A questionnaire or self-analysis: every item is answered.</summary>
    AnsweredInFull = 2,
}

/// <summary>The criterion a diagnostic's evidence must meet; only the field of its kind is set.</summary>
public sealed record EvidenceCriterion(CriterionKind Kind, double? PassPercent = null, Level? Level = null)
{
    public static EvidenceCriterion PassMark(double percent) => new(CriterionKind.PassMark, PassPercent: percent);

    public static EvidenceCriterion ReviewedAtLeast(Level level) => new(CriterionKind.ReviewedAtLeast, Level: level);

    public static EvidenceCriterion AnsweredInFull { get; } = new(CriterionKind.AnsweredInFull);
}

/// <summary>
/// One required diagnostic of a module: an instrument of the framework taken as evidence, and the criterion that evidence
/// must meet. A submission counts for one module only (<see cref="ModuleCompletion"/> says which) unless the diagnostic is
/// <paramref name="Shared"/>: then any submission of the instrument counts here too, even one that counts for another module.
/// </summary>
public sealed record Diagnostic(DiagnosticAspect Aspect, string InstrumentCode, EvidenceCriterion Criterion, bool Shared = false);
