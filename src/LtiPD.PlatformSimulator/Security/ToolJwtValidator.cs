using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.PlatformSimulator.Security;

/// <summary>
/// Verifies JWTs the tool signs (client assertions, deep-linking responses) against the tool's JWKS. Only RS256 is accepted:
/// the Security Framework (§5.4) requires asymmetric signatures and the platform advertises RS256 alone.
/// </summary>
internal sealed class ToolJwtValidator(ToolKeyResolver keys)
{
    private readonly JsonWebTokenHandler _handler = new();

    public async Task<ToolJwtResult> ValidateAsync(
        string jwt, Uri jwksUrl, string issuer, IReadOnlyList<string> audiences, TimeProvider time, CancellationToken cancellationToken)
    {
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(jwt);
        }
        catch (ArgumentException)
        {
            return ToolJwtResult.Fail("it is not a compact JWS (header.payload.signature)");
        }

        if (token.Alg != SecurityAlgorithms.RsaSha256)
        {
            return ToolJwtResult.Fail($"alg must be RS256, was '{token.Alg}'");
        }

        var lookup = await keys.FindAsync(jwksUrl, string.IsNullOrEmpty(token.Kid) ? null : token.Kid, cancellationToken);
        if (lookup.Error is not null)
        {
            return ToolJwtResult.Fail(lookup.Error);
        }

        var result = await _handler.ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidAudiences = audiences,
            IssuerSigningKeys = lookup.Keys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            // Lifetime is checked below against the platform's TimeProvider, which tests may control.
            ValidateLifetime = false,
        });
        if (!result.IsValid)
        {
            return ToolJwtResult.Fail(Explain(result.Exception, token, issuer, audiences));
        }

        return LifetimeError(token, time.GetUtcNow()) is { } lifetimeError ? ToolJwtResult.Fail(lifetimeError) : new ToolJwtResult(token, null);
    }

    // Tool and simulator share a clock in tests, so "exp in the future" is meant literally: no skew.
    private static string? LifetimeError(JsonWebToken token, DateTimeOffset now)
    {
        if (!token.TryGetPayloadValue<long>("exp", out var exp))
        {
            return "it has no numeric exp claim";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(exp) <= now)
        {
            return $"it expired at {DateTimeOffset.FromUnixTimeSeconds(exp):O} (now {now:O})";
        }

        return token.TryGetPayloadValue<long>("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf) > now
            ? $"it is not valid before {DateTimeOffset.FromUnixTimeSeconds(nbf):O}"
            : null;
    }

    // The library's messages hide values as PII; a simulator talking to a test wants them spelled out.
    private static string Explain(Exception? error, JsonWebToken token, string issuer, IReadOnlyList<string> audiences) => error switch
    {
        SecurityTokenSignatureKeyNotFoundException => $"no key in the tool JWKS matches kid '{token.Kid}'",
        SecurityTokenInvalidSignatureException => "the signature does not verify with the tool's keys",
        SecurityTokenInvalidIssuerException => $"iss must be '{issuer}', was '{token.Issuer}'",
        SecurityTokenInvalidAudienceException => $"aud must contain '{string.Join("' or '", audiences)}', was '{string.Join(" ", token.Audiences)}'",
        null => "it did not validate",
        _ => error.Message,
    };
}

internal sealed record ToolJwtResult(JsonWebToken? Token, string? Error)
{
    public static ToolJwtResult Fail(string error) => new(null, error);
}
