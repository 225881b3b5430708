using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Assessment;

/// <summary>
/// The five instrument types, covering the three diagnostic aspects of seed 001: content
/// (knowledge test), activity (practical task, situational judgement) and communicative
/// (self-assessment, peer feedback).
/// </summary>
public enum InstrumentKind
{
    LikertSelfAssessment = 0,
    KnowledgeTest = 1,
    SituationalJudgement = 2,
    PracticalTask = 3,
    PeerFeedback = 4,
}

/// <summary>How an item is answered and therefore how it is scored.</summary>
public enum ItemKind
{
    /// <summary>A statement rated 1–5 (strongly disagree … strongly agree); may be reverse-keyed.</summary>
    Likert = 0,

    /// <summary>One correct option.</summary>
    SingleChoice = 1,

    /// <summary>Several correct options; scored per option (correct chosen, wrong not chosen).</summary>
    MultipleChoice = 2,

    /// <summary>A scenario whose options each carry a key score.</summary>
    Scenario = 3,

    /// <summary>A file or text judged by an instructor against a rubric.</summary>
    RubricTask = 4,
}

/// <summary>
/// An instrument at one version. Items, options and texts are data; an attempt records the
/// version it was taken on, so a later edit never rescores old attempts.
/// </summary>
public sealed record Instrument(
    string Code,
    int Version,
    InstrumentKind Kind,
    string FrameworkCode,
    LocalizedText Title,
    LocalizedText Introduction,
    IReadOnlyList<Item> Items)
{
    public Item? FindItem(string code) =>
        Items.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.Ordinal));
}

/// <summary>One question, statement, scenario or task, mapped to one competency indicator.</summary>
/// <param name="ReverseKeyed">For Likert items: agreement means a lower level (6 − value is scored).</param>
/// <param name="Options">Choice and scenario options; empty for Likert and rubric tasks.</param>
/// <param name="Rubric">For rubric tasks: the criteria an instructor scores.</param>
public sealed record Item(
    string Code,
    string CompetencyCode,
    string IndicatorCode,
    ItemKind Kind,
    LocalizedText Text,
    bool ReverseKeyed,
    IReadOnlyList<ItemOption> Options,
    Rubric? Rubric);

/// <summary>
/// An answer option. <paramref name="Score"/> is the key: 1 or 0 for test options (1 = correct),
/// 0…<see cref="Item"/> maximum for scenario options as set by the key.
/// </summary>
public sealed record ItemOption(string Code, LocalizedText Text, double Score);

/// <summary>A rubric: criteria, each scored 0…MaxPoints by an instructor.</summary>
public sealed record Rubric(IReadOnlyList<RubricCriterion> Criteria);

public sealed record RubricCriterion(string Code, LocalizedText Description, int MaxPoints);
