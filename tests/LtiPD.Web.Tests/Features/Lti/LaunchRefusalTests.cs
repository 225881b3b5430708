using System.Net;
using LtiPD.Lti.Login;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Lti;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Lti;

/// <summary>
/// The 1EdTech LTI 1.3 certification's known-bad launches, and the attacks the Security Framework guards
/// against. Each must be answered 4xx with its stable code, and leave no session behind.
/// </summary>
public sealed class LaunchRefusalTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    public static TheoryData<string, string> BadPayloads => new()
    {
        { "no kid", "kid_missing" },
        { "wrong kid", "kid_unknown" },
        { "key not published", "kid_unknown" },
        { "wrong version", "version_unsupported" },
        { "no version", "version_missing" },
        { "not an lti message", "not_an_lti_message" },
        { "missing aud", "aud_missing" },
        { "missing iss", "iss_missing" },
        { "missing sub", "sub_missing" },
        { "missing deployment_id", "deployment_id_missing" },
        { "missing roles", "roles_missing" },
        { "bad timestamps", "token_expired" },
        { "no message_type", "message_type_missing" },
        { "unsupported message_type", "message_type_unsupported" },
        { "no resource_link id", "resource_link_id_missing" },
        { "bad signature", "bad_signature" },
        { "alg none", "alg_not_allowed" },
        { "HS256 keyed with the public key", "alg_not_allowed" },
        { "expired", "token_expired" },
        { "issued in the future", "iat_in_future" },
        { "unknown issuer", "unknown_issuer" },
        { "unknown client_id", "unknown_client_id" },
        { "unknown deployment", "unknown_deployment" },
        { "several audiences without azp", "azp_mismatch" },
        { "iat is a string", "malformed_jwt" },
        { "custom is not an object", "claim_malformed" },
    };

    [Theory]
    [MemberData(nameof(BadPayloads))]
    public async Task RefusesKnownBadIdTokenWithItsCodeAndNoSession(string payload, string expectedCode)
    {
        var before = await env.Tool.CountSessionsAsync();

        var outcome = await env.Driver().LaunchAsync(env.Platform.Teacher, draft => Break(draft, payload));

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal(expectedCode, outcome.ErrorCode);
        Assert.Null(outcome.Location);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    [Fact]
    public async Task RefusesAReplayedLaunchEvenWithItsOwnStateCookie()
    {
        var driver = env.Driver();
        var login = await driver.StartLoginAsync();
        var token = env.Platform.SignIdToken(env.Platform.DraftIdToken(env.Platform.Teacher, login.Nonce));
        var first = await driver.PostLaunchAsync(token, login.State);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var sessions = await env.Tool.CountSessionsAsync();

        var replay = await driver.PostLaunchAsync(token, login.State);

        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Equal("nonce_replayed", replay.ErrorCode);
        Assert.Equal(sessions, await env.Tool.CountSessionsAsync());
    }

    [Fact]
    public async Task RefusesALaunchWithoutState()
    {
        var driver = env.Driver();
        var login = await driver.StartLoginAsync();
        var before = await env.Tool.CountSessionsAsync();

        var outcome = await driver.PostLaunchAsync(env.Platform.SignIdToken(env.Platform.DraftIdToken(env.Platform.Teacher, login.Nonce)), state: null);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("state_missing", outcome.ErrorCode);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    [Fact]
    public async Task RefusesALaunchWhoseStateBelongsToAnotherLogin()
    {
        var driver = env.Driver();
        var first = await driver.StartLoginAsync();
        var second = await driver.StartLoginAsync();
        var before = await env.Tool.CountSessionsAsync();

        var outcome = await driver.PostLaunchAsync(
            env.Platform.SignIdToken(env.Platform.DraftIdToken(env.Platform.Teacher, first.Nonce)), second.State);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("state_mismatch", outcome.ErrorCode);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    [Fact]
    public async Task RefusesALaunchWhoseStateWasAlteredOnTheWay()
    {
        var driver = env.Driver();
        var login = await driver.StartLoginAsync();
        var before = await env.Tool.CountSessionsAsync();
        // The sealed part changed: the per-login cookie (named by the state's beginning) still goes along.
        var altered = login.State[..^6] + (login.State[^6] == 'A' ? 'Q' : 'A') + login.State[^5..];

        var outcome = await driver.PostLaunchAsync(env.Platform.SignIdToken(env.Platform.DraftIdToken(env.Platform.Teacher, login.Nonce)), altered);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("state_mismatch", outcome.ErrorCode);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    [Fact]
    public async Task RefusesALaunchWhoseLoginTookLongerThanTheStateLives()
    {
        // A login this tool began (its key ring, its cookie) whose time ran out before the LMS answered.
        var expired = env.Tool.Services.GetRequiredService<PendingLogins>()
            .Begin(env.Platform.Issuer, env.Platform.ClientId, null, DateTimeOffset.UtcNow.AddSeconds(-1));

        await AssertRefusedWithItsCookieAsync(expired, "state_expired");
    }

    [Fact]
    public async Task RefusesAStateSealedByAnyoneButThisTool()
    {
        // Well formed, with its cookie and a matching nonce, but sealed with another key ring: an attacker's own state.
        var forged = new PendingLogins(new EphemeralDataProtectionProvider())
            .Begin(env.Platform.Issuer, env.Platform.ClientId, null, DateTimeOffset.UtcNow.AddMinutes(5));

        await AssertRefusedWithItsCookieAsync(forged, "state_mismatch");
    }

    /// <summary>Posts a launch for <paramref name="login"/> from a browser holding its state cookie, with a valid id_token for its nonce.</summary>
    private async Task AssertRefusedWithItsCookieAsync(PendingLogin login, string expectedCode)
    {
        var driver = env.Driver();
        driver.Cookies.Add(env.Tool.BaseUrl, new Cookie(StateCookie.NameFor(login.State), login.State, "/lti"));
        var before = await env.Tool.CountSessionsAsync();

        var outcome = await driver.PostLaunchAsync(env.Platform.SignIdToken(env.Platform.DraftIdToken(env.Platform.Teacher, login.Nonce)), login.State);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal(expectedCode, outcome.ErrorCode);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    [Fact]
    public async Task RefusesALaunchFinishedInABrowserThatDidNotStartIt()
    {
        var login = await env.Driver().StartLoginAsync();
        var otherBrowser = env.Driver();
        var before = await env.Tool.CountSessionsAsync();

        var outcome = await otherBrowser.PostLaunchAsync(
            env.Platform.SignIdToken(env.Platform.DraftIdToken(env.Platform.Teacher, login.Nonce)), login.State);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("state_mismatch", outcome.ErrorCode);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    [Theory]
    [InlineData("not-a-jwt")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.%%%.sig")]
    public async Task RefusesAMalformedJwt(string token)
    {
        var driver = env.Driver();
        var login = await driver.StartLoginAsync();

        var outcome = await driver.PostLaunchAsync(token, login.State);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("malformed_jwt", outcome.ErrorCode);
    }

    [Fact]
    public async Task RefusesALaunchWithoutIdToken()
    {
        var driver = env.Driver();
        var login = await driver.StartLoginAsync();

        var outcome = await driver.PostLaunchAsync(idToken: null, login.State);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("id_token_missing", outcome.ErrorCode);
    }

    [Theory]
    [InlineData("lti/login", "login_parameter_missing")]
    [InlineData("lti/launch", "state_missing")]
    [InlineData("lti/launch/confirm", "state_mismatch")]
    public async Task ABodyThatIsNotAFormIsRefusedNotACrash(string path, string expectedCode)
    {
        using var client = env.Tool.CreateRawClient();

        using var response = await client.PostAsync(path, new StringContent("{\"id_token\":\"x\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"id=\"error-code\">{expectedCode}<", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesAnOversizedBodyWith413()
    {
        var driver = env.Driver();
        var login = await driver.StartLoginAsync();
        var before = await env.Tool.CountSessionsAsync();

        var outcome = await driver.PostLaunchAsync(new string('a', 200_000), login.State);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, outcome.Status);
        Assert.Equal("body_too_large", outcome.ErrorCode);
        Assert.Equal(before, await env.Tool.CountSessionsAsync());
    }

    private static void Break(IdTokenDraft draft, string payload)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        switch (payload)
        {
            case "no kid": draft.Header.Remove("kid"); break;
            case "wrong kid": draft.Header["kid"] = "no-such-kid"; break;
            case "key not published": draft.Signing = DraftSigning.UnknownKey; break;
            case "wrong version": draft.Claims[Claims.Version] = "1.2.0"; break;
            case "no version": draft.Claims.Remove(Claims.Version); break;
            case "not an lti message":
                foreach (var key in draft.Claims.Keys.Where(k => k.StartsWith("https://purl.imsglobal.org/", StringComparison.Ordinal)).ToList())
                    draft.Claims.Remove(key);
                break;
            case "missing aud": draft.Claims.Remove("aud"); break;
            case "missing iss": draft.Claims.Remove("iss"); break;
            case "missing sub": draft.Claims.Remove("sub"); break;
            case "missing deployment_id": draft.Claims.Remove(Claims.DeploymentId); break;
            case "missing roles": draft.Claims.Remove(Claims.Roles); break;
            case "bad timestamps": draft.Claims["iat"] = 11111L; draft.Claims["exp"] = 22222L; break;
            case "no message_type": draft.Claims.Remove(Claims.MessageType); break;
            case "unsupported message_type": draft.Claims[Claims.MessageType] = "LtiSubmissionReviewRequest"; break;
            case "no resource_link id": draft.Claims[Claims.ResourceLink] = new Dictionary<string, object?> { ["title"] = "no id" }; break;
            case "bad signature": draft.Signing = DraftSigning.TamperedSignature; break;
            case "alg none": draft.Signing = DraftSigning.None; break;
            case "HS256 keyed with the public key": draft.Signing = DraftSigning.Hs256WithPublicKey; break;
            case "expired": draft.Claims["iat"] = now - 600; draft.Claims["exp"] = now - 300; break;
            case "issued in the future": draft.Claims["iat"] = now + 3600; draft.Claims["exp"] = now + 3660; break;
            case "unknown issuer": draft.Claims["iss"] = "https://lms.elsewhere.example"; break;
            case "unknown client_id": draft.Claims["aud"] = "someone-else"; break;
            case "unknown deployment": draft.Claims[Claims.DeploymentId] = "999"; break;
            case "several audiences without azp": draft.Claims["aud"] = new[] { (string)draft.Claims["aud"]!, "another-tool" }; draft.Claims.Remove("azp"); break;
            case "iat is a string": draft.Claims["iat"] = "yesterday"; break;
            case "custom is not an object": draft.Claims["https://purl.imsglobal.org/spec/lti/claim/custom"] = "x=1"; break;
            default: throw new ArgumentOutOfRangeException(nameof(payload), payload, "no such bad payload");
        }
    }
}
