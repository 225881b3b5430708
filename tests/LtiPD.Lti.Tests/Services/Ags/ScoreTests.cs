using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using LtiPD.Lti.Tests.Support;
using LtiPD.PlatformSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Lti.Tests.Services.Ags;

public sealed class ScoreTests
{
    private static readonly DateTimeOffset Earlier = new(2026, 11, 22, 10, 15, 30, 123, TimeSpan.Zero);

    private static Score Graded(string userId, double given, DateTimeOffset at) =>
        new(userId, ActivityProgress.Completed, GradingProgress.FullyGraded, at) { ScoreGiven = given, ScoreMaximum = 10, Comment = "Well argued." };

    private static async Task<LineItem> LineItemAsync(ServiceEnvironment env) =>
        (await env.Ags.CreateLineItemAsync(env.Registration, env.Platform.LineItemsUrl,
            new LineItem { Label = "Module 1", ScoreMaximum = 100, ResourceId = "module-1" }, default)).Value!;

    [Fact]
    public async Task WorkAwaitingManualGradingIsSentWithoutAScoreAndTheLaterGradeIsTakenOnMoodle()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        var learner = env.Platform.Teacher.Sub;
        // Submitted first, then graded with an earlier timestamp than the submission's: Moodle keeps no time for an ungraded
        // score, so the grade is still taken.
        var pending = new Score(learner, ActivityProgress.Submitted, GradingProgress.PendingManual, Earlier.AddMinutes(10));

        var sent = await env.Ags.PostScoreAsync(env.Registration, item.Id!, pending, default);
        var pendingBody = env.Platform.Recorder.OfKind(RecordedCallKind.Ags)[^1].Body;
        var results = await env.Ags.ListResultsAsync(env.Registration, item.Id!, learner, null, default);
        var graded = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(learner, 8, Earlier), default);

        Assert.Equal(ServiceOutcomeKind.Succeeded, sent.Kind);
        Assert.DoesNotContain("scoreGiven", pendingBody, StringComparison.Ordinal);
        Assert.DoesNotContain("scoreMaximum", pendingBody, StringComparison.Ordinal);
        Assert.Null(Assert.Single(results.Value!).ResultScore);
        Assert.Equal(ServiceOutcomeKind.Succeeded, graded.Kind);
        Assert.Equal(
            [("Submitted", "PendingManual", (double?)null), ("Completed", "FullyGraded", 8.0)],
            env.Platform.Scores.Select(s => (s.ActivityProgress, s.GradingProgress, s.ScoreGiven)));
    }

    [Fact]
    public async Task AScoreForAMoodleLineItemWithATypeIdQueryLandsOnThatLineItem()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        await LineItemAsync(env);
        var item = await LineItemAsync(env);
        Assert.Equal("type_id=1", item.Id!.Query.TrimStart('?'));

        var outcome = await env.Ags.PostScoreAsync(env.Registration, item.Id, Graded(env.Platform.Teacher.Sub, 7, Earlier), default);

        Assert.Equal(ServiceOutcomeKind.Succeeded, outcome.Kind);
        var score = Assert.Single(env.Platform.Scores);
        Assert.Equal(item.Id, score.LineItemId);
        Assert.Equal((7.0, 10.0, "Completed", "FullyGraded", Earlier, "Well argued."),
            (score.ScoreGiven, score.ScoreMaximum, score.ActivityProgress, score.GradingProgress, score.Timestamp, score.Comment));
        var call = env.Platform.Recorder.OfKind(RecordedCallKind.Ags)[^1];
        Assert.Equal("/ags/2/lineitems/2/lineitem/scores?type_id=1", call.PathAndQuery);
        Assert.Equal(AgsMediaTypes.Score, call.Headers["Content-Type"]);
    }

    [Fact]
    public void TheScoresUrlExtendsThePathAndKeepsTheQuery()
    {
        Assert.Equal("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem/scores?type_id=1",
            AgsClient.ScoresUrl(new Uri("https://moodle.example/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1")).AbsoluteUri);
        Assert.Equal("https://canvas.example/api/lti/courses/1/line_items/7/results",
            AgsClient.ResultsUrl(new Uri("https://canvas.example/api/lti/courses/1/line_items/7/")).AbsoluteUri);
    }

    [Fact]
    public async Task ResultsAreReadBackAcrossPages()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        foreach (var user in env.Platform.Users.Take(3))
            Assert.True((await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(user.Sub, 5, Earlier), default)).IsSuccess);

        var all = await env.Ags.ListResultsAsync(env.Registration, item.Id!, null, limit: 2, default);
        var one = await env.Ags.ListResultsAsync(env.Registration, item.Id!, env.Platform.Teacher.Sub, null, default);

        Assert.True(all.IsSuccess, all.Outcome.ToString());
        Assert.Equal(env.Platform.Users.Take(3).Select(u => u.Sub), all.Value!.Select(r => r.UserId));
        Assert.All(all.Value!, r => Assert.Equal((50.0, 100.0, item.Id), (r.ResultScore, r.ResultMaximum, r.ScoreOf)));
        Assert.Equal(env.Platform.Teacher.Sub, Assert.Single(one.Value!).UserId);
        Assert.Contains(env.Platform.Recorder.OfKind(RecordedCallKind.Ags),
            c => c.PathAndQuery.Contains("/lineitem/results?type_id=1", StringComparison.Ordinal) && c.Headers["Accept"] == AgsMediaTypes.ResultContainer);
    }

    [Fact]
    public async Task MoodlesIncorrectScoreReceivedIsAPermanentRefusal()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);

        var outcome = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded("999", 7, Earlier), default);

        Assert.Equal(ServiceOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal((400, ServiceFailure.Refused), (outcome.Status, outcome.Failure));
        Assert.Empty(env.Platform.Scores);
    }

    [Fact]
    public async Task CanvasRefusingAnUnknownUserWith422IsPermanent()
    {
        await using var env = await ServiceEnvironment.StartAsync(PlatformFlavor.Canvas);
        var item = await LineItemAsync(env);

        var outcome = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded("999", 7, Earlier), default);

        Assert.Equal((ServiceOutcomeKind.Permanent, 422, ServiceFailure.Refused), (outcome.Kind, outcome.Status, outcome.Failure));
    }

    [Fact]
    public async Task MoodlesConflictOnANotNewerTimestampMeansItAlreadyHoldsANewerScore()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        var learner = env.Platform.Teacher.Sub;
        await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(learner, 9, Earlier.AddMinutes(5)), default);

        var older = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(learner, 3, Earlier), default);
        var same = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(learner, 3, Earlier.AddMinutes(5)), default);

        Assert.Equal((ServiceOutcomeKind.AlreadyNewer, 409), (older.Kind, older.Status));
        Assert.Equal(ServiceOutcomeKind.AlreadyNewer, same.Kind);
        Assert.Equal(9, Assert.Single(env.Platform.Scores).ScoreGiven);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task AServerErrorIsTransient(int status)
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? status : null;

        var outcome = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(env.Platform.Teacher.Sub, 7, Earlier), default);

        Assert.Equal((ServiceOutcomeKind.Transient, status, ServiceFailure.Unavailable), (outcome.Kind, outcome.Status, outcome.Failure));
    }

    [Fact]
    public async Task TooManyRequestsIsTransientAndCarriesRetryAfter()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        env.Platform.Faults.RetryAfterSeconds = 7;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 429 : null;

        var outcome = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(env.Platform.Teacher.Sub, 7, Earlier), default);

        Assert.Equal((ServiceOutcomeKind.Transient, 429, TimeSpan.FromSeconds(7)), (outcome.Kind, outcome.Status, outcome.RetryAfter));
    }

    [Fact]
    public async Task APlatformThatIsDownIsTransientUntilTheTimeItNames()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        env.Platform.Faults.DownUntil = DateTimeOffset.UtcNow.AddSeconds(90);

        var outcome = await env.Ags.GetLineItemAsync(env.Registration, item.Id!, default);

        Assert.Equal((ServiceOutcomeKind.Transient, 503), (outcome.Outcome.Kind, outcome.Outcome.Status));
        Assert.InRange(outcome.Outcome.RetryAfter!.Value.TotalSeconds, 80, 90);
    }

    [Fact]
    public async Task ARejectedTokenIsDroppedSoTheRetryFetchesAFreshOne()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        var refusals = 0;
        env.Platform.Faults.Override = request =>
            request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) && Interlocked.Increment(ref refusals) == 1 ? 401 : null;
        var score = Graded(env.Platform.Teacher.Sub, 7, Earlier);

        var first = await env.Ags.PostScoreAsync(env.Registration, item.Id!, score, default);
        var retry = await env.Ags.PostScoreAsync(env.Registration, item.Id!, score, default);

        Assert.Equal((ServiceOutcomeKind.TokenRejected, 401), (first.Kind, first.Status));
        Assert.Equal(ServiceOutcomeKind.Succeeded, retry.Kind);
        var tokenCalls = env.Platform.Recorder.OfKind(RecordedCallKind.Token).Count(c => c.Body.Contains("scope%2Fscore", StringComparison.Ordinal));
        Assert.Equal(2, tokenCalls);
        var bearers = env.Platform.Recorder.OfKind(RecordedCallKind.Ags).Where(c => c.PathAndQuery.Contains("/scores", StringComparison.Ordinal))
            .Select(c => c.Headers["Authorization"]).ToList();
        Assert.Equal(2, bearers.Distinct().Count());
    }

    [Fact]
    public async Task ATokenFetchedOnceServesManyCalls()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);

        foreach (var user in env.Platform.Users.Take(4))
            await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(user.Sub, 1, Earlier), default);

        Assert.Equal(4, env.Platform.Scores.Count);
        Assert.Equal(2, env.Platform.Recorder.OfKind(RecordedCallKind.Token).Count);
    }

    [Fact]
    public async Task APlatformThatDoesNotAnswerInTimeIsTransient()
    {
        await using var env = await ServiceEnvironment.StartAsync(tool: services =>
            services.AddHttpClient(AgsClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(2)));
        // The timeout leaves room for a cold first call (token and line item) on a slow machine; the
        // injected latency is far beyond it.
        var item = await LineItemAsync(env);
        env.Platform.Faults.Latency = TimeSpan.FromSeconds(5);

        var outcome = await env.Ags.PostScoreAsync(env.Registration, item.Id!, Graded(env.Platform.Teacher.Sub, 7, Earlier), default);

        Assert.Equal(ServiceOutcomeKind.Transient, outcome.Kind);
        Assert.Null(outcome.Status);
        Assert.Equal(ServiceFailure.TimedOut, outcome.Failure);
    }

    [Fact]
    public async Task AnUnreachablePlatformIsTransient()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var item = await LineItemAsync(env);
        var closed = new UriBuilder(item.Id!) { Port = FreePort() }.Uri;

        var outcome = await env.Ags.PostScoreAsync(env.Registration, closed, Graded(env.Platform.Teacher.Sub, 7, Earlier), default);

        Assert.Equal(ServiceOutcomeKind.Transient, outcome.Kind);
        Assert.Equal(ServiceFailure.Unreachable, outcome.Failure);
        Assert.Contains("could not be reached", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenEndpointErrorIsTransientAndACallerCancellationIsNot()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        env.Platform.Faults.Override = request => request.Path.Value == "/token" ? 500 : null;

        var outcome = await env.Ags.ListLineItemsAsync(env.Registration, env.Platform.LineItemsUrl, null, default);

        Assert.Equal((ServiceOutcomeKind.Transient, 500), (outcome.Outcome.Kind, outcome.Outcome.Status));
        Assert.Equal(ServiceFailure.TokenRefused, outcome.Outcome.Failure);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            env.Ags.ListLineItemsAsync(env.Registration, env.Platform.LineItemsUrl, null, new CancellationToken(canceled: true)));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
