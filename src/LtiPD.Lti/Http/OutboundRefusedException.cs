namespace LtiPD.Lti.Http;

/// <summary>Which rule of <see cref="OutboundHttpPolicy"/> refused a call.</summary>
public enum OutboundRefusal
{
    /// <summary>Not https, or plain http to something other than a loopback address (or with Outbound:AllowLoopbackHttp off).</summary>
    Scheme,

    /// <summary>The host resolves to a non-public address that Outbound:PrivateAddressAllowList does not name.</summary>
    Address,

    /// <summary>The answer is larger than Outbound:MaxResponseBytes.</summary>
    TooLarge,
}

/// <summary>
/// A call the outbound policy refused. It is an <see cref="HttpRequestException"/>, so every caller's existing handling of
/// network failures still catches it; callers that tell a refusal from a passing failure look for it with <see cref="Find"/>
/// (a refusal at connect time arrives wrapped in the handler's own HttpRequestException). The same call would be refused
/// again, so it is never worth retrying.
/// </summary>
public sealed class OutboundRefusedException(OutboundRefusal reason, string message)
    : HttpRequestException(reason == OutboundRefusal.TooLarge ? HttpRequestError.ConfigurationLimitExceeded : HttpRequestError.ConnectionError, message)
{
    public OutboundRefusal Reason { get; } = reason;

    /// <summary><paramref name="failure"/> itself or the refusal it wraps, if the outbound policy caused it.</summary>
    public static OutboundRefusedException? Find(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException refused)
                return refused;
        }
        return null;
    }
}
