using System.Text.Json.Serialization;

namespace LtiPD.Lti.Services.Nrps;

/// <summary>NRPS 2.0 §3.6 media type of the membership container.</summary>
public static class NrpsMediaTypes
{
    public const string MembershipContainer = "application/vnd.ims.lti-nrps.v2.membershipcontainer+json";
}

/// <summary>
/// One member of the context (NRPS 2.0 §3.6). Roles come as the platform wrote them: Moodle uses the short names NRPS allows
/// for context roles ("Learner"), Canvas full URIs; <see cref="HasRole"/> accepts either.
/// </summary>
public sealed record Member
{
    private const string MembershipRoles = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

    [JsonPropertyName("user_id")] public string UserId { get; init; } = "";
    [JsonPropertyName("roles")] public IReadOnlyList<string> Roles { get; init; } = [];
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("given_name")] public string? GivenName { get; init; }
    [JsonPropertyName("family_name")] public string? FamilyName { get; init; }
    [JsonPropertyName("email")] public string? Email { get; init; }
    [JsonPropertyName("lis_person_sourcedid")] public string? LisPersonSourcedId { get; init; }

    /// <summary>NRPS 2.0 §3.6: a missing status means Active.</summary>
    public bool IsActive => Status is null || Status.Equals("Active", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the member holds <paramref name="role"/>, given as a full URI or a context role's short name.</summary>
    public bool HasRole(string role) => Roles.Any(held => Full(held) == Full(role));

    private static string Full(string role) => role.Contains(':', StringComparison.Ordinal) ? role : MembershipRoles + role;
}

/// <summary>The context the memberships belong to (NRPS 2.0 §3.6).</summary>
public sealed record MembershipContext
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("label")] public string? Label { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
}

/// <summary>Every member the platform listed, all pages read, with the context of the first page.</summary>
public sealed record Membership(MembershipContext? Context, IReadOnlyList<Member> Members);

/// <summary>
/// Filters of NRPS 2.0 §3.6.1: <paramref name="Role"/> as a full URI or a context role's short name; <paramref name="Limit"/> the
/// page size the platform should use; <paramref name="ResourceLinkId"/> (rlid) narrows to those who can reach that link.
/// </summary>
public sealed record MembershipFilter(string? Role = null, int? Limit = null, string? ResourceLinkId = null);

internal sealed record MembershipPage
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("context")] public MembershipContext? Context { get; init; }
    [JsonPropertyName("members")] public List<Member> Members { get; init; } = [];
}

[JsonSerializable(typeof(MembershipPage))]
[JsonSourceGenerationOptions(NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class NrpsJsonContext : JsonSerializerContext;
