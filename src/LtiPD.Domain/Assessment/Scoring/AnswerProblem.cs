namespace LtiPD.Domain.Assessment.Scoring;

/// <summary>
/// Why an answer was refused. A refused answer is never scored, not even as 0: its item counts as
/// unanswered (it is not evidence) and the problem is reported so the page can tell the teacher.
/// </summary>
public enum AnswerProblemKind
{
    /// <summary>The item code is not an item of this instrument version.</summary>
    UnknownItem = 0,

    /// <summary>A second answer for the same item; the item is refused rather than guessing which one counts.</summary>
    DuplicateAnswer = 1,

    /// <summary>The answer carries the shape of another item kind (e.g. options for a Likert item).</summary>
    WrongShape = 2,

    /// <summary>A Likert value outside 1–5.</summary>
    LikertOutOfRange = 3,

    /// <summary>An option code the item does not have, or one option chosen twice.</summary>
    UnknownOption = 4,

    /// <summary>More than one option on a single-choice or scenario item.</summary>
    SeveralOptions = 5,

    /// <summary>Rubric points below 0 or above the criterion's maximum.</summary>
    RubricPointsOutOfRange = 6,

    /// <summary>Rubric points for a criterion the rubric does not have.</summary>
    UnknownCriterion = 7,
}

public sealed record AnswerProblem(string ItemCode, AnswerProblemKind Kind, string Message);
