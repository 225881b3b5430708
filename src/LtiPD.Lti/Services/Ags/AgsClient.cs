using System.Net.Http.Headers;
using System.Text.Json;
using LtiPD.Lti.Platforms;
using Microsoft.Extensions.Logging;

namespace LtiPD.Lti.Services.Ags;

/// <summary>
/// Assignment and Grade Services 2.0 for the tool: line items (§3.2), scores (§3.4) and results (§3.3). Each call asks for the
/// one scope the specification names for it, and answers with a <see cref="ServiceCallOutcome"/> a dispatcher can act on; it
/// never retries by itself. URLs given by the platform (the launch's AGS claim, a line item's id) are used as they are,
/// query string included.
/// </summary>
public sealed class AgsClient(IHttpClientFactory httpClients, ServiceTokenClient tokens, TimeProvider time, ILogger<AgsClient> logger)
{
    public const string HttpClientName = "lti-ags";

    private static readonly string[] LineItemReadScopes = [LtiScopes.LineItemReadOnly];
    private static readonly string[] LineItemWriteScopes = [LtiScopes.LineItem];
    private static readonly string[] ScoreScopes = [LtiScopes.Score];
    private static readonly string[] ResultScopes = [LtiScopes.ResultReadOnly];

    private readonly ServiceHttp _http = new(httpClients, HttpClientName, tokens, time, logger);

    /// <summary>Every line item of the container that matches <paramref name="filter"/>, all pages read.</summary>
    public Task<ServiceResult<IReadOnlyList<LineItem>>> ListLineItemsAsync(
        PlatformRegistration platform, Uri lineItemsUrl, LineItemFilter? filter, CancellationToken ct)
    {
        var first = ServiceUrl.WithQuery(lineItemsUrl,
            ("resource_link_id", filter?.ResourceLinkId),
            ("resource_id", filter?.ResourceId),
            ("tag", filter?.Tag),
            ("limit", filter?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return _http.GetAllPagesAsync(platform, LineItemReadScopes, first, AgsMediaTypes.LineItemContainer, "line-item container",
            body => (JsonSerializer.Deserialize(body, AgsJsonContext.Default.ListLineItem) ?? []).Select(item => item.Normalized()), ct);
    }

    public async Task<ServiceResult<LineItem>> GetLineItemAsync(PlatformRegistration platform, Uri lineItemUrl, CancellationToken ct)
    {
        var answer = await _http.SendAsync(platform, LineItemReadScopes, HttpMethod.Get, lineItemUrl, AgsMediaTypes.LineItem, null, false, ct);
        return ServiceHttp.Parse(answer, "line item", ReadLineItem);
    }

    /// <summary>Creates <paramref name="item"/> in the container (AGS 2.0 §3.2.5); the answer carries the platform's id for it.</summary>
    public async Task<ServiceResult<LineItem>> CreateLineItemAsync(PlatformRegistration platform, Uri lineItemsUrl, LineItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var answer = await _http.SendAsync(
            platform, LineItemWriteScopes, HttpMethod.Post, lineItemsUrl, AgsMediaTypes.LineItem, LineItemContent(item with { Id = null }), false, ct);
        return ServiceHttp.Parse(answer, "created line item", ReadLineItem);
    }

    /// <summary>Replaces the line item at <see cref="LineItem.Id"/> (AGS 2.0 §3.2.6); the platform keeps its resource-link binding.</summary>
    public async Task<ServiceResult<LineItem>> UpdateLineItemAsync(PlatformRegistration platform, LineItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        var url = item.Id ?? throw new ArgumentException("A line item to update needs its id (the URL the platform gave it).", nameof(item));
        var answer = await _http.SendAsync(platform, LineItemWriteScopes, HttpMethod.Put, url, AgsMediaTypes.LineItem, LineItemContent(item), false, ct);
        return ServiceHttp.Parse(answer, "updated line item", ReadLineItem);
    }

    /// <summary>
    /// The line item with <paramref name="template"/>'s resourceId (and resourceLinkId and tag, when the template names them), or
    /// a successful result holding null when the container has none. The match is checked here as well, because a platform may
    /// ignore the filters (AGS 2.0 §3.2.4 makes them optional).
    /// </summary>
    public async Task<ServiceResult<LineItem?>> FindLineItemAsync(PlatformRegistration platform, Uri lineItemsUrl, LineItem template, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (string.IsNullOrEmpty(template.ResourceId))
            throw new ArgumentException("Finding a line item needs the template's resourceId.", nameof(template));

        var listed = await ListLineItemsAsync(platform, lineItemsUrl, new LineItemFilter(template.ResourceLinkId, template.ResourceId, template.Tag), ct);
        if (!listed.IsSuccess)
            return listed.Outcome;
        var found = listed.Value!.FirstOrDefault(item =>
            item.ResourceId == template.ResourceId
            && (template.Tag is null || item.Tag == template.Tag)
            && (template.ResourceLinkId is null || item.ResourceLinkId is null || item.ResourceLinkId == template.ResourceLinkId));
        return new ServiceResult<LineItem?>(listed.Outcome, found);
    }

    /// <summary>
    /// The line item with <paramref name="template"/>'s resourceId, created from the template when the container has none.
    /// Two concurrent calls for the same resourceId can both create: callers serialise per (platform, resourceId).
    /// </summary>
    public async Task<ServiceResult<LineItemLookup>> FindOrCreateLineItemAsync(
        PlatformRegistration platform, Uri lineItemsUrl, LineItem template, CancellationToken ct)
    {
        var lookup = await FindLineItemAsync(platform, lineItemsUrl, template, ct);
        if (!lookup.IsSuccess)
            return lookup.Outcome;
        if (lookup.Value is { } found)
            return new ServiceResult<LineItemLookup>(lookup.Outcome, new LineItemLookup(found, Created: false));

        var created = await CreateLineItemAsync(platform, lineItemsUrl, template, ct);
        return created.IsSuccess
            ? new ServiceResult<LineItemLookup>(created.Outcome, new LineItemLookup(created.Value!, Created: true))
            : created.Outcome;
    }

    /// <summary>
    /// Publishes <paramref name="score"/> to <c>{lineitem}/scores</c> (AGS 2.0 §3.4). <see cref="ServiceOutcomeKind.AlreadyNewer"/>
    /// means the platform holds a score at least as new, so this one is moot.
    /// </summary>
    public async Task<ServiceCallOutcome> PostScoreAsync(PlatformRegistration platform, Uri lineItemUrl, Score score, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(score);
        var content = JsonContent(JsonSerializer.Serialize(score, AgsJsonContext.Default.Score), AgsMediaTypes.Score);
        var answer = await _http.SendAsync(
            platform, ScoreScopes, HttpMethod.Post, ScoresUrl(lineItemUrl), "application/json", content, conflictMeansNewer: true, ct);
        return answer.Outcome;
    }

    /// <summary>The current results of the line item (AGS 2.0 §3.3), all pages read; <paramref name="userId"/> narrows to one learner.</summary>
    public Task<ServiceResult<IReadOnlyList<Result>>> ListResultsAsync(
        PlatformRegistration platform, Uri lineItemUrl, string? userId, int? limit, CancellationToken ct)
    {
        var first = ServiceUrl.WithQuery(ResultsUrl(lineItemUrl),
            ("user_id", userId), ("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return _http.GetAllPagesAsync(platform, ResultScopes, first, AgsMediaTypes.ResultContainer, "result container",
            body => JsonSerializer.Deserialize(body, AgsJsonContext.Default.ListResult) ?? [], ct);
    }

    /// <summary>
    /// <c>{lineitem}/scores</c>, the path extended and the query kept (AGS 2.0 §3.4): Moodle's
    /// <c>…/lineitems/5/lineitem?type_id=1</c> becomes <c>…/lineitems/5/lineitem/scores?type_id=1</c>, not <c>…?type_id=1/scores</c>.
    /// </summary>
    public static Uri ScoresUrl(Uri lineItemUrl) => ServiceUrl.AppendPath(lineItemUrl, "scores");

    /// <summary><c>{lineitem}/results</c>, built like <see cref="ScoresUrl"/>.</summary>
    public static Uri ResultsUrl(Uri lineItemUrl) => ServiceUrl.AppendPath(lineItemUrl, "results");

    private static LineItem? ReadLineItem(string body) => JsonSerializer.Deserialize(body, AgsJsonContext.Default.LineItem)?.Normalized();

    private static StringContent LineItemContent(LineItem item) =>
        JsonContent(JsonSerializer.Serialize(item, AgsJsonContext.Default.LineItem), AgsMediaTypes.LineItem);

    private static StringContent JsonContent(string json, string mediaType)
    {
        var content = new StringContent(json, System.Text.Encoding.UTF8);
        // No charset parameter: Moodle compares the whole Content-Type value with the AGS media type.
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return content;
    }
}
