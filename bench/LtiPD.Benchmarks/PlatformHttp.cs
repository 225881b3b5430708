using System.Net;
using LtiPD.PlatformSimulator;

namespace LtiPD.Benchmarks;

/// <summary>Serves the simulated platform's JWKS in memory, so the benchmarks measure the tool, not a socket.</summary>
public sealed class PlatformJwksHandler(SimulatedPlatform platform) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(platform.JwksJson()) });
}

public sealed class SingleHandlerFactory(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}

/// <summary>The tool as the simulated platform knows it in the benchmarks.</summary>
public static class BenchTool
{
    public static ToolRegistration Registration { get; } = new()
    {
        LoginInitiationUrl = new Uri("https://tool.bench.example/lti/login"),
        LaunchUrl = new Uri("https://tool.bench.example/lti/launch"),
        DeepLinkingUrl = new Uri("https://tool.bench.example/lti/deeplink"),
        JwksUrl = new Uri("https://tool.bench.example/lti/jwks"),
    };
}
