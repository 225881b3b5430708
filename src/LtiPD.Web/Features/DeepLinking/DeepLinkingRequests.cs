using LtiPD.Data;
using LtiPD.Lti.Messages;
using LtiPD.Lti.Platforms;
using LtiPD.Web.Features.Lti;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.DeepLinking;

/// <summary>
/// The launch behind a session, rebuilt from the payload the session stored when the id_token was validated: the response
/// builder needs the launch's deep-linking settings (return URL, data, what is accepted) and its platform and deployment.
/// </summary>
public sealed class DeepLinkingRequests(LtiPdDbContext db, IPlatformRegistry platforms)
{
    /// <summary>The launch, or null when its platform is no longer registered (nothing can be signed for it then).</summary>
    public async Task<LtiLaunch?> FindAsync(LaunchSession session, CancellationToken ct)
    {
        var payload = await db.LaunchSessions.AsNoTracking().Where(s => s.Id == session.Id).Select(s => s.PayloadJson).SingleOrDefaultAsync(ct);
        if (payload is null || LtiMessage.FromValidatedPayload(payload) is not { Issuer: { } issuer } message)
            return null;
        var platform = (await platforms.FindByIssuerAsync(issuer, ct)).FirstOrDefault(p => p.RegistryKey == session.PlatformId);
        return platform is null ? null : new LtiLaunch(platform, message, payload);
    }
}
