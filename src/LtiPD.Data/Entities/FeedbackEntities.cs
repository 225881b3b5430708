namespace LtiPD.Data.Entities;

/// <summary>
/// A teacher's answers to the three questions asked after a module (useful, relevant to my work, would recommend; each 1–5)
/// and an optional comment. Keyed by the module completion it follows: there is an answer only for a completed module, at most
/// one per person, course and module (the completion's own uniqueness), and changing it overwrites it. The owner and course are
/// the completion's, so every read goes through <see cref="ModuleCompletionEntity"/>'s scope columns.
/// </summary>
public sealed class ModuleFeedbackEntity
{
    /// <summary>The longest comment a teacher may leave; the form says so and the handler refuses a longer one.</summary>
    public const int CommentMaxLength = 1000;

    public required string CompletionId { get; set; }
    public int Useful { get; set; }
    public int Relevant { get; set; }
    public int Recommend { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset AnsweredAt { get; set; }
}
