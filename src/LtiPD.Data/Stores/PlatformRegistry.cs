using LtiPD.Data.Entities;
using LtiPD.Lti.Platforms;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Data.Stores;

internal sealed class PlatformRegistry(LtiPdDbContext db, PlatformRegistrationCache cache) : IPlatformRegistry
{
    public async Task<IReadOnlyList<PlatformRegistration>> FindByIssuerAsync(string issuer, CancellationToken ct)
    {
        if (cache.TryGet(issuer, out var cached))
            return cached;
        var entities = await db.Platforms.AsNoTracking().Include(p => p.Deployments)
            .Where(p => p.Issuer == issuer).ToListAsync(ct);
        var registrations = entities.ConvertAll(ToRegistration);
        cache.Set(issuer, registrations);
        return registrations;
    }

    public async Task<PlatformRegistration?> FindByKeyAsync(int registryKey, CancellationToken ct)
    {
        if (cache.TryGet(registryKey, out var cached))
            return cached;
        var entity = await db.Platforms.AsNoTracking().Include(p => p.Deployments).FirstOrDefaultAsync(p => p.Id == registryKey, ct);
        if (entity is null)
            return null;
        var registration = ToRegistration(entity);
        cache.Set(registration);
        return registration;
    }

    private static PlatformRegistration ToRegistration(PlatformEntity p) => new(
        p.Issuer, p.ClientId, new Uri(p.AuthUrl), new Uri(p.TokenUrl), new Uri(p.JwksUrl),
        p.Deployments.ConvertAll(d => d.DeploymentId), p.Name) { RegistryKey = p.Id };
}
