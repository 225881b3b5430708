using Microsoft.AspNetCore.Http;

namespace LtiPD.PlatformSimulator;

/// <summary>
/// Faults injected into the token, AGS and NRPS endpoints (never the launch flow), so a tool's retry and back-off logic meets
/// the failures real platforms produce. Evaluated per request in this order: <see cref="Override"/>, <see cref="DownUntil"/>,
/// <see cref="FailureRatio"/>. <see cref="Latency"/> is added to every service call, faulted or not. Thread-safe.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private Random? _seeded;
    private int? _seed;
    private double _failureRatio;
    private IReadOnlyList<int> _failureStatuses = [StatusCodes.Status500InternalServerError];

    /// <summary>Fraction (0..1) of requests answered with one of <see cref="FailureStatuses"/>.</summary>
    public double FailureRatio
    {
        get => _failureRatio;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1);
            _failureRatio = value;
        }
    }

    /// <summary>
    /// The statuses a failed request is answered with, one picked at random (from the <see cref="Seed"/>ed sequence) for each:
    /// [500, 429] makes half the failures server errors and half throttling. Default [500].
    /// </summary>
    public IReadOnlyList<int> FailureStatuses
    {
        get => _failureStatuses;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            ArgumentOutOfRangeException.ThrowIfZero(value.Count);
            foreach (var status in value)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
            }

            _failureStatuses = [.. value];
        }
    }

    /// <summary>Sent as <c>Retry-After</c> with 429 and 503 answers (RFC 9110 §10.2.3).</summary>
    public int? RetryAfterSeconds { get; set; }

    /// <summary>Wall-clock delay before every service call is answered (real time, so a fake <see cref="TimeProvider"/> cannot stall it).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Answer 503 until then (the platform's <see cref="SimulatorOptions.TimeProvider"/> decides "now").</summary>
    public DateTimeOffset? DownUntil { get; set; }

    /// <summary>Custom rule: return a status to answer, or null to let the request through.</summary>
    public Func<HttpRequest, int?>? Override { get; set; }

    /// <summary>
    /// The body of every faulted answer (as text/plain) instead of the simulator's JSON error: an LMS whose error page carries
    /// internal details, or text meant to end up in the tool's pages.
    /// </summary>
    public string? FailureBody { get; set; }

    /// <summary>Makes <see cref="FailureRatio"/> deterministic; setting it restarts the sequence.</summary>
    public int? Seed
    {
        get => _seed;
        set
        {
            lock (_gate)
            {
                _seed = value;
                _seeded = value is { } seed ? new Random(seed) : null;
            }
        }
    }

    /// <summary>Back to no faults at all.</summary>
    public void Reset()
    {
        FailureRatio = 0;
        FailureStatuses = [StatusCodes.Status500InternalServerError];
        RetryAfterSeconds = null;
        Latency = TimeSpan.Zero;
        DownUntil = null;
        Override = null;
        FailureBody = null;
        Seed = null;
    }

    internal FaultDecision? Decide(HttpRequest request, DateTimeOffset now)
    {
        if (Override?.Invoke(request) is { } status)
        {
            return new FaultDecision(status, RetryAfterFor(status));
        }

        if (DownUntil is { } downUntil && now < downUntil)
        {
            var remaining = (int)Math.Ceiling((downUntil - now).TotalSeconds);
            return new FaultDecision(StatusCodes.Status503ServiceUnavailable, RetryAfterSeconds ?? remaining);
        }

        if (FailureRatio > 0 && NextSample() < FailureRatio)
        {
            var statuses = FailureStatuses;
            var failure = statuses[statuses.Count == 1 ? 0 : (int)(NextSample() * statuses.Count)];
            return new FaultDecision(failure, RetryAfterFor(failure));
        }

        return null;
    }

    private int? RetryAfterFor(int status) =>
        status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable ? RetryAfterSeconds : null;

    private double NextSample()
    {
        lock (_gate)
        {
            return (_seeded ?? Random.Shared).NextDouble();
        }
    }
}

internal readonly record struct FaultDecision(int Status, int? RetryAfterSeconds);
