using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using LtiPD.Web.Features.Credentials;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtiPD.Web.Tests.Features.Credentials;

/// <summary>
/// Verifying a credential this tool did not issue: the key is read from the kid URL through the outbound HTTP policy. Another
/// issuer is a second tool with its own database, keys and LMS; the tests' outbound settings let a tool reach 127.0.0.1 (as
/// they let it reach the simulator), and a tool with the policy as shipped stands for production.
/// </summary>
public sealed class OtherIssuerTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Fact]
    public async Task ACredentialOfAnotherIssuerVerifiesForSignatureAndStructureAndSaysItsStatusCannotBeChecked()
    {
        var issuer = new LtiEnvironment();
        await issuer.InitializeAsync();
        try
        {
            await VerifyAnotherIssuersCredentialAsync(issuer);
        }
        finally
        {
            await issuer.DisposeAsync();
        }
    }

    private async Task VerifyAnotherIssuersCredentialAsync(LtiEnvironment issuer)
    {
        var issuerSteps = new CredentialSteps(issuer);
        var jwt = (await issuerSteps.EarnReflectivePracticeAsync()).Credential.Jwt;

        var steps = new CredentialSteps(env);
        var (status, page) = await steps.VerifyAsync(jwt);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-verified=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"signature\" data-outcome=\"Passed\" data-code=\"signature_ok_other\"", page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"structure\" data-outcome=\"Passed\" data-code=\"structure_ok\"", page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"validity\" data-outcome=\"Passed\"", page, StringComparison.Ordinal);
        Assert.Contains("data-check=\"status\" data-outcome=\"NotChecked\" data-code=\"status_other_issuer\"", page, StringComparison.Ordinal);
        Assert.Contains("whether it was revoked can be checked only with that issuer&#x27;s own status list", page, StringComparison.Ordinal);
        var (exit, report) = await steps.VerifyCommandAsync(jwt, "--lang", "ru");
        Assert.Equal(0, exit);
        Assert.Contains("[signature_ok_other]", report, StringComparison.Ordinal);
        Assert.Contains("Выдан другой организацией: отозван ли он, можно узнать только по её собственному списку статусов", report, StringComparison.Ordinal);

        // The other issuer's key, fetched the same way, still catches a change and a key it does not publish.
        var parts = jwt.Split('.');
        var middle = parts[1].Length / 2;
        var changed = $"{parts[0]}.{parts[1][..middle]}{(parts[1][middle] == 'A' ? 'B' : 'A')}{parts[1][(middle + 1)..]}.{parts[2]}";
        Assert.Contains("data-code=\"signature_invalid\"", (await steps.VerifyAsync(changed)).Body, StringComparison.Ordinal);
        using var stranger = RSA.Create(2048);
        var foreign = CredentialSteps.WithKid(jwt, new Uri(issuer.Tool.BaseUrl, "credentials/issuer/keys").AbsoluteUri + "#not-published", stranger);
        Assert.Contains("data-code=\"key_unknown\"", (await steps.VerifyAsync(foreign)).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithTheShippedPolicyAKidAtAPrivateAddressIsRefusedWithoutBeingFetched()
    {
        await using var host = await KeyHost.StartAsync("{\"internal\": \"secret-configuration-7f3a\"}");
        await using var production = new ToolFactory(TempFiles.NewDatabaseFile(), labOutbound: false);
        using var key = RSA.Create(2048);
        var jwt = await SignedAsync(production);

        foreach (var kid in new[] { $"https://127.0.0.1:{host.Port}/keys#k", "https://10.1.2.3/keys#k", "https://169.254.169.254/latest/meta-data/#k" })
        {
            var (status, page) = await CredentialSteps.VerifyAsync(production, CredentialSteps.WithKid(jwt, kid, key));
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains("data-code=\"key_private_address\"", page, StringComparison.Ordinal);
            Assert.Contains("an address inside a private network", page, StringComparison.Ordinal);
        }
        var (plainStatus, plain) = await CredentialSteps.VerifyAsync(production, CredentialSteps.WithKid(jwt, $"http://127.0.0.1:{host.Port}/keys#k", key));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, plainStatus);
        Assert.Contains("data-code=\"key_not_https\"", plain, StringComparison.Ordinal);
        Assert.Equal(0, host.Requests);

        // The same host reached where the policy allows it (the tests' lab settings): what it answers is never shown.
        var (labStatus, lab) = await CredentialSteps.VerifyAsync(env.Tool, CredentialSteps.WithKid(jwt, $"http://127.0.0.1:{host.Port}/keys#k", key));
        Assert.Equal(1, host.Requests);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, labStatus);
        Assert.Contains("data-code=\"key_unknown\"", lab, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-configuration", lab, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyUrlNobodyAnswersGivesItsOwnSentence()
    {
        await using var production = new ToolFactory(TempFiles.NewDatabaseFile(), labOutbound: false);
        using var key = RSA.Create(2048);
        var unreachable = CredentialSteps.WithKid(await SignedAsync(production), $"http://127.0.0.1:{ToolFactory.FreePort()}/credentials/issuer/keys#k", key);

        var (status, page) = await CredentialSteps.VerifyAsync(env.Tool, unreachable);
        var (exit, report) = await new CredentialSteps(env).VerifyCommandAsync(unreachable);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("data-code=\"key_unreachable\"", page, StringComparison.Ordinal);
        Assert.Contains("The issuer&#x27;s published keys could not be read, so the signature cannot be checked.", page, StringComparison.Ordinal);
        Assert.Equal(1, exit);
        Assert.Contains("[key_unreachable]", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyPublishedAnywhereButAtTheIssuersAddressDoesNotMakeTheIssuerTheSigner()
    {
        using var forger = RSA.Create(2048);
        var p = forger.ExportParameters(false);
        await using var host = await KeyHost.StartAsync(new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = "k",
                ["n"] = System.Buffers.Text.Base64Url.EncodeToString(p.Modulus), ["e"] = System.Buffers.Text.Base64Url.EncodeToString(p.Exponent),
            }),
        }.ToJsonString());
        var kid = $"http://127.0.0.1:{host.Port}/keys#k";
        var steps = new CredentialSteps(env);
        var genuine = (await steps.EarnReflectivePracticeAsync()).Credential.Jwt;

        // This tool's credential, word for word, signed again with a key the forger publishes on their own server.
        var (asThisTool, ourPage) = await steps.VerifyAsync(CredentialSteps.WithKid(genuine, kid, forger));
        // The same credential made out in the name of another university, still with the forger's key.
        var (asUniversity, universityPage) = await steps.VerifyAsync(CredentialSteps.Resigned(genuine, payload =>
        {
            payload["iss"] = "https://university.example/issuer";
            payload["issuer"]!["id"] = "https://university.example/issuer";
        }, kid, forger));

        Assert.Equal(2, host.Requests);
        foreach (var (status, page) in new[] { (asThisTool, ourPage), (asUniversity, universityPage) })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Contains("data-verified=\"false\"", page, StringComparison.Ordinal);
            Assert.Contains("data-check=\"signature\" data-outcome=\"Failed\" data-code=\"key_not_issuers\"", page, StringComparison.Ordinal);
            Assert.Contains($"published at 127.0.0.1:{host.Port}, which is not the address of the issuer it names", page, StringComparison.Ordinal);
        }
    }

    /// <summary>Some VC-JWT: what the kid names is all these checks reach.</summary>
    private static Task<string> SignedAsync(ToolFactory tool) =>
        tool.Services.GetRequiredService<CredentialKeys>().SignAsync(new JsonObject { ["id"] = "urn:uuid:00000000-0000-4000-8000-000000000000" },
            new Uri(tool.BaseUrl, "credentials/issuer/keys"), CancellationToken.None);

    /// <summary>A web server on 127.0.0.1 that answers every request with one JSON body and counts the requests it got.</summary>
    private sealed class KeyHost : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private KeyHost(WebApplication app, int port) => (_app, Port) = (app, port);

        public int Port { get; }

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<KeyHost> StartAsync(string body)
        {
            var port = ToolFactory.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var host = new KeyHost(app, port);
            app.Run(async context =>
            {
                Interlocked.Increment(ref host._requests);
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body);
            });
            await app.StartAsync();
            return host;
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
