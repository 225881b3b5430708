using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Data.Stores;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Platforms;

/// <summary>The values an LMS administrator enters to register a platform (manual registration).</summary>
public sealed record PlatformInput(
    string Issuer,
    string ClientId,
    string AuthUrl,
    string TokenUrl,
    string JwksUrl,
    IReadOnlyList<string> DeploymentIds,
    string? Name = null);

public sealed record PlatformSummary(int Id, string Issuer, string ClientId, string? Name, string AuthUrl, string TokenUrl, string JwksUrl, IReadOnlyList<string> DeploymentIds);

/// <summary>A field the administrator must correct, with the reason in words.</summary>
public sealed record FieldError(string Field, string Code, string Message);

/// <summary>
/// Adds, lists and removes platform registrations; the admin page and the command line both use it, so
/// the rules (absolute https URLs, at least one deployment, unique issuer + client id) live here once.
/// </summary>
public sealed class PlatformCatalog(LtiPdDbContext db, PlatformRegistrationCache registrations, TimeProvider time)
{
    public async Task<IReadOnlyList<PlatformSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Platforms.AsNoTracking().Include(p => p.Deployments).OrderBy(p => p.Issuer).ThenBy(p => p.ClientId).ToListAsync(ct);
        return rows.ConvertAll(p => new PlatformSummary(p.Id, p.Issuer, p.ClientId, p.Name, p.AuthUrl, p.TokenUrl, p.JwksUrl,
            p.Deployments.OrderBy(d => d.DeploymentId).Select(d => d.DeploymentId).ToList()));
    }

    /// <summary>Adds the registration, or adds new deployment ids to an existing one with the same issuer and client id.</summary>
    public async Task<IReadOnlyList<FieldError>> AddAsync(PlatformInput input, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
            return errors;

        var now = time.GetUtcNow();
        var existing = await db.Platforms.Include(p => p.Deployments)
            .FirstOrDefaultAsync(p => p.Issuer == input.Issuer && p.ClientId == input.ClientId, ct);
        if (existing is null)
        {
            existing = new PlatformEntity
            {
                Issuer = input.Issuer.Trim(),
                ClientId = input.ClientId.Trim(),
                CreatedAt = now,
                AuthUrl = input.AuthUrl,
                TokenUrl = input.TokenUrl,
                JwksUrl = input.JwksUrl,
            };
            db.Platforms.Add(existing);
        }
        existing.Name = string.IsNullOrWhiteSpace(input.Name) ? existing.Name : input.Name.Trim();
        existing.AuthUrl = input.AuthUrl.Trim();
        existing.TokenUrl = input.TokenUrl.Trim();
        existing.JwksUrl = input.JwksUrl.Trim();
        foreach (var deploymentId in input.DeploymentIds.Select(d => d.Trim()).Distinct(StringComparer.Ordinal))
        {
            if (existing.Deployments.All(d => d.DeploymentId != deploymentId))
                existing.Deployments.Add(new DeploymentEntity { DeploymentId = deploymentId, CreatedAt = now });
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        registrations.Invalidate(existing.Issuer);
        return [];
    }

    /// <summary>Removes the registration with its deployments and sessions; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string issuer, string clientId, CancellationToken ct)
    {
        var removed = await db.Platforms.Where(p => p.Issuer == issuer && p.ClientId == clientId).ExecuteDeleteAsync(ct) > 0;
        registrations.Invalidate(issuer);
        return removed;
    }

    private static List<FieldError> Validate(PlatformInput input)
    {
        var errors = new List<FieldError>();
        CheckUrl(errors, "issuer", input.Issuer, "The issuer (Platform ID) must be the LMS's https address, e.g. https://moodle.example.edu.");
        if (string.IsNullOrWhiteSpace(input.ClientId))
            errors.Add(new("client-id", "required", "The client ID the LMS gave the tool is required."));
        else if (input.ClientId.Length > 255)
            errors.Add(new("client-id", "too_long", "The client ID is longer than 255 characters."));
        CheckUrl(errors, "auth-url", input.AuthUrl, "The authentication request URL must be an absolute https address.");
        CheckUrl(errors, "token-url", input.TokenUrl, "The access token URL must be an absolute https address.");
        CheckUrl(errors, "jwks-url", input.JwksUrl, "The public keyset URL must be an absolute https address.");
        if (input.DeploymentIds.Count == 0 || input.DeploymentIds.Any(string.IsNullOrWhiteSpace))
            errors.Add(new("deployment-id", "required", "At least one deployment ID is required (Moodle shows it on the tool's details; Canvas on the installed app)."));
        else if (input.DeploymentIds.Any(d => d.Length > 255))
            errors.Add(new("deployment-id", "too_long", "A deployment ID is longer than 255 characters."));
        return errors;
    }

    /// <summary>
    /// Platform URLs must be https (Security Framework 1.0 §3: all messages over TLS). Plain http is
    /// accepted only for loopback addresses, which never cross a network: a lab LMS on the same machine.
    /// </summary>
    private static void CheckUrl(List<FieldError> errors, string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000
            || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            errors.Add(new(field, "invalid_url", message));
    }
}
