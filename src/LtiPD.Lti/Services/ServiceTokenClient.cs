using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using LtiPD.Lti.Http;
using LtiPD.Lti.Keys;
using LtiPD.Lti.Platforms;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Services;

public sealed record ServiceAccessToken(string Value, IReadOnlyList<string> Scopes, DateTimeOffset ExpiresAt);

/// <summary>
/// The platform refused to issue a service token. The message is the tool's own; the platform's words went to the log only,
/// as a short sanitised excerpt.
/// </summary>
public sealed class ServiceTokenException(string message, int? status) : Exception(message)
{
    public int? Status { get; } = status;

    /// <summary>How long the token endpoint asked us to wait (its Retry-After), when it said.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// Access tokens for LTI Advantage services: OAuth2 client_credentials with a private_key_jwt client
/// assertion signed by the tool key (Security Framework 1.0 §4.1, RFC 7523). Tokens are cached per
/// platform registration and scope set until shortly before they expire: asking for a new token on every
/// call is what gets tools throttled by Canvas.
/// </summary>
public sealed class ServiceTokenClient(IHttpClientFactory httpClients, ToolKeyRing keys, TimeProvider time, ILogger<ServiceTokenClient> logger)
{
    public const string HttpClientName = "lti-service-token";
    private static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromSeconds(60);
    private static readonly JsonWebTokenHandler Handler = new();

    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);

    public async Task<ServiceAccessToken> GetTokenAsync(PlatformRegistration platform, IEnumerable<string> scopes, CancellationToken ct)
    {
        var scopeList = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var cacheKey = $"{platform.Issuer}\n{platform.ClientId}\n{string.Join(' ', scopeList)}";
        var entry = _cache.GetOrAdd(cacheKey, _ => new CacheEntry());
        if (entry.Token is { } cached && cached.ExpiresAt - RenewBeforeExpiry > time.GetUtcNow())
            return cached;

        await entry.Gate.WaitAsync(ct);
        try
        {
            if (entry.Token is { } again && again.ExpiresAt - RenewBeforeExpiry > time.GetUtcNow())
                return again;
            entry.Token = await RequestAsync(platform, scopeList, ct);
            return entry.Token;
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    /// <summary>
    /// Drops <paramref name="token"/> from the cache because the platform refused it (401): it may have been revoked, or the
    /// platform's clock runs ahead of ours. Only that exact token is dropped, so a fresh one fetched meanwhile by another call
    /// stays cached.
    /// </summary>
    public void Forget(PlatformRegistration platform, ServiceAccessToken token)
    {
        var prefix = $"{platform.Issuer}\n{platform.ClientId}\n";
        foreach (var (key, entry) in _cache)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && entry.TryClear(token))
                logger.LogInformation("Service token for {Issuer} ({ClientId}) dropped after the platform refused it", platform.Issuer, platform.ClientId);
        }
    }

    private async Task<ServiceAccessToken> RequestAsync(PlatformRegistration platform, string[] scopes, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var assertion = Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = platform.ClientId,
            Audience = platform.TokenUrl.AbsoluteUri,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.AddMinutes(5).UtcDateTime,
            Claims = new Dictionary<string, object>
            {
                ["sub"] = platform.ClientId,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
            SigningCredentials = await keys.GetSigningCredentialsAsync(ct),
        });

        using var client = httpClients.CreateClient(HttpClientName);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
            ["scope"] = string.Join(' ', scopes),
        });
        using var response = await client.PostAsync(platform.TokenUrl, form, ct);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            logger.LogWarning("Token endpoint {TokenUrl} refused: {Status}; the platform wrote: {Excerpt}",
                platform.TokenUrl, (int)response.StatusCode, RemoteText.Excerpt(body, assertion));
            throw new ServiceTokenException($"The platform refused a service token ({(int)response.StatusCode}).", (int)response.StatusCode)
            {
                RetryAfter = ServiceHttp.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()),
            };
        }

        var answer = await response.Content.ReadFromJsonAsync(TokenAnswerJsonContext.Default.TokenAnswer, ct);
        if (answer is null || string.IsNullOrEmpty(answer.AccessToken))
            throw new ServiceTokenException("The platform's token answer has no access_token.", (int)response.StatusCode);

        var granted = string.IsNullOrWhiteSpace(answer.Scope) ? scopes : answer.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // RFC 6749 §5.1: expires_in is recommended, not required; an hour is the common default.
        var lifetime = TimeSpan.FromSeconds(answer.ExpiresIn is > 0 ? answer.ExpiresIn.Value : 3600);
        return new ServiceAccessToken(answer.AccessToken, granted, now + lifetime);
    }

    private sealed class CacheEntry
    {
        private ServiceAccessToken? _token;

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public ServiceAccessToken? Token
        {
            get => Volatile.Read(ref _token);
            set => Volatile.Write(ref _token, value);
        }

        public bool TryClear(ServiceAccessToken expected) =>
            ReferenceEquals(Interlocked.CompareExchange(ref _token, null, expected), expected);
    }
}

internal sealed record TokenAnswer(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    [property: JsonPropertyName("scope")] string? Scope);

[JsonSerializable(typeof(TokenAnswer))]
internal sealed partial class TokenAnswerJsonContext : JsonSerializerContext;
