using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Tests.Features.Cohort;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Assessments;

/// <summary>
/// What a teacher hands in for a practical task over real HTTP: a file only of the document types the form names, with
/// content that is what its name says, and text up to the limit the form announces. A refused part changes nothing stored.
/// </summary>
public sealed class HandInTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string LessonPlan = "lesson-plan";
    private const string Task = "pt-lesson-plan";

    private static readonly byte[] SmallPdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    private readonly CourseSteps _steps = new(env);

    [Fact]
    public async Task AFileNamedPdfThatIsNotAPdfIsRefusedAndTheStoredFileIsKept()
    {
        var session = await _steps.LaunchAsync(_steps.Teacher(0), CourseSteps.NewContextId());
        using (var accepted = await SaveAsync(session, File(SmallPdf, "plan.pdf", "application/pdf")))
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var attemptId = await AttemptIdAsync(session);

        var html = Encoding.UTF8.GetBytes("<html><script>alert(document.domain)</script></html>");
        using var refused = await SaveAsync(session, File(html, "plan.pdf", "application/pdf"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"<code>{HandedInDocuments.TypeRefused}</code>", body, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(HandedInDocuments.AcceptedNames), body, StringComparison.Ordinal);
        var stored = await StoredAsync(attemptId);
        Assert.Equal("plan.pdf", stored.FileName);
        Assert.Equal("application/pdf", stored.FileContentType);
        Assert.Equal(SmallPdf, stored.FileContent);
    }

    [Fact]
    public async Task ARealSmallPdfIsAcceptedAndStoredWithThePdfType()
    {
        var session = await _steps.LaunchAsync(_steps.Teacher(1), CourseSteps.NewContextId());

        using var saved = await SaveAsync(session, File(SmallPdf, "lesson plan.PDF", "application/octet-stream"));

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await StoredAsync(await AttemptIdAsync(session));
        Assert.Equal("lesson plan.PDF", stored.FileName);
        Assert.Equal("application/pdf", stored.FileContentType);
        Assert.Equal(SmallPdf, stored.FileContent);
    }

    [Fact]
    public async Task AnExecutableRenamedToAnAcceptedTypeOrAnUnlistedTypeIsRefusedOnAutosaveToo()
    {
        var session = await _steps.LaunchAsync(_steps.Teacher(2), CourseSteps.NewContextId());
        var page = await _steps.GetAsync($"s/{session}/assess/{LessonPlan}");
        var attemptId = Regex.Match(page.Body, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
        byte[] executable = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

        using var renamed = await PostAsync($"s/{session}/assess/{LessonPlan}?handler=Answer&attemptId={attemptId}", File(executable, "plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
        using var unlisted = await PostAsync($"s/{session}/assess/{LessonPlan}?handler=Answer&attemptId={attemptId}", File(Encoding.UTF8.GetBytes("plain words"), "plan.html", "text/html"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, renamed.StatusCode);
        Assert.Contains($"\"error\":\"{HandedInDocuments.TypeRefused}\"", await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unlisted.StatusCode);
        Assert.False(await env.Tool.WithDbAsync(db => db.Responses.AnyAsync(r => r.AttemptId == attemptId)));
    }

    [Fact]
    public async Task TheFormAnnouncesTheTextLimitAndTheAcceptedTypes()
    {
        var session = await _steps.LaunchAsync(_steps.Teacher(3), CourseSteps.NewContextId());

        var page = await _steps.GetAsync($"s/{session}/assess/{LessonPlan}");

        Assert.Matches($"<textarea id=\"{Task}-text\" name=\"i.{Task}\" rows=\"8\" maxlength=\"{Attempts.MaxTextCharacters}\"", page.Body);
        Assert.Contains($"id=\"{Task}-limit\">Up to 20,000 characters.", page.Body, StringComparison.Ordinal);
        Assert.Contains($"data-counter-for=\"{Task}-text\"", page.Body, StringComparison.Ordinal);
        Assert.Contains("accept=\".pdf,.docx,.doc,.odt,.rtf,.txt\"", page.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextOverTheLimitIsRefusedAndTheTextUnderItIsKept()
    {
        var session = await _steps.LaunchAsync(_steps.Teacher(4), CourseSteps.NewContextId());
        // Line breaks sent as CR LF count once, as the browser's maxlength counts them: this is exactly at the limit.
        var atLimit = string.Concat(Enumerable.Repeat("word\r\n", Attempts.MaxTextCharacters / 5));
        Assert.Equal(Attempts.MaxTextCharacters, Attempts.TextLength(atLimit));
        using (var kept = await _steps.PostAsync($"s/{session}/assess/{LessonPlan}?handler=Save", [($"i.{Task}", atLimit)]))
            Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        var attemptId = await AttemptIdAsync(session);

        using var refused = await _steps.PostAsync($"s/{session}/assess/{LessonPlan}?handler=Save", [($"i.{Task}", new string('x', Attempts.MaxTextCharacters + 1))]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"<code>{Attempts.TextTooLong}</code>", body, StringComparison.Ordinal);
        Assert.Contains($"at most {Attempts.MaxTextCharacters} are accepted", body, StringComparison.Ordinal);
        Assert.Equal(atLimit, (await StoredAsync(attemptId)).Text);
    }

    [Fact]
    public async Task ATooLongTextDoesNotStopAnAcceptableFileOfTheSameTask()
    {
        var session = await _steps.LaunchAsync(_steps.Teacher(5), CourseSteps.NewContextId());
        using var form = File(SmallPdf, "plan.pdf", "application/pdf");
        form.Add(new StringContent(new string('x', Attempts.MaxTextCharacters + 10)), $"i.{Task}");

        using var response = await SaveAsync(session, form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var stored = await StoredAsync(await AttemptIdAsync(session));
        Assert.Null(stored.Text);
        Assert.Equal(SmallPdf, stored.FileContent);
    }

    private static MultipartFormDataContent File(byte[] content, string name, string contentType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, $"f.{Task}", name);
        return form;
    }

    private Task<HttpResponseMessage> SaveAsync(string session, HttpContent form) => PostAsync($"s/{session}/assess/{LessonPlan}?handler=Save", form);

    private async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using (content)
            return await _steps.PostAsync(path, content);
    }

    private async Task<string> AttemptIdAsync(string session) =>
        Regex.Match((await _steps.GetAsync($"s/{session}/assess/{LessonPlan}")).Body, "data-attempt=\"([^\"]+)\"").Groups[1].Value;

    private Task<LtiPD.Data.Entities.ResponseEntity> StoredAsync(string attemptId) =>
        env.Tool.WithDbAsync(db => db.Responses.AsNoTracking().SingleAsync(r => r.AttemptId == attemptId && r.ItemCode == Task));
}
