namespace LtiPD.Domain.Assessment;

/// <summary>
/// What a respondent gave for one item. Exactly one shape is used per item kind: a Likert value
/// 1–5, the chosen option codes, or rubric points per criterion (given by an instructor) with the
/// teacher's submitted text. An item with no answer simply has no <see cref="Answer"/>.
/// </summary>
public sealed record Answer(
    string ItemCode,
    int? LikertValue = null,
    IReadOnlyList<string>? SelectedOptions = null,
    IReadOnlyDictionary<string, int>? RubricPoints = null,
    string? Text = null);
