using System.Net;
using System.Text.Json.Nodes;
using LtiPD.Web.Tests.Features.Admin;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Credentials;

/// <summary>
/// A framework imported from CASE keeps each competency's CFItem URI, and a credential earned on it aligns to that URI: the
/// item on its publisher's CASE server, not the tool's copy. (A tool of its own: the import changes the framework every
/// programme uses.)
/// </summary>
public sealed class CaseAlignmentTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private const string Publisher = "https://case.example.edu/ims/case/v1p1/CFItems/";

    [Fact]
    public async Task ACredentialEarnedOnAFrameworkImportedFromCaseAlignsToTheOriginalItemUris()
    {
        // The fixture: the shipped framework as another CASE server publishes it, its items at that server's URIs.
        using var admin = await AdminSession.SignInAsync(env.Tool.BaseUrl);
        var package = JsonNode.Parse(await admin.GetStringAsync("admin/frameworks/ltipd-default/1.0/case?lang=en"))!;
        package["CFDocument"]!["version"] = "1.1";
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in package["CFItems"]!.AsArray())
        {
            var uri = $"{Publisher}{item!["identifier"]!.GetValue<string>()}";
            item["uri"] = uri;
            published[item["humanCodingScheme"]!.GetValue<string>()] = uri;
        }
        using (var imported = await FrameworkAdminTests.UploadAsync(admin, package.ToJsonString(), "case", "en"))
            Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var stored = await env.Tool.WithDbAsync(db => db.Frameworks.AsNoTracking().SingleAsync(f => f.Code == "ltipd-default" && f.Version == "1.1"));
        Assert.Contains($"\"caseUri\": \"{Publisher}", stored.Document, StringComparison.Ordinal);

        var steps = new CredentialSteps(env);
        var (_, credential) = await steps.EarnReflectivePracticeAsync();

        var alignments = (await steps.CredentialJsonAsync(credential.Id))["credentialSubject"]!["achievement"]!["alignment"]!.AsArray();
        Assert.NotEmpty(alignments);
        Assert.All(alignments, a => Assert.Equal(published[a!["targetCode"]!.GetValue<string>()], a["targetUrl"]!.GetValue<string>()));
        Assert.All(alignments, a => Assert.Equal("CFItem", a!["targetType"]!.GetValue<string>()));
        Assert.Contains("data-verified=\"true\"", (await steps.VerifyAsync(credential.Jwt)).Body, StringComparison.Ordinal);
    }
}
