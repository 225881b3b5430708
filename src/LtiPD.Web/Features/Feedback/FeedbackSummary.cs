namespace LtiPD.Web.Features.Feedback;

/// <summary>The three questions a teacher answers after a module (seed 001: monitoring and adjustment), in the order asked.</summary>
public enum FeedbackQuestion
{
    /// <summary>"The module was useful to me."</summary>
    Useful,

    /// <summary>"The module is relevant to my work."</summary>
    Relevant,

    /// <summary>"I would recommend the module to a colleague."</summary>
    Recommend,
}

/// <summary>
/// One teacher's answers. Each question is an agreement rating on a 1–5 scale (1 strongly disagree, 2 disagree, 3 neither,
/// 4 agree, 5 strongly agree): five points keep a neutral middle, which a short end-of-module question needs more than a forced
/// choice, and they are the scale the tool's self-assessment items already use, so teachers read it the same way.
/// </summary>
public sealed record FeedbackAnswer(int Useful, int Relevant, int Recommend, string? Comment)
{
    public const int Lowest = 1;
    public const int Highest = 5;

    public static IReadOnlyList<FeedbackQuestion> Questions { get; } = Enum.GetValues<FeedbackQuestion>();

    public static IEnumerable<int> Scale => Enumerable.Range(Lowest, Highest - Lowest + 1);

    public int Rating(FeedbackQuestion question) => question switch
    {
        FeedbackQuestion.Useful => Useful,
        FeedbackQuestion.Relevant => Relevant,
        _ => Recommend,
    };
}

/// <summary>One question across a group: the mean rating and how many chose each point of the scale (index 0 is rating 1).</summary>
public sealed record QuestionSummary(FeedbackQuestion Question, double Mean, IReadOnlyList<int> Distribution);

/// <summary>
/// What a group's answers about one module may show. Below the minimum group size nothing is shown but that fact: not the
/// count, not a mean, not a comment, because in a group of a few a designer who knows the course could tell who said what.
/// </summary>
public sealed record ModuleFeedbackSummary(
    string ProgrammeCode, string ModuleCode, bool Suppressed, int? Respondents, IReadOnlyList<QuestionSummary> Questions, IReadOnlyList<string> Comments)
{
    /// <summary>
    /// Summarises a group's answers, or suppresses them when fewer than <paramref name="minimumGroup"/> people answered.
    /// Comments are ordered by their text, not by when they were written, so their order tells nobody whose they are.
    /// </summary>
    public static ModuleFeedbackSummary Of(string programmeCode, string moduleCode, IReadOnlyCollection<FeedbackAnswer> answers, int minimumGroup)
    {
        if (answers.Count < minimumGroup || answers.Count == 0)
            return new(programmeCode, moduleCode, true, null, [], []);
        var questions = FeedbackAnswer.Questions.Select(q => new QuestionSummary(
            q,
            answers.Average(a => a.Rating(q)),
            FeedbackAnswer.Scale.Select(point => answers.Count(a => a.Rating(q) == point)).ToList())).ToList();
        var comments = answers.Select(a => a.Comment).OfType<string>().Order(StringComparer.Ordinal).ToList();
        return new(programmeCode, moduleCode, false, answers.Count, questions, comments);
    }
}
