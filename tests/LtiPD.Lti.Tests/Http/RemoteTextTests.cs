using LtiPD.Lti.Http;

namespace LtiPD.Lti.Tests.Http;

public sealed class RemoteTextTests
{
    [Fact]
    public void AnExcerptIsOneShortLineWithoutControlCharacters()
    {
        var body = "Incorrect score\r\n2026-01-01 ERROR forged line\u0007\u001b[31m\u202Ered\t\t" + new string('x', 1000);

        var excerpt = RemoteText.Excerpt(body);

        Assert.StartsWith("Incorrect score 2026-01-01 ERROR forged line[31mred x", excerpt, StringComparison.Ordinal);
        Assert.Equal(RemoteText.MaxExcerptLength + 1, excerpt.Length);
        Assert.EndsWith("…", excerpt, StringComparison.Ordinal);
        Assert.DoesNotContain(excerpt, c => char.IsControl(c));
    }

    [Fact]
    public void TheBearerTokenNeverAppearsInAnExcerpt()
    {
        var excerpt = RemoteText.Excerpt("{\"error\":\"invalid token eyJ.secret.sig\", \"echo\":\"Bearer eyJ.secret.sig\"}", "eyJ.secret.sig");

        Assert.DoesNotContain("eyJ.secret.sig", excerpt, StringComparison.Ordinal);
        Assert.Contains("Bearer [redacted]", excerpt, StringComparison.Ordinal);
    }

    [Fact]
    public void NoBodyGivesAnEmptyExcerpt() => Assert.Equal("", RemoteText.Excerpt(null));
}
