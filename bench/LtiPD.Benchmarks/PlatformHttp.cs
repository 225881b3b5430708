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
