using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LtiPD.Domain.Credentials;
using LtiPD.Web.Features.Credentials;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Base64Url = System.Buffers.Text.Base64Url;

namespace LtiPD.Web.Tests.Features.Credentials;

/// <summary>
/// Open Badges 3.0 credentials over real HTTP with the platform simulator: completing a module issues one, the public page and
/// the verifier accept it, a designer's revocation flips its status bit and the verifier then refuses it with the reason, and
/// a changed, an expired and a foreign-signed credential are each refused with their own sentence.
/// </summary>
public sealed class CredentialFlowTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string Module = "reflective-practice";

    [Fact]
    public async Task CompletingAModuleIssuesOneCredentialThatVerifiesUntilADesignerRevokesIt()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        await SubmitAsync(sid, "teaching-situations");
        await SubmitAsync(sid, "social-self-assessment");

        var credential = Assert.Single(await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().Where(c => c.UserId == user.Sub).ToListAsync()));
        Assert.Equal($"teaching-programming/{Module}", credential.AchievementKey);
        var (_, mine) = await env.Driver().GetAsync($"s/{sid}/credentials");
        Assert.Contains($"data-credential=\"{credential.Id}\"", mine, StringComparison.Ordinal);
        var jwt = await GetTextAsync($"credentials/{credential.Id}/credential.jwt");
        var json = JsonNode.Parse(await GetTextAsync($"credentials/{credential.Id}/credential.json"))!.AsObject();
        Assert.Empty(CredentialStructure.Check(json));
        Assert.Equal("AchievementSubject", json["credentialSubject"]!["type"]![0]!.GetValue<string>());
        Assert.StartsWith("sha256$", json["credentialSubject"]!["identifier"]![0]!["identityHash"]!.GetValue<string>(), StringComparison.Ordinal);

        var (accepted, acceptedBody) = await VerifyAsync(jwt);
        Assert.Equal(HttpStatusCode.OK, accepted);
        Assert.Contains("data-verified=\"true\"", acceptedBody, StringComparison.Ordinal);
        Assert.Contains("data-code=\"status_ok\"", acceptedBody, StringComparison.Ordinal);
        var file = Path.Combine(Path.GetTempPath(), $"{credential.Id}.jwt");
        await File.WriteAllTextAsync(file, jwt);
        var (exit, report) = await CommandAsync("credential", "verify", file, "--lang", "ru");
        Assert.Equal(0, exit);
        Assert.Contains("Подпись: пройдена.", report, StringComparison.Ordinal);
        var (publicStatus, publicPage) = await env.Driver().GetAsync($"credentials/{credential.Id}");
        Assert.Equal(HttpStatusCode.OK, publicStatus);
        Assert.Contains("Reflective practitioner", publicPage, StringComparison.Ordinal);

        var designer = (await env.Driver().LaunchAsync(env.Platform.Designer)).SessionId!;
        using var client = env.Tool.CreateRawClient();
        using var revoke = await client.PostAsync($"s/{designer}/credentials/course?handler=Revoke",
            new FormUrlEncodedContent([KeyValuePair.Create("id", credential.Id), KeyValuePair.Create("reason", "Issued for another person's work")]));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);

        var (refused, refusedBody) = await VerifyAsync(jwt);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Contains("data-code=\"revoked\"", refusedBody, StringComparison.Ordinal);
        Assert.Contains("Reason: Issued for another person&#x27;s work", refusedBody, StringComparison.Ordinal);
        Assert.Contains("id=\"revoked\"", (await env.Driver().GetAsync($"credentials/{credential.Id}")).Body, StringComparison.Ordinal);
        var (exitRevoked, reportRevoked) = await CommandAsync("credential", "verify", file);
        Assert.Equal(1, exitRevoked);
        Assert.Contains("Reason: Issued for another person's work [revoked]", reportRevoked, StringComparison.Ordinal);
        var statusList = JsonNode.Parse(Base64Url.DecodeFromChars((await GetTextAsync("credentials/status/" + credential.StatusList)).Split('.')[1]))!;
        var bits = BitstringStatusList.Decode(statusList["credentialSubject"]!["encodedList"]!.GetValue<string>())!;
        Assert.True(bits[credential.StatusIndex]);

        // A second completion of the same module in another course issues no second credential.
        Assert.Single(await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().Where(c => c.UserId == user.Sub).ToListAsync()));
    }

    [Fact]
    public async Task AModuleCompletedByAReviewIssuesACredentialWithEvidenceOfEachKindAndNoAnswers()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        foreach (var code in new[] { "pedagogy-and-subject-test", "social-self-assessment", "lesson-plan" })
            await SubmitAsync(sid, code, "course-design");
        Assert.Empty(await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().Where(c => c.UserId == user.Sub).ToListAsync()));

        await Steps.ReviewAllAsync(user.Sub, "lesson-plan");

        var credential = await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync(c => c.UserId == user.Sub));
        var json = JsonNode.Parse(await GetTextAsync($"credentials/{credential.Id}/credential.json"))!;
        var evidence = json["evidence"]!.AsArray();
        Assert.Equal(["Practical task", "Self-analysis", "Test"], evidence.Select(e => e!["genre"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(json["credentialSubject"]!["achievement"]!["alignment"]!.AsArray(), a => Assert.Equal("CFItem", a!["targetType"]!.GetValue<string>()));
        Assert.StartsWith("sha256$", json["credentialSubject"]!["identifier"]![0]!["identityHash"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(user.Email, json.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("data-verified=\"true\"", (await VerifyAsync(credential.Jwt)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedAnExpiredAndAForeignSignedCredentialAreEachRefusedWithTheirOwnSentence()
    {
        var (_, credential) = await Steps.EarnReflectivePracticeAsync();
        var parts = credential.Jwt.Split('.');
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();

        var middle = parts[1].Length / 2;
        var changed = $"{parts[0]}.{parts[1][..middle]}{(parts[1][middle] == 'A' ? 'B' : 'A')}{parts[1][(middle + 1)..]}.{parts[2]}";
        Assert.Contains("data-code=\"signature_invalid\"", (await VerifyAsync(changed)).Body, StringComparison.Ordinal);

        var expired = (JsonObject)payload.DeepClone();
        expired["validUntil"] = "2026-01-01T00:00:00Z";
        expired["exp"] = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        var keys = env.Tool.Services.GetRequiredService<CredentialKeys>();
        var expiredJwt = await keys.SignAsync(expired, new Uri(env.Tool.BaseUrl, "credentials/issuer/keys"), CancellationToken.None);
        var (expiredStatus, expiredBody) = await VerifyAsync(expiredJwt);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, expiredStatus);
        Assert.Contains("data-code=\"expired\"", expiredBody, StringComparison.Ordinal);
        Assert.Contains("It expired on 2026-01-01T00:00:00Z.", expiredBody, StringComparison.Ordinal);

        using var other = RSA.Create(2048);
        var forged = CredentialSteps.WithKid(credential.Jwt, new Uri(env.Tool.BaseUrl, "credentials/issuer/keys").AbsoluteUri + "#someone-else", other);
        Assert.Contains("data-code=\"key_unknown\"", (await VerifyAsync(forged)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownIdsAnswer404AndJunkOrOversizedInputIsRefusedWithACode()
    {
        var (missing, page) = await env.Driver().GetAsync("credentials/no-such-credential");
        var (empty, emptyBody) = await VerifyAsync(" ");
        var (junk, junkBody) = await VerifyAsync("<script>alert(1)</script>");
        var (large, largeBody) = await VerifyAsync(new string('a', CredentialVerifier.MaxBytes + 1));

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Contains("id=\"error-code\">credential_not_found<", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("id=\"error-code\">credential_empty<", emptyBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, junk);
        Assert.Contains("data-code=\"credential_unreadable\"", junkBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", junkBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large);
        Assert.Contains("id=\"error-code\">credential_too_large<", largeBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await env.Driver().GetAsync("credentials/nothing/credential.jwt")).Status);
    }

    [Fact]
    public async Task EvidenceIsWordedInTheEarnersLanguageAndThePublicPagesInTheReaders()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user, draft =>
            ((Dictionary<string, object?>)draft.Claims[Claims.LaunchPresentation]!)["locale"] = "ru")).SessionId!;
        await SubmitAsync(sid, "teaching-situations");
        await SubmitAsync(sid, "social-self-assessment");
        var credential = await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync(c => c.UserId == user.Sub));

        var evidence = JsonNode.Parse(await GetTextAsync($"credentials/{credential.Id}/credential.json"))!["evidence"]!.AsArray();
        using var kazakh = env.Tool.CreateRawClient();
        kazakh.DefaultRequestHeaders.AcceptLanguage.ParseAdd("kk");
        var page = await kazakh.GetStringAsync($"credentials/{credential.Id}");
        using var empty = await kazakh.PostAsync("credentials/verify", new FormUrlEncodedContent([KeyValuePair.Create("Credential", " ")]));
        using var russian = env.Tool.CreateRawClient();
        russian.DefaultRequestHeaders.AcceptLanguage.ParseAdd("ru");
        using var missing = await russian.GetAsync("credentials/no-such-credential");

        Assert.Equal(["Самоанализ", "Тест"], evidence.Select(e => e!["genre"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(evidence, e => Assert.StartsWith("Отправлено ", e!["description"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("<dt>Дәлелдер</dt>", page, StringComparison.Ordinal);
        Assert.Contains("<strong>Тест: teaching-situations</strong>: Отправлено ", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Сертификатты қойыңыз немесе оның .jwt файлын таңдаңыз", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("По этому адресу нет сертификата.", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<(int Exit, string Output)> CommandAsync(params string[] args) => Steps.CommandAsync(args);

    private Task<(HttpStatusCode Status, string Body)> VerifyAsync(string text) => Steps.VerifyAsync(text);

    private Task<string> GetTextAsync(string path) => Steps.GetTextAsync(path);

    private Task SubmitAsync(string sid, string code, string module = Module) => Steps.SubmitAsync(sid, code, module);

    private CredentialSteps Steps => new(env);
}
