using LtiPD.Web.Features.Feedback;

namespace LtiPD.Web.Tests.Features.Feedback;

public sealed class FeedbackSummaryTests
{
    private static readonly FeedbackAnswer[] Five =
    [
        new(5, 4, 5, "Zebra"), new(4, 4, 3, null), new(3, 2, 4, "apple"), new(5, 5, 5, "Mango"), new(1, 3, 2, null),
    ];

    [Fact]
    public void AGroupAtTheMinimumShowsMeansDistributionsAndCommentsInTextOrder()
    {
        var summary = ModuleFeedbackSummary.Of("p", "m", Five, minimumGroup: 5);

        Assert.False(summary.Suppressed);
        Assert.Equal(5, summary.Respondents);
        var useful = summary.Questions.Single(q => q.Question == FeedbackQuestion.Useful);
        Assert.Equal(3.6, useful.Mean, 6);
        Assert.Equal([1, 0, 1, 1, 2], useful.Distribution);
        Assert.Equal([0, 1, 1, 2, 1], summary.Questions.Single(q => q.Question == FeedbackQuestion.Relevant).Distribution);
        Assert.Equal(3.8, summary.Questions.Single(q => q.Question == FeedbackQuestion.Recommend).Mean, 6);
        Assert.Equal(["Mango", "Zebra", "apple"], summary.Comments);
    }

    [Fact]
    public void AGroupBelowTheMinimumShowsNeitherCountNorMeansNorComments()
    {
        var summary = ModuleFeedbackSummary.Of("p", "m", Five[..4], minimumGroup: 5);

        Assert.True(summary.Suppressed);
        Assert.Null(summary.Respondents);
        Assert.Empty(summary.Questions);
        Assert.Empty(summary.Comments);
    }

    [Fact]
    public void NoAnswersAtAllAreSuppressedLikeAFewAnswers()
    {
        var summary = ModuleFeedbackSummary.Of("p", "m", [], minimumGroup: 5);

        Assert.True(summary.Suppressed);
        Assert.Null(summary.Respondents);
    }
}
