namespace LtiPD.PlatformSimulator;

/// <summary>Which simulator endpoint a recorded call reached.</summary>
public enum RecordedCallKind
{
    Auth,
    Token,
    Ags,
    Nrps,
    Registration,
    DeepLinkingReturn,

    /// <summary>A fetch of the platform JWKS, so tests can see a tool refetch after <see cref="SimulatedPlatform.RotateKey"/>.</summary>
    Jwks,
}

/// <summary>
/// One request the tool made and what the simulator answered. <paramref name="PathAndQuery"/> is relative to the simulator's base
/// (without the host's prefix), so assertions read the same whether the simulator runs alone or inside the web host.
/// </summary>
public sealed record RecordedCall(
    DateTimeOffset At,
    RecordedCallKind Kind,
    string Method,
    string PathAndQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    string ResponseBody);

/// <summary>Every call to the JWKS, auth, token, AGS, NRPS, registration and deep-linking return endpoints, in arrival order. Thread-safe.</summary>
public sealed class SimulatorRecorder
{
    /// <summary>Request headers worth asserting on; others are not kept.</summary>
    public static readonly IReadOnlyList<string> HeadersOfInterest = ["Authorization", "Content-Type", "Accept"];

    private readonly Lock _gate = new();
    private readonly List<RecordedCall> _calls = [];

    /// <summary>A snapshot of the calls recorded so far.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public IReadOnlyList<RecordedCall> OfKind(RecordedCallKind kind) => Calls.Where(call => call.Kind == kind).ToList();

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }

    internal void Add(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
        }
    }
}
