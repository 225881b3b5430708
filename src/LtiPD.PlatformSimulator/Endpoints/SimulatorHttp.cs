using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>One incoming call as handlers see it: the request, its body already read, and the platform.</summary>
internal sealed record ServiceRequest(HttpContext Http, SimulatedPlatform Platform, string Body)
{
    public HttpRequest Request => Http.Request;

    public CancellationToken Aborted => Http.RequestAborted;

    public string? RouteValue(string name) => Request.RouteValues[name]?.ToString();
}

/// <summary>
/// Wraps every handler: learns the base URL on first use, applies the <see cref="FaultPlan"/> where it belongs, writes the answer
/// and records the call with the status actually answered.
/// </summary>
internal sealed class SimulatorHttp(SimulatedPlatform platform, string prefix)
{
    /// <summary>A browser page or document: not recorded, never faulted.</summary>
    public RequestDelegate Page(Func<ServiceRequest, SimResponse> handler) =>
        Delegate(null, faultable: false, AsTask(handler));

    /// <summary>A recorded call; <paramref name="faultable"/> for token, AGS and NRPS only (the launch flow is never faulted).</summary>
    public RequestDelegate Recorded(RecordedCallKind kind, bool faultable, Func<ServiceRequest, SimResponse> handler) =>
        Delegate(kind, faultable, AsTask(handler));

    public RequestDelegate Recorded(RecordedCallKind kind, bool faultable, Func<ServiceRequest, Task<SimResponse>> handler) =>
        Delegate(kind, faultable, handler);

    private RequestDelegate Delegate(RecordedCallKind? kind, bool faultable, Func<ServiceRequest, Task<SimResponse>> handler) =>
        context => RunAsync(context, kind, faultable, handler);

    private static Func<ServiceRequest, Task<SimResponse>> AsTask(Func<ServiceRequest, SimResponse> handler) =>
        request => Task.FromResult(handler(request));

    private async Task RunAsync(HttpContext context, RecordedCallKind? kind, bool faultable, Func<ServiceRequest, Task<SimResponse>> handler)
    {
        platform.AttachFrom(context.Request, prefix);
        var body = kind is null ? "" : await ReadBodyAsync(context.Request);
        var request = new ServiceRequest(context, platform, body);
        var response = faultable ? await FaultAsync(request) ?? await handler(request) : await handler(request);
        await response.WriteAsync(context.Response);
        if (kind is { } recordedKind)
        {
            platform.Recorder.Add(new RecordedCall(
                platform.TimeProvider.GetUtcNow(),
                recordedKind,
                context.Request.Method,
                RelativePathAndQuery(context.Request),
                InterestingHeaders(context.Request),
                body,
                response.Status,
                response.Body));
        }
    }

    private async Task<SimResponse?> FaultAsync(ServiceRequest request)
    {
        var faults = platform.Faults;
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, request.Aborted);
        }

        if (faults.Decide(request.Request, platform.TimeProvider.GetUtcNow()) is not { } fault)
        {
            return null;
        }

        var response = faults.FailureBody is { } body
            ? SimResponse.Text(fault.Status, body)
            : SimResponse.Json(fault.Status, new Dictionary<string, object?>
            {
                ["error"] = "simulated_fault",
                ["error_description"] = $"The simulator's fault plan answered {fault.Status}.",
            });
        return fault.RetryAfterSeconds is { } seconds
            ? response.WithHeader("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : response;
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        // Buffered so a FaultPlan.Override can read the body again.
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return body;
    }

    private string RelativePathAndQuery(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (prefix.Length > 0 && path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            path = path[prefix.Length..];
        }

        return path + request.QueryString.Value;
    }

    private static Dictionary<string, string> InterestingHeaders(HttpRequest request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in SimulatorRecorder.HeadersOfInterest)
        {
            if (request.Headers.TryGetValue(name, out StringValues value))
            {
                headers[name] = value.ToString();
            }
        }

        return headers;
    }
}
