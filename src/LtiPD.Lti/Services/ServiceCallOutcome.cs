namespace LtiPD.Lti.Services;

/// <summary>How a call to an LTI Advantage service ended, in the terms a dispatcher needs to decide what to do next.</summary>
public enum ServiceOutcomeKind
{
    /// <summary>The platform accepted the call.</summary>
    Succeeded,

    /// <summary>Worth trying again later: timeout, network error, 5xx, 429, Canvas's 403 rate limit. See <see cref="ServiceCallOutcome.RetryAfter"/>.</summary>
    Transient,

    /// <summary>The platform refused the call and will refuse it again (400, 403, 404, 422 …); its words are in <see cref="ServiceCallOutcome.PlatformMessage"/>.</summary>
    Permanent,

    /// <summary>
    /// A score was refused because the platform already holds one with a newer or equal timestamp (Moodle answers 409). The
    /// gradebook is at least as current as this score, so there is nothing left to send.
    /// </summary>
    AlreadyNewer,

    /// <summary>The platform refused the access token (401). The cached token was dropped; one retry gets a fresh one.</summary>
    TokenRejected,
}

/// <summary>
/// The outcome of one service call: what kind of ending it was, the HTTP status when there was one, how long the platform
/// asked us to wait (Retry-After) and the platform's own words, kept so a person can see why a grade did not arrive.
/// </summary>
public sealed record ServiceCallOutcome(ServiceOutcomeKind Kind, int? Status = null, TimeSpan? RetryAfter = null, string? PlatformMessage = null)
{
    public static ServiceCallOutcome Succeeded(int status) => new(ServiceOutcomeKind.Succeeded, status);

    public bool IsSuccess => Kind == ServiceOutcomeKind.Succeeded;

    public override string ToString() =>
        $"{Kind}{(Status is { } s ? $" ({s})" : "")}{(RetryAfter is { } wait ? $", retry after {wait}" : "")}{(PlatformMessage is { } m ? $": {m}" : "")}";
}

/// <summary>A service call that yields a value when it succeeds; <see cref="Value"/> is set exactly when <see cref="IsSuccess"/>.</summary>
public sealed record ServiceResult<T>(ServiceCallOutcome Outcome, T? Value)
{
    public bool IsSuccess => Outcome.IsSuccess;

    public static implicit operator ServiceResult<T>(ServiceCallOutcome failure) => new(failure, default);
}
