using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Shared;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Credentials;

/// <summary>The teacher's own credentials, from every course of their platform: each with its public page and downloads.</summary>
public sealed class MineModel(LtiPdDbContext db) : SessionPageModel
{
    public IReadOnlyList<CredentialEntity> Credentials { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = LtiSession.Person;
        Credentials = await db.Credentials.AsNoTracking()
            .Where(c => c.PlatformId == person.PlatformId && c.DeploymentId == person.DeploymentId && c.UserId == person.UserId)
            .OrderByDescending(c => c.IssuedAt).ToListAsync(ct);
    }
}
