using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>The dispatcher of this environment runs with short intervals, so a grade leaves within a second.</summary>
public sealed class FastGradesEnvironment : LtiEnvironment
{
    protected override IReadOnlyDictionary<string, string>? ToolSettings => new Dictionary<string, string>
    {
        ["Grades:PollInterval"] = "00:00:00.100",
        ["Grades:BaseBackoff"] = "00:00:00.050",
        ["Grades:MaxBackoff"] = "00:00:01",
        ["Grades:CircuitBreak"] = "00:00:01",
        ["Grades:CircuitFailures"] = "50",
    };
}

/// <summary>
/// Grades travel from a submitted attempt through the outbox to the simulator's gradebook over real HTTP: once, retried
/// when the LMS fails for a while, waiting as long as it asks, and kept with its status when it refuses.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class GradeDeliveryTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>, IDisposable
{
    private const string SelfAssessment = "social-self-assessment";

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task ASubmittedAttemptAppearsAsOneScoreOnTheLaunchsMoodleLineItem()
    {
        var user = Learner(0);
        var (session, attemptId) = await SubmitAsync(user);

        var row = await WaitForAsync(attemptId, DeliveryStatus.Sent);

        var score = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub);
        Assert.Equal(row.ScoreGiven, score.ScoreGiven);
        Assert.Equal("Completed", score.ActivityProgress);
        Assert.Equal("FullyGraded", score.GradingProgress);
        Assert.Equal(row.LineItemUrl, score.LineItemId.AbsoluteUri);
        Assert.Contains("?type_id=", row.LineItemUrl, StringComparison.Ordinal);
        Assert.Contains(env.Platform.Recorder.Calls, c => c.PathAndQuery.Contains("/lineitem/scores?type_id=", StringComparison.Ordinal));
        var result = await env.Driver().GetAsync($"s/{session}/result/{attemptId}");
        Assert.Contains("data-status=\"Sent\"", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheLaunchsLineItemTheItemsOwnColumnIsFoundByResourceIdAndTag()
    {
        var user = Learner(1);
        var column = env.Platform.AddLineItem("Self-assessment", 100, resourceId: SelfAssessment, tag: "ltipd", resourceLinkId: null);
        var (_, attemptId) = await SubmitAsync(user, draft =>
        {
            var claim = (Dictionary<string, object?>)draft.Claims[AgsEndpointClaim]!;
            claim.Remove("lineitem");
        });

        await WaitForAsync(attemptId, DeliveryStatus.Sent);

        Assert.Single(env.Platform.LineItems, i => i.ResourceId == SelfAssessment);
        Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId == column.Id);
    }

    [Fact]
    public async Task ATransient500IsRetriedAndTheScoreArrivesOnce()
    {
        var user = Learner(2);
        var failures = 0;
        env.Platform.Faults.Override = request =>
            request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) && Interlocked.Increment(ref failures) <= 1 ? 500 : null;

        var (_, attemptId) = await SubmitAsync(user);
        var row = await WaitForAsync(attemptId, DeliveryStatus.Sent);

        Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub);
        Assert.Equal(2, row.Tries);
    }

    [Fact]
    public async Task A429WithRetryAfterIsNotTriedAgainBeforeTheLmsAllows()
    {
        var user = Learner(3);
        env.Platform.Faults.RetryAfterSeconds = 120;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 429 : null;
        var before = DateTimeOffset.UtcNow;

        var (_, attemptId) = await SubmitAsync(user);
        var row = await WaitAsync(attemptId, r => r.Tries == 1 && r.LastError is not null);

        Assert.Equal((int)DeliveryStatus.Pending, row.Status);
        Assert.True(row.NextAttemptAt >= before.AddSeconds(120), $"next attempt at {row.NextAttemptAt:O}");
        Assert.Contains("429", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(env.Platform.Scores, s => s.UserId == user.Sub);
    }

    [Fact]
    public async Task AMoodleRefusalIsShownToTeacherAndDesignerAsItsStatusAndASentenceAndNotRetried()
    {
        // Moodle refuses a score for someone who is not a member of the course with 400 "Incorrect score received".
        var (session, attemptId) = await SubmitAsync(Learner(4), draft => draft.Claims["sub"] = "no-such-member");

        var row = await WaitForAsync(attemptId, DeliveryStatus.Failed);
        await Task.Delay(500);

        Assert.Equal("refused 400", row.LastError);
        Assert.Equal(1, (await FindAsync(attemptId)).Tries);
        var teacher = await env.Driver().GetAsync($"s/{session}/result/{attemptId}");
        Assert.Matches("id=\"grade-delivery\" data-status=\"Failed\">[^<]*HTTP 400: The LMS refused the request.", teacher.Body);
        var designer = await DesignerGradesAsync();
        Assert.Matches($"data-attempt=\"{attemptId}\" data-status=\"Failed\"[\\s\\S]*?HTTP 400: The LMS refused the request.", designer);
        Assert.DoesNotContain("Incorrect score received", teacher.Body + designer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMoodle409MeansTheGradebookIsAlreadyCurrent()
    {
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 409 : null;

        // Each test needs a person with no attempt yet; the course's learners are used up, and any member can be graded.
        var (_, attemptId) = await SubmitAsync(Learner(0), draft => draft.Claims["sub"] = env.Platform.Designer.Sub);
        var row = await WaitForAsync(attemptId, DeliveryStatus.Sent);

        Assert.Equal(1, row.Tries);
    }

    [Fact]
    public async Task ADesignerResendsARefusedGrade()
    {
        var user = env.Platform.Administrator;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 422 : null;
        var (_, attemptId) = await SubmitAsync(Learner(1), draft => draft.Claims["sub"] = user.Sub);
        await WaitForAsync(attemptId, DeliveryStatus.Failed);
        env.Platform.Faults.Reset();
        var before = env.Platform.Scores.Count(s => s.UserId == user.Sub);

        var designer = await DesignerSessionAsync();
        using var client = env.Tool.CreateRawClient();
        using var resend = await client.PostAsync($"s/{designer}/grades?handler=Resend&attemptId={attemptId}", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.Redirect, resend.StatusCode);

        var row = await WaitForAsync(attemptId, DeliveryStatus.Sent);
        Assert.Equal(1, row.Tries);
        Assert.Equal(before + 1, env.Platform.Scores.Count(s => s.UserId == user.Sub));
    }

    [Fact]
    public async Task AnAdministratorSeesRefusedGradesOfEveryCourseAndSendsOneAgain()
    {
        var user = env.Platform.Teacher;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 422 : null;
        var (_, attemptId) = await SubmitAsync(Learner(2), draft =>
        {
            draft.Claims["sub"] = user.Sub;
            draft.Claims["https://purl.imsglobal.org/spec/lti/claim/context"] = new Dictionary<string, object?> { ["id"] = "admin-view-course", ["title"] = "Another course" };
        }, "teaching-situations");
        var refused = await WaitForAsync(attemptId, DeliveryStatus.Failed);
        env.Platform.Faults.Reset();

        var cookies = new CookieContainer();
        using var admin = env.Tool.CreateRawClient(cookies);
        var login = await admin.GetStringAsync("admin/login");
        using (var signIn = await admin.PostAsync("admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["Secret"] = ToolFactory.AdminSecret, ["__RequestVerificationToken"] = Admin.FrameworkAdminTests.Token(login) })))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var page = await admin.GetStringAsync("admin/grades");
        var row = Regex.Match(page, $"<tr data-attempt=\"{attemptId}\">[\\s\\S]*?</tr>").Value;
        Assert.Contains("<td>admin-view-course</td>", row, StringComparison.Ordinal);
        Assert.Contains("refused", row, StringComparison.Ordinal);
        Assert.Contains("HTTP 422: The LMS refused the request.", row, StringComparison.Ordinal);

        using var resend = await admin.PostAsync("admin/grades?handler=Resend", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["attemptId"] = attemptId, ["__RequestVerificationToken"] = Admin.FrameworkAdminTests.Token(page) }));

        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Equal(DeliveryStatus.Sent, (DeliveryStatus)(await WaitForAsync(attemptId, DeliveryStatus.Sent)).Status);
        Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.ScoreGiven == refused.ScoreGiven);
    }

    private const string AgsEndpointClaim = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint";

    private SimUser Learner(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    /// <summary>
    /// Launches the instrument's own link (a column holds one item: only such a launch sends to the launch's line item),
    /// answers every item with its first choice (4, "agree", on the self-assessment) and submits.
    /// </summary>
    private async Task<(string Session, string AttemptId)> SubmitAsync(SimUser user, Action<IdTokenDraft>? mutate = null, string instrument = SelfAssessment)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            Claims.LinkTo(draft, instrument);
            mutate?.Invoke(draft);
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        var session = outcome.SessionId!;
        var page = await env.Driver().GetAsync($"s/{session}/assess/{instrument}");
        var attemptId = Regex.Match(page.Body, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
        var answers = instrument == SelfAssessment
            ? Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => KeyValuePair.Create($"i.{m.Groups[1].Value}", "4"))
            : Regex.Matches(page.Body, "name=\"(i\\.[^\"]+)\" value=\"([^\"]+)\"").GroupBy(m => m.Groups[1].Value).Select(g => KeyValuePair.Create(g.Key, g.First().Groups[2].Value));
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{session}/assess/{instrument}?handler=Submit", new FormUrlEncodedContent(answers));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        return (session, attemptId);
    }

    private async Task<string> DesignerSessionAsync()
    {
        var outcome = await env.Driver().LaunchAsync(env.Platform.Designer);
        return outcome.SessionId!;
    }

    private async Task<string> DesignerGradesAsync() => (await env.Driver().GetAsync($"s/{await DesignerSessionAsync()}/grades")).Body;

    private Task<LtiPD.Data.Entities.GradeDeliveryEntity> FindAsync(string attemptId) =>
        env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().SingleAsync(g => g.AttemptId == attemptId));

    private Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitForAsync(string attemptId, DeliveryStatus status) =>
        WaitAsync(attemptId, r => r.Status == (int)status);

    private async Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitAsync(string attemptId, Func<LtiPD.Data.Entities.GradeDeliveryEntity, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await FindAsync(attemptId);
            if (done(row))
                return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Delivery of {attemptId} stayed {(DeliveryStatus)row.Status} after {row.Tries} tries: {row.LastError}");
            await Task.Delay(50);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GradesCollection
{
    public const string Name = "Grades";
}
