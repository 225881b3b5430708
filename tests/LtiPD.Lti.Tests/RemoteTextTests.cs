namespace LtiPD.Lti.Tests;

public sealed class RemoteTextTests
{
    [Fact]
    public void AnExcerptHasNoLineBreaksOrControlCharactersSoItCannotForgeLogLines()
    {
        var excerpt = RemoteText.Excerpt("error\r\n2026-12-02 INFO admin signed in\u0007\u001b[31m");

        Assert.Equal("error  2026-12-02 INFO admin signed in  [31m", excerpt);
    }

    [Fact]
    public void AnExcerptIsCutAtTwoHundredCharacters()
    {
        var excerpt = RemoteText.Excerpt(new string('x', 5000));

        Assert.Equal(new string('x', RemoteText.MaxExcerptLength) + "…", excerpt);
    }
}
