using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LtiPD.Data.Entities;
using LtiPD.Domain.Content;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Hosting;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Base64Url = System.Buffers.Text.Base64Url;

namespace LtiPD.Web.Tests.Features.Credentials;

/// <summary>
/// What the credential tests do as a teacher, a reviewer and a stranger: hand in an instrument's best answers for a module,
/// review practical tasks at full marks, read a credential's public files, and verify on the page or with the command.
/// </summary>
internal sealed class CredentialSteps(LtiEnvironment env)
{
    /// <summary>
    /// A new teacher launches into the default course and completes "reflective-practice" (a test and a self-analysis, no review):
    /// the credential it issued them, and who they are.
    /// </summary>
    public async Task<(SimUser User, CredentialEntity Credential)> EarnReflectivePracticeAsync()
    {
        var user = env.Platform.AddLearners(1)[0];
        var sid = (await env.Driver().LaunchAsync(user)).SessionId!;
        await SubmitAsync(sid, "teaching-situations", "reflective-practice");
        await SubmitAsync(sid, "social-self-assessment", "reflective-practice");
        return (user, await env.Tool.WithDbAsync(db => db.Credentials.AsNoTracking().SingleAsync(c => c.UserId == user.Sub)));
    }

    /// <summary>Answers every item with its best option (4 on Likert items) from the module's page and submits.</summary>
    public async Task SubmitAsync(string sid, string code, string module)
    {
        using var submit = await PostSubmissionAsync(sid, code, module);
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
    }

    /// <summary>The same submission, answering whatever the tool answers (for tests that send several at once).</summary>
    public async Task<HttpResponseMessage> PostSubmissionAsync(string sid, string code, string module)
    {
        await env.Driver().GetAsync($"s/{sid}/assess/{code}?module={module}&again=true");
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code).Select(i => i.Document).FirstAsync());
        var answers = InstrumentDocument.Parse(document).Value!.Items
            .Select(item => KeyValuePair.Create($"i.{item.Code}", item.Options.Count == 0 ? "4" : item.Options.MaxBy(o => o.Score)!.Code)).ToList();
        answers.Add(KeyValuePair.Create("module", module));
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync($"s/{sid}/assess/{code}?handler=Submit", new FormUrlEncodedContent(answers));
    }

    /// <summary>A designer of the course reviews each of the teacher's not yet reviewed attempts at the instrument at full marks.</summary>
    public async Task ReviewAllAsync(string userId, string instrument)
    {
        var designer = (await env.Driver().LaunchAsync(env.Platform.Designer)).SessionId!;
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == instrument).Select(i => i.Document).FirstAsync());
        var points = InstrumentDocument.Parse(document).Value!.Items.SelectMany(item => item.Rubric!.Criteria.Select(c =>
            KeyValuePair.Create($"p.{item.Code}.{c.Code}", c.MaxPoints.ToString(CultureInfo.InvariantCulture)))).ToList();
        var attempts = await env.Tool.WithDbAsync(db => db.Attempts.AsNoTracking()
            .Where(a => a.UserId == userId && a.InstrumentCode == instrument).Select(a => a.Id).ToListAsync());
        var reviewed = await env.Tool.WithDbAsync(db => db.AttemptReviews.AsNoTracking().Select(r => r.AttemptId).ToListAsync());
        foreach (var attemptId in attempts.Except(reviewed))
        {
            using var client = env.Tool.CreateRawClient();
            using var response = await client.PostAsync($"s/{designer}/review/{attemptId}", new FormUrlEncodedContent(points));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
    }

    public async Task<JsonObject> CredentialJsonAsync(string credentialId) =>
        JsonNode.Parse(await GetTextAsync($"credentials/{credentialId}/credential.json"))!.AsObject();

    public Task<(HttpStatusCode Status, string Body)> VerifyAsync(string text) => VerifyAsync(env.Tool, text);

    /// <summary>Pastes <paramref name="text"/> into the verifier page of <paramref name="tool"/>.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> VerifyAsync(ToolFactory tool, string text)
    {
        using var client = tool.CreateRawClient();
        using var response = await client.PostAsync("credentials/verify", new FormUrlEncodedContent([KeyValuePair.Create("Credential", text)]));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary><c>credential verify FILE</c> on this tool: its exit code and report.</summary>
    public async Task<(int Exit, string Output)> VerifyCommandAsync(string jwt, params string[] options)
    {
        var file = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.jwt");
        await File.WriteAllTextAsync(file, jwt);
        return await CommandAsync(["credential", "verify", file, .. options]);
    }

    public async Task<(int Exit, string Output)> CommandAsync(params string[] args)
    {
        using var output = new StringWriter();
        var culture = CultureInfo.CurrentUICulture;
        var exit = await ToolCommands.RunAsync(env.Tool.Services, args, output);
        CultureInfo.CurrentUICulture = culture;
        return (exit, output.ToString());
    }

    public async Task<string> GetTextAsync(string path)
    {
        using var client = env.Tool.CreateRawClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The credential's payload under a header whose kid is <paramref name="kid"/>, signed by <paramref name="key"/>.</summary>
    public static string WithKid(string jwt, string kid, RSA key) => Resigned(jwt, _ => { }, kid, key);

    /// <summary>The credential with its payload changed by <paramref name="edit"/>, signed with <paramref name="key"/> as <paramref name="kid"/>.</summary>
    public static string Resigned(string jwt, Action<JsonObject> edit, string kid, RSA key)
    {
        var parts = jwt.Split('.');
        var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0]))!.AsObject();
        header["kid"] = kid;
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!.AsObject();
        edit(payload);
        var input = $"{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString()))}";
        return $"{input}.{Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))}";
    }
}
