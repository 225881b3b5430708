namespace LtiPD.Lti.Platforms;

/// <summary>
/// What the tool knows of one platform registration. Keyed by (issuer, client_id): one issuer may hold
/// many client ids (Canvas uses https://canvas.instructure.com for every school, LTI Core 1.3 §3.1.3).
/// </summary>
public sealed record PlatformRegistration(
    string Issuer,
    string ClientId,
    Uri AuthUrl,
    Uri TokenUrl,
    Uri JwksUrl,
    IReadOnlyList<string> DeploymentIds,
    string? Name = null)
{
    /// <summary>
    /// The registry's own key for this registration, so what a launch creates can refer to it without
    /// looking the (issuer, client_id) pair up again; 0 when the registration did not come from a store.
    /// </summary>
    public int RegistryKey { get; init; }

    public bool HasDeployment(string deploymentId) => DeploymentIds.Contains(deploymentId, StringComparer.Ordinal);
}

/// <summary>Read access to registered platforms (every client id of an issuer); the data project stores them.</summary>
public interface IPlatformRegistry
{
    Task<IReadOnlyList<PlatformRegistration>> FindByIssuerAsync(string issuer, CancellationToken ct);

    /// <summary>The registration a launch session refers to (its <see cref="PlatformRegistration.RegistryKey"/>), for service calls made later.</summary>
    Task<PlatformRegistration?> FindByKeyAsync(int registryKey, CancellationToken ct);
}
