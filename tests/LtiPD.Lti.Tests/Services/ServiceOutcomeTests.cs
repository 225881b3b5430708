using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LtiPD.Lti.Tests.Services;

/// <summary>
/// Answers the simulator cannot give (Canvas's 403 rate limit, an HTTP-date Retry-After, odd Link headers), from a fake HTTP peer
/// that plays the platform.
/// </summary>
public sealed class ServiceOutcomeTests
{
    private static readonly PlatformRegistration Canvas = new("https://canvas.instructure.com", "10000000000001",
        new Uri("https://canvas.example/api/lti/authorize_redirect"), new Uri("https://canvas.example/login/oauth2/token"),
        new Uri("https://canvas.example/api/lti/security/jwks"), ["1:abc"]);

    private static readonly Uri LineItem = new("https://canvas.example/api/lti/courses/1/line_items/7");

    private static readonly Score AScore = new("u-1", ActivityProgress.Completed, GradingProgress.FullyGraded, DateTimeOffset.UtcNow) { ScoreGiven = 1, ScoreMaximum = 1 };

    private static (AgsClient Client, FakePlatformHttp Http) Client(
        ManualClock clock, Func<HttpRequestMessage, HttpResponseMessage> service, Microsoft.Extensions.Logging.ILogger<AgsClient>? log = null)
    {
        var http = new FakePlatformHttp(request => Task.FromResult(request.RequestUri!.AbsolutePath.EndsWith("/token", StringComparison.Ordinal)
            ? FakePlatformHttp.Json("{\"access_token\":\"token-7f3a\",\"expires_in\":3600}")
            : service(request)));
        var tokens = new ServiceTokenClient(http, Defaults.KeyRing(clock), clock, NullLogger<ServiceTokenClient>.Instance);
        return (new AgsClient(http, tokens, clock, log ?? NullLogger<AgsClient>.Instance), http);
    }

    [Fact]
    public async Task CanvasRateLimitAnsweredAs403IsTransientWithAnHttpDateRetryAfter()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var (ags, _) = Client(clock, _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Forbidden) { Content = new StringContent("403 Forbidden (Rate Limit Exceeded)\n") };
            response.Headers.RetryAfter = new RetryConditionHeaderValue(clock.Now.AddSeconds(45));
            return response;
        });

        var outcome = await ags.PostScoreAsync(Canvas, LineItem, AScore, default);

        Assert.Equal((ServiceOutcomeKind.Transient, 403, TimeSpan.FromSeconds(45)), (outcome.Kind, outcome.Status, outcome.RetryAfter));
        Assert.Equal(ServiceFailure.Unavailable, outcome.Failure);
    }

    [Fact]
    public async Task AnyOther403IsAPermanentRefusalWhoseWordsReachOnlyTheLogSanitised()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var log = new ListLogger<AgsClient>();
        var (ags, _) = Client(clock, _ => FakePlatformHttp.Json(
            "{\"errors\":[{\"message\":\"Insufficient scopes\r\nFAKE LOG LINE for bearer token-7f3a\"}]}" + new string('x', 500), HttpStatusCode.Forbidden), log);

        var outcome = await ags.PostScoreAsync(Canvas, LineItem, AScore, default);

        Assert.Equal((ServiceOutcomeKind.Permanent, 403, ServiceFailure.Refused), (outcome.Kind, outcome.Status, outcome.Failure));
        Assert.DoesNotContain("Insufficient", outcome.ToString(), StringComparison.Ordinal);
        var logged = Assert.Single(log.Messages, m => m.Contains("Insufficient scopes", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', logged);
        Assert.DoesNotContain("token-7f3a", logged, StringComparison.Ordinal);
        Assert.Contains("bearer [redacted]", logged, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARetryAfterDateInThePastMeansRetryNow()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.Zero));
        var (ags, _) = Client(clock, _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
            response.Headers.RetryAfter = new RetryConditionHeaderValue(clock.Now.AddMinutes(-1));
            return response;
        });

        var outcome = await ags.PostScoreAsync(Canvas, LineItem, AScore, default);

        Assert.Equal((ServiceOutcomeKind.Transient, TimeSpan.Zero), (outcome.Kind, outcome.RetryAfter));
    }

    [Fact]
    public async Task A409ToAnythingButAScoreIsAPermanentRefusal()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var (ags, _) = Client(clock, _ => FakePlatformHttp.Json("{\"status\":409,\"reason\":\"Conflict\"}", HttpStatusCode.Conflict));

        var result = await ags.GetLineItemAsync(Canvas, LineItem, default);

        Assert.Equal((ServiceOutcomeKind.Permanent, 409, ServiceFailure.Refused), (result.Outcome.Kind, result.Outcome.Status, result.Outcome.Failure));
    }

    [Fact]
    public async Task AnAnswerThatIsNotTheExpectedJsonIsAPermanentFailureNotAnException()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var (ags, _) = Client(clock, _ => FakePlatformHttp.Json("<html>login</html>"));

        var result = await ags.GetLineItemAsync(Canvas, LineItem, default);

        Assert.Equal((ServiceOutcomeKind.Permanent, ServiceFailure.Unreadable), (result.Outcome.Kind, result.Outcome.Failure));
        Assert.StartsWith("The platform's line item is not valid JSON", result.Outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagingFollowsNextAmongSeveralLinksAndRelativeTargets()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var (ags, http) = Client(clock, request =>
        {
            var page = request.RequestUri!.Query.Contains("page=2", StringComparison.Ordinal) ? 2 : 1;
            var response = FakePlatformHttp.Json($"[{{\"id\":\"https://canvas.example/li/{page}\",\"label\":\"L{page}\",\"scoreMaximum\":\"10\"}}]");
            if (page == 1)
                response.Headers.TryAddWithoutValidation("Link",
                    "<https://canvas.example/api/lti/courses/1/line_items?page=1>; rel=\"current\", </api/lti/courses/1/line_items?page=2>; rel=\"next\", <https://canvas.example/api/lti/courses/1/line_items?page=1>; rel=\"first\"");
            else
                response.Headers.TryAddWithoutValidation("Link", "<https://canvas.example/api/lti/courses/1/line_items?page=1>; rel=\"prev first\"");
            return response;
        });

        var listed = await ags.ListLineItemsAsync(Canvas, new Uri("https://canvas.example/api/lti/courses/1/line_items"), null, default);

        Assert.Equal(["L1", "L2"], listed.Value!.Select(i => i.Label));
        Assert.Equal(10, listed.Value![1].ScoreMaximum);
        Assert.Equal("https://canvas.example/api/lti/courses/1/line_items?page=2",
            http.Calls.Last().Request.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task PagingThatLoopsBackIsRefusedRatherThanFollowedForever()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var (ags, _) = Client(clock, request =>
        {
            var response = FakePlatformHttp.Json("[]");
            response.Headers.TryAddWithoutValidation("Link", $"<{request.RequestUri}>; rel=next");
            return response;
        });

        var listed = await ags.ListLineItemsAsync(Canvas, new Uri("https://canvas.example/li"), null, default);

        Assert.Equal((ServiceOutcomeKind.Permanent, ServiceFailure.Unreadable), (listed.Outcome.Kind, listed.Outcome.Failure));
        Assert.Contains("loop back", listed.Outcome.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<https://m.example/li?from=2>; rel=\u201Cnext\u201D")]
    [InlineData("<https://m.example/li?from=2>; rel=\"next\"")]
    [InlineData("<https://m.example/li?from=2>; rel=next")]
    [InlineData("<https://m.example/li?from=0>; rel=\"prev\",<https://m.example/li?from=2>;rel=\"NEXT\"")]
    public void TheNextLinkIsFoundHoweverItIsQuoted(string header)
    {
        Assert.Equal(new Uri("https://m.example/li?from=2"), LinkHeader.FindNext([header], new Uri("https://m.example/li")));
    }

    [Fact]
    public void MoodlesCurlyQuotesAreRecognisedEvenWhenDecodedAsLatin1()
    {
        var utf8 = Encoding.UTF8.GetBytes("<https://m.example/li?from=2>; rel=\u201Cnext\u201D");
        var latin1 = Encoding.Latin1.GetString(utf8);

        Assert.Equal(new Uri("https://m.example/li?from=2"), LinkHeader.FindNext([latin1], new Uri("https://m.example/li")));
    }

    [Fact]
    public void AHeaderWithoutNextEndsThePaging()
    {
        Assert.Null(LinkHeader.FindNext(["<https://m.example/li?from=0>; rel=\"prev\"", "<https://m.example/li?from=9>; rel=\"last\""], new Uri("https://m.example/li")));
    }
}
