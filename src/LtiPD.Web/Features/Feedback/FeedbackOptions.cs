namespace LtiPD.Web.Features.Feedback;

/// <summary>Bound from "Feedback".</summary>
public sealed class FeedbackOptions
{
    public const string Section = "Feedback";

    /// <summary>The smallest group whose answers may ever be shown: below five, answers can be traced to a person.</summary>
    public const int SmallestGroup = 5;

    /// <summary>How many people must have answered about a module before designers see the answers (never below five).</summary>
    public int MinimumGroup { get; set; } = SmallestGroup;
}
