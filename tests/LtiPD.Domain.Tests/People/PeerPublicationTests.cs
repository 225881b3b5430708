using LtiPD.Domain.People;

namespace LtiPD.Domain.Tests.People;

public sealed class PeerPublicationTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    [InlineData(6, 6)]
    [InlineData(7, 6)]
    public void TheSummaryCoversTheLargestMultipleOfThreeAnswers(int answers, int included) =>
        Assert.Equal(included, PeerPublication.Included(answers));

    [Fact]
    public void TheFourthAndFifthAnswersWaitAndTheSixthPublishesAllSixInArrivalOrder()
    {
        string[] arrived = ["a", "b", "c", "d", "e", "f"];

        Assert.Equal(["a", "b", "c"], PeerPublication.Published(arrived[..3]));
        Assert.Equal(["a", "b", "c"], PeerPublication.Published(arrived[..4]));
        Assert.Equal(["a", "b", "c"], PeerPublication.Published(arrived[..5]));
        Assert.Equal(arrived, PeerPublication.Published(arrived));
    }

    [Fact]
    public void TwoPublishedSummariesNeverDifferByOneRater()
    {
        var published = Enumerable.Range(0, 30).Select(PeerPublication.Included).Where(n => n > 0).Distinct().ToList();

        Assert.All(published.Zip(published.Skip(1)), pair => Assert.True(pair.Second - pair.First >= PeerPublication.Step));
    }

    [Fact]
    public void ANegativeCountIsAProgrammingError() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PeerPublication.Included(-1));
}
