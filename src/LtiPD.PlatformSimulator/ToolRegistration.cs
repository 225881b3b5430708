namespace LtiPD.PlatformSimulator;

/// <summary>The tool as the platform knows it: what an administrator types in (or Dynamic Registration posts).</summary>
public sealed class ToolRegistration
{
    /// <summary>OIDC third-party login initiation endpoint of the tool (Security Framework §5.1.1.1).</summary>
    public required Uri LoginInitiationUrl { get; init; }

    /// <summary>Default target_link_uri of resource links; always an allowed redirect_uri.</summary>
    public required Uri LaunchUrl { get; init; }

    /// <summary>The tool's public keys, used to verify client assertions and deep-linking responses.</summary>
    public required Uri JwksUrl { get; init; }

    /// <summary>target_link_uri of deep-linking requests (the launch URL when null); always an allowed redirect_uri.</summary>
    public Uri? DeepLinkingUrl { get; init; }

    /// <summary>Further redirect_uris the auth endpoint accepts.</summary>
    public IReadOnlyList<Uri> RedirectUris { get; init; } = [];

    /// <summary>Every redirect_uri the auth endpoint accepts (Security Framework §5.1.1.2: exact match against registered URIs).</summary>
    internal IEnumerable<Uri> AllowedRedirectUris()
    {
        yield return LaunchUrl;
        if (DeepLinkingUrl is not null)
        {
            yield return DeepLinkingUrl;
        }

        foreach (var uri in RedirectUris)
        {
            yield return uri;
        }
    }

    /// <summary>Browser origins the tool's pages run on; platform storage answers only these.</summary>
    internal IReadOnlyList<string> Origins() =>
        AllowedRedirectUris().Append(LoginInitiationUrl)
            .Select(uri => uri.GetLeftPart(UriPartial.Authority))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
}
