using System.Globalization;
using LtiPD.Web.Features.Shared;

namespace LtiPD.Web.Tests.Features.Shared;

public sealed class PluralsTests
{
    private const string English = "{0} try|{0} tries";
    private const string Russian = "{0} попытка|{0} попытки|{0} попыток";
    private const string Kazakh = "{0} әрекет";

    [Theory]
    [InlineData(0, "0 tries")]
    [InlineData(1, "1 try")]
    [InlineData(2, "2 tries")]
    [InlineData(21, "21 tries")]
    public void EnglishSaysOneForOneAndTheOtherFormOtherwise(long count, string expected) =>
        Assert.Equal(expected, string.Format(CultureInfo.InvariantCulture, Plurals.Choose(English, new CultureInfo("en"), count), count));

    [Theory]
    [InlineData(1, "1 попытка")]
    [InlineData(21, "21 попытка")]
    [InlineData(2, "2 попытки")]
    [InlineData(34, "34 попытки")]
    [InlineData(5, "5 попыток")]
    [InlineData(11, "11 попыток")]
    [InlineData(12, "12 попыток")]
    [InlineData(14, "14 попыток")]
    [InlineData(0, "0 попыток")]
    [InlineData(111, "111 попыток")]
    [InlineData(101, "101 попытка")]
    public void RussianAgreesOneFewAndManyWithTheLastDigits(long count, string expected) =>
        Assert.Equal(expected, string.Format(CultureInfo.InvariantCulture, Plurals.Choose(Russian, new CultureInfo("ru"), count), count));

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void KazakhKeepsTheNounSingularAfterANumeral(long count) =>
        Assert.Equal($"{count} әрекет", string.Format(CultureInfo.InvariantCulture, Plurals.Choose(Kazakh, new CultureInfo("kk"), count), count));

    [Fact]
    public void ATextWithOneFormIsThatFormForEveryNumber() =>
        Assert.Equal("Участников: {0}", Plurals.Choose("Участников: {0}", new CultureInfo("ru"), 3));
}
