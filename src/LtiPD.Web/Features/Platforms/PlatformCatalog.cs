using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Data.Stores;
using LtiPD.Lti.Http;
using LtiPD.Lti.Registration;
using LtiPD.Web.Features.Lti;
using Microsoft.Extensions.Options;
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
/// Adds, lists and removes platform registrations; the admin page, the command line and Dynamic Registration use it, so
/// the rules (absolute https URLs, at least one deployment, unique issuer + client id) live here once.
/// </summary>
public sealed class PlatformCatalog(
    LtiPdDbContext db, PlatformRegistrationCache registrations, RecentSessions recent, TimeProvider time, IOptions<OutboundHttpOptions> outbound)
{
    public const string PlatformExists = "platform_exists";

    public async Task<IReadOnlyList<PlatformSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Platforms.AsNoTracking().Include(p => p.Deployments).OrderBy(p => p.Issuer).ThenBy(p => p.ClientId).ToListAsync(ct);
        return rows.ConvertAll(p => new PlatformSummary(p.Id, p.Issuer, p.ClientId, p.Name, p.AuthUrl, p.TokenUrl, p.JwksUrl,
            p.Deployments.OrderBy(d => d.DeploymentId).Select(d => d.DeploymentId).ToList()));
    }

    /// <summary>
    /// Adds a registration that must be new: what Dynamic Registration adds. An issuer and client id already registered are
    /// refused, never overwritten: client ids are public (every login initiation carries one), so overwriting would let
    /// whoever registers second replace a real LMS's keys with their own. Runs in the caller's transaction when there is one.
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> AddNewAsync(PlatformInput input, CancellationToken ct)
    {
        var errors = Validate(input);
        if (errors.Count > 0)
            return errors;
        var issuer = input.Issuer.Trim();
        var clientId = input.ClientId.Trim();
        if (await db.Platforms.AnyAsync(p => p.Issuer == issuer && p.ClientId == clientId, ct))
            return [Exists()];
        var now = time.GetUtcNow();
        db.Platforms.Add(new PlatformEntity
        {
            Issuer = issuer,
            ClientId = clientId,
            Name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim(),
            CreatedAt = now,
            AuthUrl = input.AuthUrl.Trim(),
            TokenUrl = input.TokenUrl.Trim(),
            JwksUrl = input.JwksUrl.Trim(),
            Deployments = input.DeploymentIds.Select(d => d.Trim()).Distinct(StringComparer.Ordinal)
                .Select(d => new DeploymentEntity { DeploymentId = d, CreatedAt = now }).ToList(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another registration of the same issuer and client id won the race between the check and the insert.
            return [Exists()];
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        registrations.Invalidate(issuer);
        return [];
    }

    /// <summary>
    /// The administrator's registration (admin page, command line): adds it, or changes the URLs and adds deployment ids of an
    /// existing one with the same issuer and client id. Only the tool's administrator reaches this.
    /// </summary>
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
        if (removed)
            recent.ForgetAll();
        return removed;
    }

    private static FieldError Exists() => new("client-id", PlatformExists,
        "This LMS (issuer and client ID) is already registered with LtiPD. The LtiPD administrator can change or remove it on the admin page.");

    private bool AllowLoopbackHttp => outbound.Value.AllowLoopbackHttp;

    private List<FieldError> Validate(PlatformInput input)
    {
        var errors = new List<FieldError>();
        if (PlatformUrls.ParseIssuer(input.Issuer, AllowLoopbackHttp) is null)
            errors.Add(new("issuer", "invalid_url", "The issuer (Platform ID) must be the LMS's https address without user name, query or fragment, e.g. https://moodle.example.edu."));
        if (string.IsNullOrWhiteSpace(input.ClientId))
            errors.Add(new("client-id", "required", "The client ID the LMS gave the tool is required."));
        else if (input.ClientId.Length > 255)
            errors.Add(new("client-id", "too_long", "The client ID is longer than 255 characters."));
        CheckUrl(errors, "auth-url", input.AuthUrl, "The authentication request URL must be an absolute https address without user name or password.");
        CheckUrl(errors, "token-url", input.TokenUrl, "The access token URL must be an absolute https address without user name or password.");
        CheckUrl(errors, "jwks-url", input.JwksUrl, "The public keyset URL must be an absolute https address without user name or password.");
        if (input.DeploymentIds.Count == 0 || input.DeploymentIds.Any(string.IsNullOrWhiteSpace))
            errors.Add(new("deployment-id", "required", "At least one deployment ID is required (Moodle shows it on the tool's details; Canvas on the installed app)."));
        else if (input.DeploymentIds.Any(d => d.Length > 255))
            errors.Add(new("deployment-id", "too_long", "A deployment ID is longer than 255 characters."));
        return errors;
    }

    /// <summary>Platform URLs follow <see cref="PlatformUrls.Parse"/>: https, no user-info; loopback http only where allowed.</summary>
    private void CheckUrl(List<FieldError> errors, string field, string? value, string message)
    {
        if (PlatformUrls.Parse(value, AllowLoopbackHttp) is null)
            errors.Add(new(field, "invalid_url", message));
    }
}
