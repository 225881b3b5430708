using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiPD.Data;
using LtiPD.Domain.Credentials;
using LtiPD.Lti.Http;
using Microsoft.EntityFrameworkCore;
using Base64Url = System.Buffers.Text.Base64Url;

namespace LtiPD.Web.Features.Credentials;

public enum CheckOutcome
{
    Passed = 0,
    Failed = 1,
    NotChecked = 2,
}

/// <summary>One check of a verification: its outcome and the sentence (resource "Verify.{Code}") that says why.</summary>
public sealed record VerificationCheck(string Name, CheckOutcome Outcome, string Code, params string[] Args);

/// <summary>What the verifier found: every check, and the credential's JSON once its signature held.</summary>
public sealed record VerificationResult(IReadOnlyList<VerificationCheck> Checks, JsonObject? Credential)
{
    public bool Verified => Checks.All(c => c.Outcome != CheckOutcome.Failed);
}

/// <summary>A VC-JWT split into its parts; the payload is read only after the signature held.</summary>
public sealed record CredentialJwt(JsonObject Header, string SigningInput, byte[] Signature, string PayloadSegment)
{
    public static CredentialJwt? Parse(string text)
    {
        var parts = text.Trim().Split('.');
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !Base64Url.IsValid(p)))
            return null;
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) is JsonObject header
                ? new CredentialJwt(header, $"{parts[0]}.{parts[1]}", Base64Url.DecodeFromChars(parts[2]), parts[1])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public JsonObject? Payload()
    {
        try
        {
            return JsonNode.Parse(Base64Url.DecodeFromChars(PayloadSegment)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The credentialSubject.id of a VC-JWT this tool signed, read without verifying (the tool's own stored rows).</summary>
    public static Uri? SubjectOf(string jwt) =>
        Parse(jwt)?.Payload()?["credentialSubject"]?["id"]?.GetValue<string>() is { } id && Uri.TryCreate(id, UriKind.Absolute, out var uri) ? uri : null;
}

/// <summary>
/// Verifies an OpenBadgeCredential VC-JWT as a stranger would, and says in words what held (docs/credentials.md, Verifier):
/// the signature against the key the kid names (this tool's published keys read directly; another issuer's JWKS fetched
/// through the outbound HTTP policy, its body never shown), then the OB 3.0 structure and the JWT claims agreeing with it,
/// the validity window, and, for this tool's credentials, the status list bit. When the signature fails nothing else is
/// believed, so the other checks are left unchecked.
/// </summary>
public sealed class CredentialVerifier(LtiPdDbContext db, CredentialKeys keys, IHttpClientFactory clients, TimeProvider time, ILogger<CredentialVerifier> logger)
{
    public const string HttpClientName = "credential-issuer-keys";

    /// <summary>The largest credential read, pasted or uploaded: ours are a few kilobytes.</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly HashSet<string> Algorithms = ["RS256", "RS384", "RS512"];

    public async Task<VerificationResult> VerifyAsync(string text, CredentialUrls urls, CancellationToken ct)
    {
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
            return Refused(new("signature", CheckOutcome.Failed, "credential_unsigned"));
        if (CredentialJwt.Parse(trimmed) is not { } jwt)
            return Refused(new("signature", CheckOutcome.Failed, "credential_unreadable"));
        var alg = jwt.Header["alg"]?.GetValueKind() == JsonValueKind.String ? jwt.Header["alg"]!.GetValue<string>() : "";
        if (!Algorithms.Contains(alg))
            return Refused(new("signature", CheckOutcome.Failed, "signature_algorithm"));
        var kid = jwt.Header["kid"]?.GetValueKind() == JsonValueKind.String ? jwt.Header["kid"]!.GetValue<string>() : "";
        if (!Uri.TryCreate(kid, UriKind.Absolute, out var kidUri) || kidUri.Fragment.Length < 2)
            return Refused(new("signature", CheckOutcome.Failed, "key_unresolvable"));

        var keysUrl = new Uri(kidUri.GetLeftPart(UriPartial.Query));
        var ours = keysUrl == urls.Keys;
        var (jwks, refusal) = ours ? (await keys.GetJwksJsonAsync(ct), null) : await FetchJwksAsync(keysUrl, ct);
        if (jwks is null)
            return Refused(new("signature", CheckOutcome.Failed, refusal ?? "key_unreachable", keysUrl.Authority));
        using var rsa = CredentialKeys.FindKey(jwks, Uri.UnescapeDataString(kidUri.Fragment[1..]));
        if (rsa is null)
            return Refused(new("signature", CheckOutcome.Failed, "key_unknown"));
        var hash = alg switch { "RS384" => HashAlgorithmName.SHA384, "RS512" => HashAlgorithmName.SHA512, _ => HashAlgorithmName.SHA256 };
        if (!rsa.VerifyData(Encoding.ASCII.GetBytes(jwt.SigningInput), jwt.Signature, hash, RSASignaturePadding.Pkcs1))
            return Refused(new("signature", CheckOutcome.Failed, "signature_invalid"));
        // A valid signature says only that the key's holder signed. The key speaks for the issuer only when the issuer
        // publishes it: its URL must be at the issuer's own origin (and this tool's issuers' keys are this tool's), or anyone
        // could sign "issued by https://university.example" with a key they host elsewhere.
        if (!KeyBelongsToIssuer(jwt.Payload(), kidUri, ours, urls))
            return Refused(new("signature", CheckOutcome.Failed, "key_not_issuers", keysUrl.Authority));

        var checks = new List<VerificationCheck> { new("signature", CheckOutcome.Passed, ours ? "signature_ok" : "signature_ok_other") };
        var payload = jwt.Payload();
        var missing = CredentialStructure.Check(payload).Concat(ClaimsDisagreeing(payload)).ToList();
        checks.Add(missing.Count == 0
            ? new("structure", CheckOutcome.Passed, "structure_ok")
            : new("structure", CheckOutcome.Failed, "structure_invalid", string.Join(", ", missing)));
        if (payload is null || missing.Count > 0)
        {
            checks.Add(new("validity", CheckOutcome.NotChecked, "not_checked"));
            checks.Add(new("status", CheckOutcome.NotChecked, "not_checked"));
            return new VerificationResult(checks, payload);
        }

        checks.Add(Validity(payload));
        checks.Add(ours ? await StatusAsync(payload, urls, ct) : new("status", CheckOutcome.NotChecked, "status_other_issuer"));
        return new VerificationResult(checks, payload);
    }

    /// <summary>
    /// Whether the signing key is published by the issuer the credential names (its <c>iss</c>, which the structure check then
    /// requires to equal <c>issuer.id</c>): same scheme, host and port. A credential naming one of this tool's issuer profiles
    /// must be signed with this tool's keys.
    /// </summary>
    private static bool KeyBelongsToIssuer(JsonObject? payload, Uri kid, bool ours, CredentialUrls urls)
    {
        if (payload?["iss"] is not JsonValue iss || !iss.TryGetValue<string>(out var issuer) || !Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUri))
            return false;
        if (issuerUri.AbsoluteUri.StartsWith(new Uri(urls.BaseUrl, "credentials/issuers/").AbsoluteUri, StringComparison.Ordinal))
            return ours;
        return Uri.Compare(issuerUri, kid, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }

    private static VerificationResult Refused(VerificationCheck signature) => new(
        [signature, new("structure", CheckOutcome.NotChecked, "not_checked"), new("validity", CheckOutcome.NotChecked, "not_checked"),
         new("status", CheckOutcome.NotChecked, "not_checked")], null);

    /// <summary>The registered claims must say what the credential says (VC-JOSE-COSE §3.1.2: they must not conflict).</summary>
    private static IEnumerable<string> ClaimsDisagreeing(JsonObject? payload)
    {
        if (payload is null)
            yield break;
        string? S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var issuerId = payload["issuer"] is JsonObject issuer ? S(issuer["id"]) : S(payload["issuer"]);
        if (S(payload["iss"]) != issuerId)
            yield return "iss (= issuer.id)";
        if (payload["jti"] is not null && S(payload["jti"]) != S(payload["id"]))
            yield return "jti (= id)";
        if (payload["sub"] is not null && S(payload["sub"]) != S(payload["credentialSubject"]?["id"]))
            yield return "sub (= credentialSubject.id)";
        if (payload["nbf"] is not JsonValue nbf || !nbf.TryGetValue<long>(out var seconds)
            || CredentialStructure.ReadDate(payload, "validFrom") is not { } from || from.ToUnixTimeSeconds() != seconds)
            yield return "nbf (= validFrom)";
    }

    private VerificationCheck Validity(JsonObject payload)
    {
        var now = time.GetUtcNow();
        var from = CredentialStructure.ReadDate(payload, "validFrom")!.Value;
        var until = CredentialStructure.ReadDate(payload, "validUntil");
        if (payload["exp"] is JsonValue exp && exp.TryGetValue<long>(out var seconds))
            until = until is { } u && u.ToUnixTimeSeconds() < seconds ? u : DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (from > now)
            return new("validity", CheckOutcome.Failed, "not_yet_valid", OpenBadgeCredential.Stamp(from));
        if (until is { } end && end <= now)
            return new("validity", CheckOutcome.Failed, "expired", OpenBadgeCredential.Stamp(end));
        return until is { } last
            ? new("validity", CheckOutcome.Passed, "valid_until", OpenBadgeCredential.Stamp(from), OpenBadgeCredential.Stamp(last))
            : new("validity", CheckOutcome.Passed, "valid_open", OpenBadgeCredential.Stamp(from));
    }

    /// <summary>The bit of this tool's status list, read from the list as published (the same encoding a stranger decodes).</summary>
    private async Task<VerificationCheck> StatusAsync(JsonObject payload, CredentialUrls urls, CancellationToken ct)
    {
        if (payload["credentialStatus"] is not JsonObject status)
            return new("status", CheckOutcome.NotChecked, "status_none");
        var listUrl = status["statusListCredential"]?.ToString();
        var index = int.Parse(status["statusListIndex"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var list = await db.Credentials.AsNoTracking().Select(c => c.StatusList).Distinct()
            .ToListAsync(ct) is var lists ? lists.FirstOrDefault(l => urls.StatusList(l).AbsoluteUri == listUrl) : 0;
        if (list == 0 || index >= BitstringStatusList.MinimumLength)
            return new("status", CheckOutcome.Failed, "status_unknown_list");
        var bits = BitstringStatusList.Decode((await CredentialStatusLists.BuildAsync(db, list, ct)).Encode());
        if (bits is null || !bits[index])
            return new("status", CheckOutcome.Passed, "status_ok");
        var revoked = await db.Credentials.AsNoTracking().FirstAsync(c => c.StatusList == list && c.StatusIndex == index, ct);
        return new("status", CheckOutcome.Failed, "revoked", OpenBadgeCredential.Stamp(revoked.RevokedAt!.Value), revoked.RevokedReason ?? "");
    }

    /// <summary>
    /// Another issuer's JWKS, through the outbound policy (https, no private address, no redirect, size cap), or the code of
    /// why not: an address the policy refuses is never connected to (the refusal comes before the connection), and neither
    /// that nor an unreachable one shows anything an answer held.
    /// </summary>
    private async Task<(string? Jwks, string? Refusal)> FetchJwksAsync(Uri url, CancellationToken ct)
    {
        try
        {
            using var response = await clients.CreateClient(HttpClientName).GetAsync(url, ct);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogInformation("Credential issuer keys at {Url} answered {Status}", url, (int)response.StatusCode);
                return (null, "key_unreachable");
            }
            return (await response.Content.ReadAsStringAsync(ct), null);
        }
        catch (HttpRequestException e) when (OutboundRefusedException.Find(e) is { Reason: not OutboundRefusal.TooLarge } refused)
        {
            logger.LogWarning("Credential issuer keys at {Url} refused by the outbound policy ({Reason}): {Message}", url, refused.Reason, refused.Message);
            return (null, refused.Reason == OutboundRefusal.Address ? "key_private_address" : "key_not_https");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogInformation("Credential issuer keys at {Url} could not be read: {Error}", url, e.GetType().Name);
            return (null, "key_unreachable");
        }
    }
}
