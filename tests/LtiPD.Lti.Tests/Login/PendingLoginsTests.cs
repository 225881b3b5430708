using System.Text.RegularExpressions;
using LtiPD.Lti.Login;
using Microsoft.AspNetCore.DataProtection;

namespace LtiPD.Lti.Tests.Login;

/// <summary>A started login travels sealed in its state: only this tool's key ring reads it back, and nothing altered passes.</summary>
public sealed class PendingLoginsTests
{
    private static readonly DateTimeOffset Later = new(2030, 1, 1, 0, 10, 0, TimeSpan.Zero);

    private readonly PendingLogins _logins = new(new EphemeralDataProtectionProvider());

    [Theory]
    [InlineData(null)]
    [InlineData("_parent")]
    public void TheStateGivesBackTheLoginItWasIssuedFor(string? storageTarget)
    {
        var login = _logins.Begin("https://moodle.example.edu", "client-1", storageTarget, Later);

        Assert.Equal(login, _logins.Find(login.State));
        Assert.Equal(("https://moodle.example.edu", "client-1", storageTarget, Later), (login.Issuer, login.ClientId, login.StorageTarget, login.ExpiresAt));
    }

    [Fact]
    public void EveryLoginHasItsOwnStateNonceAndCookieName()
    {
        var first = _logins.Begin("https://moodle.example.edu", "client-1", null, Later);
        var second = _logins.Begin("https://moodle.example.edu", "client-1", null, Later);

        Assert.NotEqual(first.State, second.State);
        Assert.NotEqual(first.Nonce, second.Nonce);
        // The per-login cookie and the platform-storage key are named by the state's beginning.
        Assert.NotEqual(first.State[..16], second.State[..16]);
    }

    [Fact]
    public void TheStateIsUrlSafeAndShortEnoughForAQueryString()
    {
        var login = _logins.Begin("https://moodle.example.edu/with/a/long/path", "mlgNgu4CnoI1lWD", "post_message_forwarding", Later);

        Assert.Matches(new Regex("^[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]+$"), login.State);
        Assert.InRange(login.State.Length, 100, 500);
    }

    [Fact]
    public void AnExpiredLoginIsStillRecognisedSoTheLaunchCanSayItTookTooLong()
    {
        var past = new DateTimeOffset(2020, 5, 1, 8, 0, 0, TimeSpan.Zero);
        var login = _logins.Begin("https://moodle.example.edu", "client-1", null, past);

        Assert.Equal(past, _logins.Find(login.State)!.ExpiresAt);
    }

    [Fact]
    public void AStateAlteredAnywhereIsNotRecognised()
    {
        var state = _logins.Begin("https://moodle.example.edu", "client-1", null, Later).State;
        var dot = state.IndexOf('.');
        var other = _logins.Begin("https://moodle.example.edu", "client-1", null, Later).State;
        // Another character whose top bit differs: the last character of base64 may carry unused low bits.
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        static string Flip(string s, int i) => s[..i] + Alphabet[Alphabet.IndexOf(s[i], StringComparison.Ordinal) ^ 32] + s[(i + 1)..];

        Assert.Null(_logins.Find(Flip(state, dot + 20)));                    // a byte of the sealed part
        Assert.Null(_logins.Find(Flip(state, state.Length - 1)));            // its authentication tag
        Assert.Null(_logins.Find(Flip(state, 3)));                           // the id outside
        Assert.Null(_logins.Find(other[..dot] + state[dot..]));              // one login's sealed part under another's id
        Assert.Null(_logins.Find(state[..^10]));                             // cut short
        Assert.Null(_logins.Find(state[..dot]));                             // the id alone
        Assert.Null(_logins.Find(state.Replace(".", "", StringComparison.Ordinal)));
        Assert.Null(_logins.Find("." + state));
        Assert.Null(_logins.Find(state[..dot] + ".!!not-base64!!"));
        Assert.Null(_logins.Find(state + new string('A', PendingLogins.MaxStateLength)));
        Assert.Null(_logins.Find(""));
    }

    [Fact]
    public void AStateSealedWithAnotherKeyRingIsNotRecognised()
    {
        var foreign = new PendingLogins(new EphemeralDataProtectionProvider()).Begin("https://moodle.example.edu", "client-1", null, Later);

        Assert.Null(_logins.Find(foreign.State));
    }
}
