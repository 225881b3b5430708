using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace LtiPD.PlatformSimulator.Protocol;

/// <summary>What one launch is about: who, which message, which link, shown how.</summary>
internal sealed record LaunchRequest(
    SimUser User, string Nonce, LaunchKind Kind, LaunchPresentation Presentation, SimResourceLink? Link, Uri TargetLinkUri, string Locale);

/// <summary>
/// Builds id_token claims shaped like the chosen LMS sends them (LTI Core §5.3–5.4, Deep Linking §4.4). Moodle's shape and claim
/// order follow the 4.5.6 fixtures; Canvas's follow its documented launch payload.
/// </summary>
internal sealed class IdTokenComposer(SimulatedPlatform platform)
{
    private const string MoodleVersion = "2024100706";

    public IdTokenDraft Compose(LaunchRequest launch)
    {
        var draft = new IdTokenDraft();
        draft.Header["typ"] = "JWT";
        draft.Header["alg"] = "RS256";
        draft.Header["kid"] = platform.CurrentKeyId;

        var now = platform.TimeProvider.GetUtcNow();
        var claims = draft.Claims;
        claims["nonce"] = launch.Nonce;
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = (now + platform.Options.IdTokenLifetime).ToUnixTimeSeconds();
        claims["iss"] = platform.Issuer;
        claims["aud"] = platform.ClientId;
        claims[LtiClaims.DeploymentId] = platform.DeploymentId;
        claims[LtiClaims.TargetLinkUri] = launch.TargetLinkUri.AbsoluteUri;
        claims["sub"] = launch.User.Sub;
        if (platform.Flavor == PlatformFlavor.Moodle)
        {
            AddMoodleClaims(claims, launch);
        }
        else
        {
            AddCanvasClaims(claims, launch);
        }

        return draft;
    }

    private void AddMoodleClaims(Dictionary<string, object?> claims, LaunchRequest launch)
    {
        var course = platform.Course;
        var user = launch.User;
        claims[LtiClaims.Lis] = new Dictionary<string, object?> { ["person_sourcedid"] = "", ["course_section_sourcedid"] = course.Label };
        claims[LtiClaims.Roles] = user.Roles.ToArray();
        claims[LtiClaims.Context] = ContextClaim("CourseSection");
        claims[LtiClaims.MessageType] = MessageType(launch.Kind);
        if (launch.Link is { } link)
        {
            claims[LtiClaims.ResourceLink] = ResourceLinkClaim(link);
            // Moodle still sends the LTI 1.1 outcome claim; the simulator does not serve that service (tools must use AGS).
            claims[LtiClaims.BasicOutcome] = new Dictionary<string, object?>
            {
                ["lis_result_sourcedid"] = BasicOutcomeSourcedId(link, user),
                ["lis_outcome_service_url"] = platform.Url("/basicoutcome").AbsoluteUri,
            };
        }

        claims["given_name"] = user.GivenName;
        claims["family_name"] = user.FamilyName;
        claims["name"] = user.Name;
        claims[LtiClaims.Ext] = new Dictionary<string, object?> { ["user_username"] = user.Username, ["lms"] = "moodle-2" };
        claims["email"] = user.Email;
        claims[LtiClaims.LaunchPresentation] = launch.Link is { } presented
            ? new Dictionary<string, object?>
            {
                ["locale"] = launch.Locale,
                // Moodle calls "open in the existing window" the frame target.
                ["document_target"] = launch.Presentation == LaunchPresentation.Iframe ? "iframe" : "frame",
                ["return_url"] = platform.ReturnUrl(presented).AbsoluteUri,
            }
            : new Dictionary<string, object?> { ["locale"] = launch.Locale };
        claims[LtiClaims.ToolPlatform] = new Dictionary<string, object?>
        {
            ["product_family_code"] = "moodle",
            ["version"] = MoodleVersion,
            ["guid"] = platform.PlatformGuid,
            ["name"] = "ltipd-sim",
            ["description"] = "LtiPD simulated Moodle",
        };
        claims[LtiClaims.Version] = LtiClaims.LtiVersion;

        var custom = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in launch.Link?.Custom ?? new Dictionary<string, string>())
        {
            custom[name] = value;
        }

        custom["tool_param"] = "tool_value";
        custom["moodle_username"] = user.Username;
        custom["course_title"] = course.Title;
        custom["context_memberships_url"] = platform.MembershipsUrl.AbsoluteUri;
        claims[LtiClaims.Custom] = custom;
        claims[LtiClaims.AgsEndpoint] = AgsClaim(launch.Link);
        claims[LtiClaims.NamesRoleService] = NrpsClaim(["1.0", "2.0"]);
        if (launch.Kind == LaunchKind.DeepLinking)
        {
            claims[LtiClaims.DeepLinkingSettings] = new Dictionary<string, object?>
            {
                ["accept_types"] = new[] { "ltiResourceLink" },
                ["accept_presentation_document_targets"] = new[] { "frame", "iframe", "window" },
                ["accept_copy_advice"] = false,
                ["accept_multiple"] = true,
                ["accept_unsigned"] = false,
                ["auto_create"] = false,
                ["can_confirm"] = false,
                ["deep_link_return_url"] = platform.DeepLinkingReturnUrl.AbsoluteUri,
                ["title"] = "",
                ["text"] = "",
            };
        }
    }

    private void AddCanvasClaims(Dictionary<string, object?> claims, LaunchRequest launch)
    {
        var user = launch.User;
        claims["azp"] = platform.ClientId;
        claims[LtiClaims.MessageType] = MessageType(launch.Kind);
        claims[LtiClaims.Version] = LtiClaims.LtiVersion;
        claims[LtiClaims.Roles] = user.Roles.ToArray();
        claims[LtiClaims.Context] = ContextClaim("http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering");
        if (launch.Link is { } link)
        {
            claims[LtiClaims.ResourceLink] = ResourceLinkClaim(link);
        }

        claims[LtiClaims.ToolPlatform] = new Dictionary<string, object?>
        {
            ["guid"] = platform.PlatformGuid,
            ["name"] = "LtiPD simulated Canvas",
            ["version"] = "cloud",
            ["product_family_code"] = "canvas",
        };
        claims[LtiClaims.LaunchPresentation] = new Dictionary<string, object?>
        {
            ["document_target"] = launch.Presentation == LaunchPresentation.Iframe ? "iframe" : "window",
            ["return_url"] = launch.Link is { } presented ? platform.ReturnUrl(presented).AbsoluteUri : platform.Url("/return").AbsoluteUri,
            ["locale"] = launch.Locale,
        };
        claims["locale"] = launch.Locale;
        // Canvas sends the LTI 1.1 user id as 40 hex characters; its value only has to be stable per user.
        claims[LtiClaims.Lti11LegacyUserId] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(user.Sub)))[..40];
        claims["name"] = user.Name;
        claims["given_name"] = user.GivenName;
        claims["family_name"] = user.FamilyName;
        claims["email"] = user.Email;
        var custom = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, value) in launch.Link?.Custom ?? new Dictionary<string, string>())
        {
            custom[name] = value;
        }

        custom["tool_param"] = "tool_value";
        claims[LtiClaims.Custom] = custom;
        claims[LtiClaims.AgsEndpoint] = AgsClaim(launch.Link);
        claims[LtiClaims.NamesRoleService] = NrpsClaim(["2.0"]);
        if (launch.Kind == LaunchKind.DeepLinking)
        {
            claims[LtiClaims.DeepLinkingSettings] = new Dictionary<string, object?>
            {
                ["deep_link_return_url"] = platform.DeepLinkingReturnUrl.AbsoluteUri,
                ["accept_types"] = new[] { "ltiResourceLink" },
                ["accept_presentation_document_targets"] = new[] { "iframe", "window" },
                ["accept_media_types"] = "application/vnd.ims.lti.v1.ltilink",
                ["accept_multiple"] = true,
                ["auto_create"] = true,
                // Deep Linking §4.4.1: opaque data the tool must return unchanged; Canvas always sends it.
                ["data"] = platform.IssueDeepLinkingData(),
            };
        }
    }

    private static string MessageType(LaunchKind kind) =>
        kind == LaunchKind.DeepLinking ? LtiClaims.DeepLinkingRequest : LtiClaims.ResourceLinkRequest;

    private Dictionary<string, object?> ContextClaim(string type) => new()
    {
        ["id"] = platform.Course.Id,
        ["label"] = platform.Course.Label,
        ["title"] = platform.Course.Title,
        ["type"] = new[] { type },
    };

    private static Dictionary<string, object?> ResourceLinkClaim(SimResourceLink link) => new()
    {
        ["title"] = link.Title,
        ["description"] = "",
        ["id"] = link.Id,
    };

    private Dictionary<string, object?> AgsClaim(SimResourceLink? link)
    {
        var claim = new Dictionary<string, object?>
        {
            ["scope"] = LtiScopes.Ags.ToArray(),
            ["lineitems"] = platform.LineItemsUrl.AbsoluteUri,
        };
        if (link is not null)
        {
            claim["lineitem"] = platform.LineItemFor(link).Id.AbsoluteUri;
        }

        return claim;
    }

    private Dictionary<string, object?> NrpsClaim(string[] versions) => new()
    {
        ["context_memberships_url"] = platform.MembershipsUrl.AbsoluteUri,
        ["service_versions"] = versions,
    };

    // Moodle's LTI 1.1 sourcedid: a JSON document naming the activity, user and tool type, with a hash over it.
    private string BasicOutcomeSourcedId(SimResourceLink link, SimUser user)
    {
        var data = new Dictionary<string, object?>
        {
            ["instanceid"] = link.Id,
            ["userid"] = user.Sub,
            ["typeid"] = platform.DeploymentId,
            ["launchid"] = RandomNumberGenerator.GetInt32(int.MaxValue),
        };
        var dataJson = JsonSerializer.Serialize(data, SimJson.Relaxed);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataJson + platform.PlatformGuid)));
        return JsonSerializer.Serialize(new Dictionary<string, object?> { ["data"] = data, ["hash"] = hash }, SimJson.Relaxed);
    }
}
