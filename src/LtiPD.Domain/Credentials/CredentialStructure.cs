using System.Text.Json.Nodes;

namespace LtiPD.Domain.Credentials;

/// <summary>
/// The fields OB 3.0 (§B.1 data model, on the VC Data Model 2.0) requires of an OpenBadgeCredential, checked on a JSON object
/// that came from anywhere. The answer is the list of paths that are missing or of the wrong shape; empty means the structure
/// holds. Paths are the checker's own names, never text taken from the credential, so they are safe to show.
/// </summary>
public static class CredentialStructure
{
    public static IReadOnlyList<string> Check(JsonObject? credential)
    {
        var missing = new List<string>();
        if (credential is null)
            return ["$"];

        // VCDM 2.0 §4.3: the first context is the v2 context; OB 3.0 §B.1.1 adds its own.
        var contexts = Strings(credential["@context"]);
        if (contexts.Count == 0 || contexts[0] != OpenBadgeCredential.VcContext)
            missing.Add("@context[0] (" + OpenBadgeCredential.VcContext + ")");
        if (!contexts.Any(c => c.StartsWith("https://purl.imsglobal.org/spec/ob/v3p0/context", StringComparison.Ordinal)))
            missing.Add("@context (Open Badges 3.0)");
        RequireUri(credential, "id", "id", missing);
        var types = Strings(credential["type"]);
        if (!types.Contains("VerifiableCredential") || !(types.Contains("OpenBadgeCredential") || types.Contains("AchievementCredential")))
            missing.Add("type (VerifiableCredential, OpenBadgeCredential)");
        RequireString(credential, "name", "name", missing);
        RequireDate(credential, "validFrom", "validFrom", missing);
        if (credential["validUntil"] is not null)
            RequireDate(credential, "validUntil", "validUntil", missing);

        switch (credential["issuer"])
        {
            case JsonObject issuer:
                RequireUri(issuer, "id", "issuer.id", missing);
                if (!Strings(issuer["type"]).Contains("Profile"))
                    missing.Add("issuer.type (Profile)");
                break;
            case JsonValue value when value.TryGetValue<string>(out var id) && IsUri(id):
                break;
            default:
                missing.Add("issuer");
                break;
        }

        if (credential["credentialSubject"] is not JsonObject subject)
        {
            missing.Add("credentialSubject");
        }
        else
        {
            if (!Strings(subject["type"]).Contains("AchievementSubject"))
                missing.Add("credentialSubject.type (AchievementSubject)");
            if (subject["id"] is null && subject["identifier"] is not JsonArray { Count: > 0 })
                missing.Add("credentialSubject.id or credentialSubject.identifier");
            if (subject["identifier"] is JsonArray identifiers)
            {
                foreach (var identity in identifiers)
                {
                    if (identity is not JsonObject o || !Strings(o["type"]).Contains("IdentityObject") || o["hashed"] is not JsonValue
                        || o["identityHash"] is not JsonValue || o["identityType"] is not JsonValue)
                        missing.Add("credentialSubject.identifier (IdentityObject: hashed, identityHash, identityType)");
                }
            }

            CheckAchievement(subject["achievement"], missing);
        }

        if (credential["credentialStatus"] is JsonObject status)
        {
            RequireString(status, "type", "credentialStatus.type", missing);
            if (Strings(status["type"]).Contains("BitstringStatusListEntry"))
            {
                RequireString(status, "statusPurpose", "credentialStatus.statusPurpose", missing);
                if (status["statusListIndex"] is not JsonValue index || !index.TryGetValue<string>(out var text) || !int.TryParse(text, out var n) || n < 0)
                    missing.Add("credentialStatus.statusListIndex");
                RequireUri(status, "statusListCredential", "credentialStatus.statusListCredential", missing);
            }
        }

        return missing;
    }

    private static void CheckAchievement(JsonNode? node, List<string> missing)
    {
        if (node is not JsonObject achievement)
        {
            missing.Add("credentialSubject.achievement");
            return;
        }

        RequireUri(achievement, "id", "achievement.id", missing);
        if (!Strings(achievement["type"]).Contains("Achievement"))
            missing.Add("achievement.type (Achievement)");
        RequireString(achievement, "name", "achievement.name", missing);
        RequireString(achievement, "description", "achievement.description", missing);
        // OB 3.0 §B.1.6 Criteria: an id or a narrative, at least one.
        if (achievement["criteria"] is not JsonObject criteria || (criteria["id"] is null && criteria["narrative"] is null))
            missing.Add("achievement.criteria (id or narrative)");
        if (achievement["alignment"] is JsonArray alignments)
        {
            foreach (var alignment in alignments)
            {
                if (alignment is not JsonObject a || !Strings(a["type"]).Contains("Alignment") || a["targetName"] is null || a["targetUrl"] is null)
                    missing.Add("achievement.alignment (Alignment: targetName, targetUrl)");
            }
        }
    }

    private static List<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToList(),
        JsonValue value when value.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    private static void RequireString(JsonObject o, string name, string path, List<string> missing)
    {
        if (o[name] is not JsonValue v || !v.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s))
            missing.Add(path);
    }

    private static void RequireUri(JsonObject o, string name, string path, List<string> missing)
    {
        if (o[name] is not JsonValue v || !v.TryGetValue<string>(out var s) || !IsUri(s))
            missing.Add(path);
    }

    private static void RequireDate(JsonObject o, string name, string path, List<string> missing)
    {
        if (ReadDate(o, name) is null)
            missing.Add(path);
    }

    /// <summary>An XML Schema dateTime with its zone (VCDM 2.0 §4.9), or null.</summary>
    public static DateTimeOffset? ReadDate(JsonObject o, string name) =>
        o[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= 20 && (s.EndsWith('Z') || s[^6] is '+' or '-')
            && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;

    private static bool IsUri(string value) => Uri.TryCreate(value, UriKind.Absolute, out _);
}
