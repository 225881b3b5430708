namespace LtiPD.Lti.Services;

/// <summary>How a call to an LTI Advantage service ended, in the terms a dispatcher needs to decide what to do next.</summary>
public enum ServiceOutcomeKind
{
    /// <summary>The platform accepted the call.</summary>
    Succeeded,

    /// <summary>Worth trying again later: timeout, network error, 5xx, 429, Canvas's 403 rate limit. See <see cref="ServiceCallOutcome.RetryAfter"/>.</summary>
    Transient,

    /// <summary>The platform refused the call and will refuse it again (400, 403, 404, 422 …), or the call can never succeed.</summary>
    Permanent,

    /// <summary>
    /// A score was refused because the platform already holds one with a newer or equal timestamp (Moodle answers 409). The
    /// gradebook is at least as current as this score, so there is nothing left to send.
    /// </summary>
    AlreadyNewer,

    /// <summary>The platform refused the access token (401). The cached token was dropped; one retry gets a fresh one.</summary>
    TokenRejected,
}

/// <summary>What failed in a call that did not succeed, in the tool's terms: pages turn it into a sentence in the reader's language.</summary>
public enum ServiceFailure
{
    None,

    /// <summary>The platform answered with a client error (4xx) other than the ones below.</summary>
    Refused,

    /// <summary>The platform answered 408, 429, 5xx or Canvas's rate limit: busy or down for now.</summary>
    Unavailable,

    /// <summary>The platform's token endpoint did not issue a service token.</summary>
    TokenRefused,

    /// <summary>The platform did not accept the service token it issued (401).</summary>
    TokenRejected,

    /// <summary>The platform answered with a redirect, which the tool does not follow.</summary>
    Redirected,

    /// <summary>No answer: the connection failed or was cut.</summary>
    Unreachable,

    /// <summary>No answer within the client's timeout.</summary>
    TimedOut,

    /// <summary>The outbound policy refused the URL: not https, or an address outside the allowed ones.</summary>
    Blocked,

    /// <summary>The answer was larger than Outbound:MaxResponseBytes.</summary>
    TooLarge,

    /// <summary>The answer was not of the shape the specification describes (not JSON, empty, next-page links in a loop).</summary>
    Unreadable,
}

/// <summary>
/// The outcome of one service call: what kind of ending it was, the HTTP status when there was one, how long the platform
/// asked us to wait (Retry-After), what failed, and the tool's own words about it for the log. Nothing the platform wrote is
/// kept here: a remote body is hostile text, so it only reaches the log as a short sanitised excerpt (ServiceHttp writes
/// it) and never a page; pages say what failed from <see cref="Failure"/> and <see cref="Status"/>.
/// </summary>
public sealed record ServiceCallOutcome(
    ServiceOutcomeKind Kind, int? Status = null, TimeSpan? RetryAfter = null, ServiceFailure Failure = ServiceFailure.None, string? Detail = null)
{
    public static ServiceCallOutcome Succeeded(int status) => new(ServiceOutcomeKind.Succeeded, status);

    public bool IsSuccess => Kind == ServiceOutcomeKind.Succeeded;

    public override string ToString() =>
        $"{Kind}{(Status is { } s ? $" ({s})" : "")}{(Failure != ServiceFailure.None ? $" {Failure}" : "")}"
        + $"{(RetryAfter is { } wait ? $", retry after {wait}" : "")}{(Detail is { } d ? $": {d}" : "")}";
}

/// <summary>A service call that yields a value when it succeeds; <see cref="Value"/> is set exactly when <see cref="IsSuccess"/>.</summary>
public sealed record ServiceResult<T>(ServiceCallOutcome Outcome, T? Value)
{
    public bool IsSuccess => Outcome.IsSuccess;

    public static implicit operator ServiceResult<T>(ServiceCallOutcome failure) => new(failure, default);
}
