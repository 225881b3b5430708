using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LtiPD.Web.Tests.Features.Registration;

/// <summary>
/// An "LMS" an attacker controls, on 127.0.0.1: it serves whatever OpenID configuration the test gives it, answers a
/// registration with the client id the test chooses, or answers with an error page whose text must never be relayed.
/// Every request it receives is recorded, so a test can show the tool never called it.
/// </summary>
public sealed class HostileLms : IAsyncDisposable
{
    private WebApplication _app = null!;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The origin, as an issuer is written: no trailing slash.</summary>
    public string Origin => BaseUrl.GetLeftPart(UriPartial.Authority);

    public Uri ConfigurationUrl => new(BaseUrl, ".well-known/openid-configuration");

    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The issuer the configuration claims; its own origin unless a test says otherwise.</summary>
    public string? ClaimedIssuer { get; set; }

    /// <summary>The client id the registration answer gives.</summary>
    public string ClientId { get; set; } = "hostile-client";

    /// <summary>When set, the configuration is answered with this status and <see cref="ErrorBody"/>.</summary>
    public int? ConfigurationStatus { get; set; }

    /// <summary>When set, the registration is answered with this status and <see cref="ErrorBody"/>.</summary>
    public int? RegistrationStatus { get; set; }

    public string ErrorBody { get; set; } = "<html>internal admin console: SECRET-INTERNAL-7f3a</html>";

    /// <summary>When set, the registration is answered 200 with this JSON text instead of a client registration.</summary>
    public string? RegistrationJson { get; set; }

    public static async Task<HostileLms> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var lms = new HostileLms { _app = app };
        app.Use(async (context, next) =>
        {
            lms.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next();
        });
        app.MapGet("/.well-known/openid-configuration", lms.Configuration);
        app.MapPost("/register", lms.Register);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        lms.BaseUrl = new Uri(address.TrimEnd('/') + "/");
        return lms;
    }

    private IResult Configuration()
    {
        if (ConfigurationStatus is { } status)
            return Results.Text(ErrorBody, "text/html", statusCode: status);
        return Results.Json(new JsonObject
        {
            ["issuer"] = ClaimedIssuer ?? Origin,
            ["authorization_endpoint"] = new Uri(BaseUrl, "auth").AbsoluteUri,
            ["token_endpoint"] = new Uri(BaseUrl, "token").AbsoluteUri,
            ["jwks_uri"] = new Uri(BaseUrl, "attacker-jwks").AbsoluteUri,
            ["registration_endpoint"] = new Uri(BaseUrl, "register").AbsoluteUri,
        });
    }

    private IResult Register()
    {
        if (RegistrationStatus is { } status)
            return Results.Text(ErrorBody, "text/html", statusCode: status);
        if (RegistrationJson is { } json)
            return Results.Text(json, "application/json");
        return Results.Json(new JsonObject
        {
            ["client_id"] = ClientId,
            ["https://purl.imsglobal.org/spec/lti-tool-configuration"] = new JsonObject { ["deployment_id"] = "1" },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
