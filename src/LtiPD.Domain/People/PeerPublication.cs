namespace LtiPD.Domain.People;

/// <summary>
/// When colleagues' ratings of a teacher may be shown. A summary over at least three raters hides each one, but a summary
/// that is recomputed with every new answer does not: the difference between the summary over n answers and the one over
/// n + 1 is exactly the newest rater's answer, and the teacher usually knows who answered last. So the summary is published
/// in steps of <see cref="Step"/>: over the first 3·k answers in the order they arrived (k = ⌊n / 3⌋), and it changes only
/// when three new answers have come in; any two published summaries then differ by at least three raters.
/// </summary>
public static class PeerPublication
{
    /// <summary>The fewest answers a summary is made of, and the number of new answers that changes it.</summary>
    public const int Step = 3;

    /// <summary>How many of <paramref name="answers"/> answers (taken in arrival order) the published summary is computed over.</summary>
    public static int Included(int answers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(answers);
        return answers / Step * Step;
    }

    /// <summary>The answers the published summary is computed over: the first <see cref="Included"/> of them in arrival order.</summary>
    public static IReadOnlyList<T> Published<T>(IReadOnlyList<T> inArrivalOrder)
    {
        ArgumentNullException.ThrowIfNull(inArrivalOrder);
        return inArrivalOrder.Take(Included(inArrivalOrder.Count)).ToList();
    }
}
