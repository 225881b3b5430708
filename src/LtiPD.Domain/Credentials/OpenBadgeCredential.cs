using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LtiPD.Domain.Credentials;

/// <summary>The issuer Profile (OB 3.0 §B.2.7): its id is a resolvable URL of the tool that answers with this profile.</summary>
/// <param name="Url">The institution's own address: the LMS the teacher studied in.</param>
public sealed record IssuerProfile(Uri Id, string Name, Uri? Url, string Description);

/// <summary>
/// An Alignment (OB 3.0 §B.1.5) of the achievement to a framework competency. <paramref name="TargetType"/> is "CFItem" when
/// <paramref name="TargetUrl"/> is a CASE item URI (OB 3.0 AlignmentTargetType), "Competency" otherwise.
/// </summary>
public sealed record AchievementAlignment(string TargetName, Uri TargetUrl, string TargetCode, string TargetFramework, string TargetType);

/// <summary>
/// The Achievement (OB 3.0 §B.1.3) a module or programme stands for: one per (programme, module) in a language, so every
/// credential for it names the same achievement id.
/// </summary>
/// <param name="AchievementType">OB 3.0 AchievementType: "MicroCredential" for a module, "LearningProgram" for a programme.</param>
/// <param name="HumanCode">The module or programme code a reader can quote.</param>
public sealed record AchievementDefinition(
    Uri Id, string AchievementType, string Name, string Description, string CriteriaNarrative, Uri? Image, string HumanCode,
    IReadOnlyList<AchievementAlignment> Alignments);

/// <summary>
/// A salted SHA-256 hash of an email address as an IdentityObject (OB 3.0 §B.1.9): "sha256$" and the lowercase hex digest of
/// the address followed by the salt. The address is trimmed and lower-cased first, as a verifier holding the address will.
/// </summary>
public sealed record HashedEmail(string IdentityHash, string Salt)
{
    public static HashedEmail Of(string email, string salt) => new(Hash(email, salt), salt);

    public static string Hash(string email, string salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant() + salt)));
}

/// <summary>Who earned the credential: a stable tool-scoped URI, and the hashed email when the LMS sent one.</summary>
public sealed record SubjectIdentity(Uri Id, HashedEmail? Email);

/// <summary>One piece of evidence (OB 3.0 §B.1.7): what was shown and the criterion it met, never the teacher's answers.</summary>
public sealed record EvidenceItem(string Name, string Description, string Genre);

/// <summary>The BitstringStatusListEntry (Bitstring Status List v1.0 §2.1) of a credential.</summary>
public sealed record StatusEntry(Uri ListCredential, int Index);

/// <summary>Everything an OpenBadgeCredential states.</summary>
/// <param name="Id">The credential's id: the URL of its public page.</param>
public sealed record CredentialDraft(
    Uri Id, string Name, string Description, IssuerProfile Issuer, AchievementDefinition Achievement, SubjectIdentity Subject,
    IReadOnlyList<EvidenceItem> Evidence, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil, StatusEntry? Status);

/// <summary>
/// The OpenBadgeCredential (OB 3.0 §B.1.1) as JSON, on the VC Data Model 2.0: the v2 context first, then the OB 3.0
/// context that is written for it (context-3.0.3); <c>validFrom</c>/<c>validUntil</c> instead of 1.1's issuanceDate and
/// expirationDate (VCDM 2.0 §4.9).
/// </summary>
public static class OpenBadgeCredential
{
    public const string VcContext = "https://www.w3.org/ns/credentials/v2";
    public const string ObContext = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
    public const string StatusPurpose = "revocation";

    public static JsonObject ToJson(CredentialDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var subject = new JsonObject
        {
            ["id"] = draft.Subject.Id.AbsoluteUri,
            ["type"] = new JsonArray("AchievementSubject"),
        };
        if (draft.Subject.Email is { } email)
        {
            subject["identifier"] = new JsonArray(new JsonObject
            {
                ["type"] = "IdentityObject",
                ["identityHash"] = email.IdentityHash,
                ["identityType"] = "emailAddress",
                ["hashed"] = true,
                ["salt"] = email.Salt,
            });
        }

        subject["achievement"] = Achievement(draft.Achievement);
        var credential = new JsonObject
        {
            ["@context"] = new JsonArray(VcContext, ObContext),
            ["id"] = draft.Id.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "OpenBadgeCredential"),
            ["name"] = draft.Name,
            ["description"] = draft.Description,
            ["issuer"] = Profile(draft.Issuer),
            ["validFrom"] = Stamp(draft.ValidFrom),
        };
        if (draft.ValidUntil is { } until)
            credential["validUntil"] = Stamp(until);
        credential["credentialSubject"] = subject;
        credential["evidence"] = new JsonArray(draft.Evidence.Select(e => (JsonNode)new JsonObject
        {
            ["type"] = new JsonArray("Evidence"),
            ["name"] = e.Name,
            ["description"] = e.Description,
            ["genre"] = e.Genre,
        }).ToArray());
        if (draft.Status is { } status)
            credential["credentialStatus"] = StatusEntryJson(status);
        return credential;
    }

    /// <summary>
    /// The JWT claims set of the VC-JWT (OB 3.0 §8.2.4.2, VC-JOSE-COSE §3.1.2): the credential itself, with the registered
    /// claims mapped from it so that they never disagree: iss = issuer.id, jti = id, sub = credentialSubject.id,
    /// nbf = validFrom and exp = validUntil when it is set, in seconds since the epoch.
    /// </summary>
    public static JsonObject JwtPayload(JsonObject credential, DateTimeOffset validFrom, DateTimeOffset? validUntil)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var payload = (JsonObject)credential.DeepClone();
        payload["iss"] = credential["issuer"]?["id"]?.GetValue<string>();
        payload["jti"] = credential["id"]?.GetValue<string>();
        if (credential["credentialSubject"]?["id"]?.GetValue<string>() is { } sub)
            payload["sub"] = sub;
        payload["nbf"] = validFrom.ToUnixTimeSeconds();
        if (validUntil is { } until)
            payload["exp"] = until.ToUnixTimeSeconds();
        return payload;
    }

    /// <summary>The BitstringStatusListCredential (Bitstring Status List v1.0 §2.2) that publishes <paramref name="list"/>.</summary>
    public static JsonObject StatusListCredential(Uri listUrl, IssuerProfile issuer, BitstringStatusList list, DateTimeOffset validFrom)
    {
        ArgumentNullException.ThrowIfNull(list);
        return new JsonObject
        {
            ["@context"] = new JsonArray(VcContext),
            ["id"] = listUrl.AbsoluteUri,
            ["type"] = new JsonArray("VerifiableCredential", "BitstringStatusListCredential"),
            ["issuer"] = Profile(issuer),
            ["validFrom"] = Stamp(validFrom),
            ["credentialSubject"] = new JsonObject
            {
                ["id"] = listUrl.AbsoluteUri + "#list",
                ["type"] = "BitstringStatusList",
                ["statusPurpose"] = StatusPurpose,
                ["encodedList"] = list.Encode(),
            },
        };
    }

    public static JsonObject Profile(IssuerProfile issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var profile = new JsonObject
        {
            ["id"] = issuer.Id.AbsoluteUri,
            ["type"] = new JsonArray("Profile"),
            ["name"] = issuer.Name,
            ["description"] = issuer.Description,
        };
        if (issuer.Url is { } url)
            profile["url"] = url.AbsoluteUri;
        return profile;
    }

    /// <summary>An XML Schema dateTime in UTC to the second, the form VCDM 2.0 §4.9 asks of validFrom and validUntil.</summary>
    public static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Achievement(AchievementDefinition a)
    {
        var achievement = new JsonObject
        {
            ["id"] = a.Id.AbsoluteUri,
            ["type"] = new JsonArray("Achievement"),
            ["achievementType"] = a.AchievementType,
            ["name"] = a.Name,
            ["description"] = a.Description,
            ["criteria"] = new JsonObject { ["narrative"] = a.CriteriaNarrative },
            ["humanCode"] = a.HumanCode,
        };
        if (a.Image is { } image)
            achievement["image"] = new JsonObject { ["id"] = image.AbsoluteUri, ["type"] = "Image" };
        if (a.Alignments.Count > 0)
        {
            achievement["alignment"] = new JsonArray(a.Alignments.Select(x => (JsonNode)new JsonObject
            {
                ["type"] = new JsonArray("Alignment"),
                ["targetName"] = x.TargetName,
                ["targetUrl"] = x.TargetUrl.AbsoluteUri,
                ["targetCode"] = x.TargetCode,
                ["targetFramework"] = x.TargetFramework,
                ["targetType"] = x.TargetType,
            }).ToArray());
        }

        return achievement;
    }

    private static JsonObject StatusEntryJson(StatusEntry status) => new()
    {
        ["id"] = $"{status.ListCredential.AbsoluteUri}#{status.Index.ToString(CultureInfo.InvariantCulture)}",
        ["type"] = "BitstringStatusListEntry",
        ["statusPurpose"] = StatusPurpose,
        // A string holding a whole number (Bitstring Status List v1.0 §2.1), not a JSON number.
        ["statusListIndex"] = status.Index.ToString(CultureInfo.InvariantCulture),
        ["statusListCredential"] = status.ListCredential.AbsoluteUri,
    };
}
