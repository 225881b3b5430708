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
    private int _failureStatus = 500;

    /// <summary>Fraction (0..1) of requests answered with <see cref="FailureStatus"/>.</summary>
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

    public int FailureStatus
    {
        get => _failureStatus;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 400);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            _failureStatus = value;
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
        FailureStatus = 500;
        RetryAfterSeconds = null;
        Latency = TimeSpan.Zero;
        DownUntil = null;
        Override = null;
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
            return new FaultDecision(FailureStatus, RetryAfterFor(FailureStatus));
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
