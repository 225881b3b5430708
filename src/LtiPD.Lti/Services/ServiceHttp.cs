using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using LtiPD.Lti.Http;
using LtiPD.Lti.Platforms;
using Microsoft.Extensions.Logging;

namespace LtiPD.Lti.Services;

/// <summary>One answer of a service endpoint: the classified outcome, the body as text and the next page's URL, if any.</summary>
internal sealed record ServiceAnswer(ServiceCallOutcome Outcome, string Body, Uri? Next);

/// <summary>
/// The HTTP work shared by the AGS and NRPS clients: a bearer token from <see cref="ServiceTokenClient"/>, one request, the
/// answer classified into a <see cref="ServiceCallOutcome"/>, and paging through <c>Link: rel="next"</c>. It never retries:
/// the dispatcher that owns the work decides when to try again, from the outcome.
/// </summary>
internal sealed class ServiceHttp(IHttpClientFactory httpClients, string clientName, ServiceTokenClient tokens, TimeProvider time, ILogger logger)
{
    /// <summary>Far more pages than any course has; a platform whose next links never end is refused instead of followed forever.</summary>
    private const int MaxPages = 10_000;

    public async Task<ServiceAnswer> SendAsync(
        PlatformRegistration platform, IReadOnlyList<string> scopes, HttpMethod method, Uri url, string accept,
        HttpContent? content, bool conflictMeansNewer, CancellationToken ct)
    {
        ServiceAccessToken token;
        try
        {
            token = await tokens.GetTokenAsync(platform, scopes, ct);
        }
        catch (ServiceTokenException refused)
        {
            content?.Dispose();
            return new ServiceAnswer(TokenRefusal(refused), "", null);
        }
        catch (Exception failure) when (IsTransport(failure, ct))
        {
            content?.Dispose();
            logger.LogWarning(failure, "Service token request to {TokenUrl} failed", platform.TokenUrl);
            return new ServiceAnswer(NoAnswer(failure), "", null);
        }

        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        try
        {
            using var client = httpClients.CreateClient(clientName);
            using var response = await client.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            var outcome = Classify(response, body, conflictMeansNewer, time.GetUtcNow());
            if (outcome.Kind == ServiceOutcomeKind.TokenRejected)
                tokens.Forget(platform, token);
            // The platform's words go to the log only, short and sanitised (a body may echo the token or forge log lines).
            if (!outcome.IsSuccess)
                logger.LogWarning("{Method} {Url} answered {Outcome}; the platform wrote: {Excerpt}", method, url, outcome, RemoteText.Excerpt(body, token.Value));
            var next = outcome.IsSuccess && response.Headers.TryGetValues("Link", out var links) ? LinkHeader.FindNext(links, url) : null;
            return new ServiceAnswer(outcome, body, next);
        }
        catch (Exception failure) when (IsTransport(failure, ct))
        {
            logger.LogWarning(failure, "{Method} {Url} failed before an answer", method, url);
            return new ServiceAnswer(NoAnswer(failure), "", null);
        }
    }

    /// <summary>
    /// Reads every page of a container, following <c>rel="next"</c> opaquely as AGS 2.0 §3.2.4 and NRPS 2.0 §3.7 require. The
    /// first failing page decides the outcome: half a list is not handed out as if it were the whole.
    /// </summary>
    public async Task<ServiceResult<IReadOnlyList<T>>> GetAllPagesAsync<T>(
        PlatformRegistration platform, IReadOnlyList<string> scopes, Uri first, string accept, string what,
        Func<string, IEnumerable<T>> parsePage, CancellationToken ct)
    {
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? url = first;
        ServiceCallOutcome outcome = ServiceCallOutcome.Succeeded(200);
        while (url is not null)
        {
            if (!seen.Add(url.AbsoluteUri) || seen.Count > MaxPages)
                return Unreadable(outcome.Status, $"The platform's next-page links of the {what} loop back to {url}.");

            var answer = await SendAsync(platform, scopes, HttpMethod.Get, url, accept, null, conflictMeansNewer: false, ct);
            if (!answer.Outcome.IsSuccess)
                return answer.Outcome;
            try
            {
                items.AddRange(parsePage(answer.Body));
            }
            catch (JsonException error)
            {
                return Unreadable(answer.Outcome.Status, $"The platform's {what} is not valid JSON of the expected shape: {error.Message}");
            }
            outcome = answer.Outcome;
            url = answer.Next;
        }
        return new ServiceResult<IReadOnlyList<T>>(outcome, items);
    }

    /// <summary>Parses a successful answer's body, or turns an unreadable one into a permanent failure with the reason.</summary>
    public static ServiceResult<T> Parse<T>(ServiceAnswer answer, string what, Func<string, T?> parse) where T : class
    {
        if (!answer.Outcome.IsSuccess)
            return answer.Outcome;
        try
        {
            return parse(answer.Body) is { } value
                ? new ServiceResult<T>(answer.Outcome, value)
                : Unreadable(answer.Outcome.Status, $"The platform's {what} is empty.");
        }
        catch (JsonException error)
        {
            return Unreadable(answer.Outcome.Status, $"The platform's {what} is not valid JSON of the expected shape: {error.Message}");
        }
    }

    internal static ServiceCallOutcome Unreadable(int? status, string message) =>
        new(ServiceOutcomeKind.Permanent, status, null, ServiceFailure.Unreadable, message);

    /// <summary>
    /// The classification a dispatcher relies on. Transient: 408, 429, 5xx and Canvas's rate limit, which Canvas answers as
    /// "403 Forbidden (Rate Limit Exceeded)" rather than 429. TokenRejected: 401 (RFC 6750 §3.1 invalid_token). AlreadyNewer:
    /// 409 to a score, Moodle's answer when the timestamp is not after the one it holds. A redirect is permanent: the outbound
    /// policy follows none, and the URL came from the platform, so asking again gets the same redirect. Every other 4xx is
    /// permanent. The body is read only to recognise Canvas; it is not kept.
    /// </summary>
    internal static ServiceCallOutcome Classify(HttpResponseMessage response, string body, bool conflictMeansNewer, DateTimeOffset now)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
            return ServiceCallOutcome.Succeeded(status);

        var retryAfter = RetryAfter(response.Headers.RetryAfter, now);
        return status switch
        {
            >= 300 and < 400 => new ServiceCallOutcome(ServiceOutcomeKind.Permanent, status, null, ServiceFailure.Redirected),
            401 => new ServiceCallOutcome(ServiceOutcomeKind.TokenRejected, status, null, ServiceFailure.TokenRejected),
            403 when IsCanvasRateLimit(body, response.ReasonPhrase) => new ServiceCallOutcome(ServiceOutcomeKind.Transient, status, retryAfter, ServiceFailure.Unavailable),
            409 when conflictMeansNewer => new ServiceCallOutcome(ServiceOutcomeKind.AlreadyNewer, status),
            408 or 429 or >= 500 => new ServiceCallOutcome(ServiceOutcomeKind.Transient, status, retryAfter, ServiceFailure.Unavailable),
            _ => new ServiceCallOutcome(ServiceOutcomeKind.Permanent, status, null, ServiceFailure.Refused),
        };
    }

    /// <summary>RFC 9110 §10.2.3: Retry-After is either delay-seconds or an HTTP-date; a date in the past means "now".</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static bool IsCanvasRateLimit(string body, string? reasonPhrase) =>
        body.Contains("Rate Limit Exceeded", StringComparison.OrdinalIgnoreCase)
        || reasonPhrase?.Contains("Rate Limit Exceeded", StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>
    /// A token refusal: the token endpoint's 5xx, 429 or a network failure may pass, but a refused client (400 invalid_client,
    /// 401) is a configuration problem no retry will fix, so it is permanent rather than "token rejected".
    /// </summary>
    private static ServiceCallOutcome TokenRefusal(ServiceTokenException refused) =>
        refused.Status is 408 or 429 or >= 500
            ? new ServiceCallOutcome(ServiceOutcomeKind.Transient, refused.Status, refused.RetryAfter, ServiceFailure.TokenRefused, refused.Message)
            : new ServiceCallOutcome(ServiceOutcomeKind.Permanent, refused.Status, null, ServiceFailure.TokenRefused, refused.Message);

    /// <summary>Timeouts (HttpClient reports them as cancellation that the caller did not ask for) and network errors.</summary>
    private static bool IsTransport(Exception failure, CancellationToken ct) =>
        failure is HttpRequestException or IOException || (failure is OperationCanceledException && !ct.IsCancellationRequested);

    /// <summary>
    /// A call that got no usable answer. The outbound policy's refusals are permanent (the same URL is refused again, and an
    /// answer over the size cap will be over it again); a timeout or a network failure may pass.
    /// </summary>
    private static ServiceCallOutcome NoAnswer(Exception failure) => OutboundRefusedException.Find(failure) switch
    {
        { Reason: OutboundRefusal.TooLarge } refused => new(ServiceOutcomeKind.Permanent, null, null, ServiceFailure.TooLarge, refused.Message),
        { } refused => new(ServiceOutcomeKind.Permanent, null, null, ServiceFailure.Blocked, refused.Message),
        null when failure is OperationCanceledException => new(ServiceOutcomeKind.Transient, null, null, ServiceFailure.TimedOut, "The platform did not answer in time."),
        null => new(ServiceOutcomeKind.Transient, null, null, ServiceFailure.Unreachable,
            failure is HttpRequestException { HttpRequestError: var kind } ? $"The platform could not be reached ({kind}): {failure.Message}" : failure.Message),
    };
}

/// <summary>
/// RFC 8288 Link headers, read leniently: several links per header and several headers, relative targets, a rel list, and
/// Moodle's typographic quotes (<c>rel=“next”</c>), whether the client decoded them as UTF-8 or as Latin-1 bytes.
/// </summary>
internal static class LinkHeader
{
    public static Uri? FindNext(IEnumerable<string> headerValues, Uri requestUrl)
    {
        var header = string.Join(",", headerValues);
        var position = 0;
        while ((position = header.IndexOf('<', position)) >= 0)
        {
            var close = header.IndexOf('>', position + 1);
            if (close < 0)
                return null;
            var target = header[(position + 1)..close].Trim();
            var parametersEnd = header.IndexOf('<', close + 1);
            var parameters = parametersEnd < 0 ? header[(close + 1)..] : header[(close + 1)..parametersEnd];
            if (HasRel(parameters, "next") && Uri.TryCreate(requestUrl, target, out var next))
                return next;
            position = close + 1;
        }
        return null;
    }

    private static bool HasRel(string parameters, string relation)
    {
        foreach (var parameter in parameters.Split(';'))
        {
            var equals = parameter.IndexOf('=');
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
                continue;
            // rel may hold several space-separated relation types (RFC 8288 §3.3); any quoting around them is dropped.
            var relations = parameter[(equals + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (relations.Any(r => StripQuoting(r).Equals(relation, StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }

    private static string StripQuoting(string value)
    {
        static bool Plain(char c) => char.IsAsciiLetterOrDigit(c);
        var start = 0;
        var end = value.Length;
        while (start < end && !Plain(value[start]))
            start++;
        while (end > start && !Plain(value[end - 1]))
            end--;
        return value[start..end];
    }
}

/// <summary>Builds service URLs without disturbing a query the platform put in them (Moodle's <c>?type_id=1</c>).</summary>
internal static class ServiceUrl
{
    /// <summary><paramref name="url"/> with <c>/segment</c> added to its path and its query kept: <c>…/lineitem?type_id=1</c> → <c>…/lineitem/scores?type_id=1</c>.</summary>
    public static Uri AppendPath(Uri url, string segment) =>
        new(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/" + segment + url.Query);

    /// <summary><paramref name="url"/> with the parameters that have a value added after its existing query.</summary>
    public static Uri WithQuery(Uri url, params (string Name, string? Value)[] parameters)
    {
        var added = string.Join("&", parameters
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(p.Value!)}"));
        if (added.Length == 0)
            return url;
        var query = url.Query.Length > 1 ? url.Query + "&" + added : "?" + added;
        return new Uri(url.GetLeftPart(UriPartial.Path) + query);
    }
}
