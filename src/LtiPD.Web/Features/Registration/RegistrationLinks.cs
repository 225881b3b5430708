using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Lti;
using LtiPD.Lti.Login;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Registration;

/// <summary>Bound from "Registration".</summary>
public sealed class RegistrationOptions : IValidatableObject
{
    public const string Section = "Registration";

    /// <summary>
    /// Lets anyone who can reach /lti/register register a platform without a link. Off by default in every environment:
    /// only for a lab whose network no stranger reaches.
    /// </summary>
    public bool AllowWithoutLink { get; set; }

    /// <summary>How long a new link works when its creator does not say.</summary>
    public TimeSpan DefaultLinkLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The longest lifetime a link may be given.</summary>
    public TimeSpan MaxLinkLifetime { get; set; } = TimeSpan.FromDays(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxLinkLifetime <= TimeSpan.Zero)
            yield return new("Registration:MaxLinkLifetime must be positive, e.g. 30.00:00:00.", [nameof(MaxLinkLifetime)]);
        if (DefaultLinkLifetime <= TimeSpan.Zero || DefaultLinkLifetime > MaxLinkLifetime)
            yield return new("Registration:DefaultLinkLifetime must be positive and at most Registration:MaxLinkLifetime.", [nameof(DefaultLinkLifetime)]);
    }
}

/// <summary>A link as its administrator sees it in the list; the secret itself is shown once, when the link is created.</summary>
public sealed record RegistrationLinkSummary(
    string Id, string? Label, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? UsedAt,
    string? UsedByIssuer, string? UsedByClientId, string? UsedByDeploymentId)
{
    public bool IsExpired(DateTimeOffset now) => UsedAt is null && ExpiresAt <= now;
}

/// <summary>A link just created: <see cref="Secret"/> goes into the URL and is stored only as its hash.</summary>
public sealed record NewRegistrationLink(RegistrationLinkSummary Link, string Secret);

/// <summary>A link claimed for one registration attempt: spent with the platform it adds, released if the attempt fails.</summary>
public sealed record ClaimedLink(string Id);

/// <summary>
/// One-time Dynamic Registration links. Dynamic Registration 1.0 lets whoever opens the tool's registration URL with an
/// LMS's configuration register that LMS; client ids are public, so an open endpoint lets a stranger register their own
/// "LMS" or take a real one's place. An administrator therefore creates a link per registration: it works once, expires,
/// and records which LMS used it.
/// </summary>
public sealed class RegistrationLinks(LtiPdDbContext db, TimeProvider time)
{
    /// <summary>How long one registration attempt holds its link: longer than the two calls to the LMS take at their limits.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    public const int MaxLabelLength = 200;

    public async Task<NewRegistrationLink> CreateAsync(string? label, TimeSpan lifetime, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var secret = LoginService.NewOpaqueValue();
        var entity = new RegistrationLinkEntity
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            SecretHash = Hash(secret),
            Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim() is { Length: > MaxLabelLength } l ? l[..MaxLabelLength] : label.Trim(),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        };
        db.RegistrationLinks.Add(entity);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new NewRegistrationLink(ToSummary(entity), secret);
    }

    public async Task<IReadOnlyList<RegistrationLinkSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.RegistrationLinks.AsNoTracking().ToListAsync(ct);
        return rows.OrderByDescending(l => l.CreatedAt).Select(ToSummary).ToList();
    }

    /// <summary>Removes a link nobody has used yet; false when there is no such unused link.</summary>
    public async Task<bool> RevokeAsync(string id, CancellationToken ct) =>
        await db.RegistrationLinks.Where(l => l.Id == id && l.UsedAt == null).ExecuteDeleteAsync(ct) == 1;

    /// <summary>
    /// Claims the link for one registration attempt with one conditional update, so two attempts racing on one link cannot
    /// both proceed. A refusal says why in words the LMS administrator can act on.
    /// </summary>
    public async Task<(ClaimedLink? Link, LtiError? Error)> ClaimAsync(string? secret, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 64)
            return (null, Invalid());
        var hash = Hash(secret);
        var now = time.GetUtcNow();
        var claimed = await db.RegistrationLinks
            .Where(l => l.SecretHash == hash && l.UsedAt == null && l.ExpiresAt > now && (l.ClaimedUntil == null || l.ClaimedUntil < now))
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ClaimedUntil, now + ClaimLease), ct);
        if (claimed == 1)
            return (new ClaimedLink(await db.RegistrationLinks.Where(l => l.SecretHash == hash).Select(l => l.Id).FirstAsync(ct)), null);

        var link = await db.RegistrationLinks.AsNoTracking().FirstOrDefaultAsync(l => l.SecretHash == hash, ct);
        if (link is null)
            return (null, Invalid());
        if (link.UsedAt is not null)
            return (null, new LtiError(LtiErrorCodes.RegistrationLinkUsed,
                "This registration link was already used. Ask the LtiPD administrator for a new link."));
        if (link.ExpiresAt <= now)
            return (null, new LtiError(LtiErrorCodes.RegistrationLinkExpired,
                "This registration link has expired. Ask the LtiPD administrator for a new link."));
        return (null, new LtiError(LtiErrorCodes.RegistrationLinkBusy,
            "A registration with this link is already in progress. Wait a minute and try again, or ask for a new link."));
    }

    /// <summary>Spends the claimed link, inside the caller's transaction that adds the platform; false if it is no longer claimable.</summary>
    public async Task<bool> SpendAsync(ClaimedLink link, string issuer, string clientId, string deploymentId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return await db.RegistrationLinks
            .Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(l => l
                .SetProperty(x => x.UsedAt, now)
                .SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null)
                .SetProperty(x => x.UsedByIssuer, Truncate(issuer, 500))
                .SetProperty(x => x.UsedByClientId, clientId)
                .SetProperty(x => x.UsedByDeploymentId, deploymentId), ct) == 1;
    }

    /// <summary>Gives the link back after a failed attempt, so the administrator can correct the LMS side and try again.</summary>
    public Task ReleaseAsync(ClaimedLink link, CancellationToken ct) =>
        db.RegistrationLinks.Where(l => l.Id == link.Id && l.UsedAt == null)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.ClaimedUntil, (DateTimeOffset?)null), ct);

    /// <summary>Parses a lifetime such as "24h", "90m", "7d" (or a TimeSpan such as "1.00:00:00").</summary>
    public static TimeSpan? ParseLifetime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        text = text.Trim();
        if (text.Length >= 2 && int.TryParse(text[..^1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            return char.ToLowerInvariant(text[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
        }
        return TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero ? span : null;
    }

    private static LtiError Invalid() => new(LtiErrorCodes.RegistrationLinkInvalid,
        "This registration link is not valid. Ask the LtiPD administrator for a registration link and paste it into your LMS exactly as given.");

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private static RegistrationLinkSummary ToSummary(RegistrationLinkEntity e) =>
        new(e.Id, e.Label, e.CreatedAt, e.ExpiresAt, e.UsedAt, e.UsedByIssuer, e.UsedByClientId, e.UsedByDeploymentId);
}
