using System.Net;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>
/// What an LMS writes in an error answer is its own text, possibly internal details or markup meant for our pages: the pages
/// say what failed (the HTTP status and a sentence in the reader's language), and neither they nor the stored row hold the
/// LMS's body.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class LmsWordsTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>, IDisposable
{
    private const string Marker = "SECRET-INTERNAL-7f3a";
    private const string Body = Marker + " at db01.campus.internal: <script>alert(1)</script>\r\nStack trace: GradeService.Save()";

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task ARefusedScoreIsShownAsItsStatusAndASentenceOnTheDesignersAndTheAdministratorsPagesWithoutTheLmssBody()
    {
        env.Platform.Faults.FailureBody = Body;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 422 : null;
        var learner = Learner(0);
        var (session, attemptId) = await SubmitAsync(learner);
        var row = await WaitForFailedAsync(attemptId);

        var teacher = (await env.Driver().GetAsync($"s/{session}/result/{attemptId}")).Body;
        var designer = (await env.Driver().GetAsync($"s/{await LaunchAsync(env.Platform.Designer)}/grades")).Body;
        var designerInRussian = (await env.Driver().GetAsync($"s/{await LaunchAsync(env.Platform.Designer, "ru_RU")}/grades")).Body;
        var admin = await AdminGradesAsync();

        Assert.Equal("refused 422", row.LastError);
        Assert.Matches("id=\"grade-delivery\" data-status=\"Failed\">The grade did not reach the LMS. HTTP 422: The LMS refused the request.<", teacher);
        Assert.Matches($"data-attempt=\"{attemptId}\" data-status=\"Failed\"[\\s\\S]*?not delivered. HTTP 422: The LMS refused the request.", designer);
        Assert.Matches($"data-attempt=\"{attemptId}\" data-status=\"Failed\"[\\s\\S]*?не доставлена. HTTP 422: LMS отклонила запрос.", designerInRussian);
        Assert.Matches($"<tr data-attempt=\"{attemptId}\">[\\s\\S]*?<td>refused</td>\\s*<td class=\"delivery-failure\">HTTP 422: The LMS refused the request.</td>", admin);
        foreach (var page in new[] { teacher, designer, designerInRussian, admin })
            Assert.DoesNotContain(Marker, page, StringComparison.Ordinal);
        Assert.Contains(env.Platform.Recorder.Calls, c => c.Status == 422 && c.ResponseBody.Contains(Marker, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AGradebookThatRefusesToListItsResultsIsShownAsItsStatusAndASentenceWithoutTheLmssBody()
    {
        var (_, attemptId) = await SubmitAsync(Learner(1));
        await WaitForAsync(attemptId, r => r.Status == (int)DeliveryStatus.Sent);
        env.Platform.Faults.FailureBody = Body;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/results", StringComparison.Ordinal) ? 403 : null;

        var page = (await env.Driver().GetAsync($"s/{await LaunchAsync(env.Platform.Designer)}/grades/results")).Body;

        Assert.Matches("class=\"lms-error\"[^>]*data-status=\"403\">The LMS did not return the results. HTTP 403: The LMS refused the request.<", page);
        Assert.DoesNotContain(Marker, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AServerErrorWhileWaitingIsKeptAsItsStatusNotItsBody()
    {
        env.Platform.Faults.FailureBody = Body;
        env.Platform.Faults.RetryAfterSeconds = 600;
        env.Platform.Faults.Override = request => request.Path.Value!.EndsWith("/scores", StringComparison.Ordinal) ? 503 : null;

        var (_, attemptId) = await SubmitAsync(Learner(2));
        var row = await WaitForAsync(attemptId, r => r.Tries == 1 && r.LastError is not null);
        var admin = await AdminGradesAsync();

        Assert.Equal(("unavailable 503", (int)DeliveryStatus.Pending), (row.LastError, row.Status));
        Assert.Matches($"<tr data-attempt=\"{attemptId}\">[\\s\\S]*?<td class=\"delivery-failure\">HTTP 503: The LMS is busy or down for now.</td>", admin);
        Assert.DoesNotContain(Marker, admin, StringComparison.Ordinal);
    }

    private SimUser Learner(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    private async Task<string> LaunchAsync(SimUser user, string? locale = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, locale is null ? null : draft =>
            draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = locale, ["document_target"] = "iframe" });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    /// <summary>Launches the self-assessment's own link, answers every item with 4 and submits.</summary>
    private async Task<(string Session, string AttemptId)> SubmitAsync(SimUser user)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft => Claims.LinkTo(draft, "social-self-assessment"));
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        var session = outcome.SessionId!;
        var page = await env.Driver().GetAsync($"s/{session}/assess/social-self-assessment");
        var attemptId = Regex.Match(page.Body, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
        var answers = Regex.Matches(page.Body, "<fieldset class=\"item\" id=\"item-([^\"]+)\"").Select(m => KeyValuePair.Create($"i.{m.Groups[1].Value}", "4"));
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{session}/assess/social-self-assessment?handler=Submit", new FormUrlEncodedContent(answers));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        return (session, attemptId);
    }

    private async Task<string> AdminGradesAsync()
    {
        var cookies = new CookieContainer();
        using var admin = env.Tool.CreateRawClient(cookies);
        var login = await admin.GetStringAsync("admin/login");
        using (var signIn = await admin.PostAsync("admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
               { ["Secret"] = ToolFactory.AdminSecret, ["__RequestVerificationToken"] = Admin.FrameworkAdminTests.Token(login) })))
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return await admin.GetStringAsync("admin/grades");
    }

    private Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitForFailedAsync(string attemptId) =>
        WaitForAsync(attemptId, r => r.Status == (int)DeliveryStatus.Failed);

    private async Task<LtiPD.Data.Entities.GradeDeliveryEntity> WaitForAsync(string attemptId, Func<LtiPD.Data.Entities.GradeDeliveryEntity, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().SingleAsync(g => g.AttemptId == attemptId));
            if (done(row))
                return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Delivery of {attemptId} stayed {(DeliveryStatus)row.Status} after {row.Tries} tries: {row.LastError}");
            await Task.Delay(50);
        }
    }
}
