using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Tests.Competencies;

public sealed class LocalizedTextTests
{
    [Theory]
    [InlineData("ru-RU", "Общение")]
    [InlineData("kk", "Қарым-қатынас")]
    [InlineData("en-GB", "Communication")]
    [InlineData("de", "Communication")]
    [InlineData(null, "Communication")]
    public void PicksTheLanguageOfTheCultureAndFallsBackToEnglish(string? culture, string expected)
    {
        var text = new LocalizedText("Communication", "Общение", "Қарым-қатынас");
        Assert.Equal(expected, text.For(culture));
    }

    [Fact]
    public void MissingTranslationFallsBackToEnglish()
    {
        Assert.Equal("Teamwork", new LocalizedText("Teamwork", Ru: " ").For("ru"));
    }
}
