using System.Globalization;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Lti;
using LtiPD.Lti.Login;
using LtiPD.Lti.Messages;
using LtiPD.Web.Features.DeepLinking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// What one validated launch allows, as the tool's pages see it. <see cref="LinkedInstrument"/> and <see cref="LinkedModule"/>
/// (the assessment or module a deep-linked resource link names) are read only where a launch lands — right after the launch
/// or its platform-storage confirmation — not on every page, which never needs them.
/// </summary>
public sealed record LaunchSession(
    string Id,
    int PlatformId,
    string DeploymentId,
    string? ContextId,
    string? ContextTitle,
    string? ResourceLinkId,
    string UserId,
    string? DisplayName,
    ToolRole Role,
    string MessageType,
    CultureInfo Culture,
    DateTimeOffset ExpiresAt,
    string? LinkedInstrument = null,
    string? LinkedModule = null)
{
    /// <summary>The person this launch is for, across the courses of their platform deployment (their profile).</summary>
    public PersonScope Person => new(PlatformId, DeploymentId, UserId);

    /// <summary>The course this launch was made in: all a designer's pages may see.</summary>
    public CourseScope Course => new(PlatformId, DeploymentId, ContextId);

    /// <summary>The person in the course of this launch: what their attempts, completions and invitations belong to.</summary>
    public PersonInCourse Member => new(PlatformId, DeploymentId, ContextId, UserId);

    /// <summary>
    /// The validated id_token payload, as stored with the session (read with it, so a page that needs a claim, such as the
    /// roster service's URL, does not query it again); parsed only by those that need it.
    /// </summary>
    public required string PayloadJson { get; init; }

    private string? _membershipsUrl;

    /// <summary>
    /// The roster service's memberships URL the launch offered (NRPS 2.0 §3.2 namesroleservice claim), or null: known from the
    /// message when the session is created, otherwise read from <see cref="PayloadJson"/> the first time a page asks.
    /// </summary>
    public string? MembershipsUrl
    {
        get => (_membershipsUrl ??= LtiMessage.NamesRoleServiceOf(PayloadJson)?.ContextMembershipsUrl ?? "") is { Length: > 0 } url ? url : null;
        init => _membershipsUrl = value ?? "";
    }
}

/// <summary>
/// Launch sessions live in the database and are referenced by an opaque 256-bit id carried in the
/// tool's own URLs (/s/{id}/...), not in a cookie: inside an LMS iframe third-party cookies are
/// often blocked (Safari, Chrome with tracking protection), and the reference must still work.
/// A reference grants exactly what its own launch granted: platform, deployment, context, user, role.
/// </summary>
public sealed class LaunchSessions(LtiPdDbContext db, TimeProvider time, IOptions<LtiOptions> options, AttachedItems attached, RecentSessions recent)
{
    public static readonly IReadOnlyList<string> SupportedCultures = ["en", "ru", "kk"];

    /// <param name="pendingState">When set, the session stays unusable until the state is confirmed through platform storage.</param>
    public async Task<LaunchSession> CreateAsync(LtiLaunch launch, string? pendingState, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var m = launch.Message;
        var entity = new LaunchSessionEntity
        {
            Id = LoginService.NewOpaqueValue(),
            PlatformId = launch.Platform.RegistryKey,
            DeploymentId = launch.DeploymentId,
            ContextId = launch.ContextId,
            ContextTitle = m.Context?.Title ?? m.Context?.Label,
            ResourceLinkId = launch.ResourceLinkId,
            UserId = launch.UserId,
            DisplayName = m.Name ?? JoinNames(m.GivenName, m.FamilyName) ?? m.Email,
            Roles = string.Join(' ', launch.Roles),
            ToolRole = (int)RoleMapping.ToToolRole(launch.Roles),
            MessageType = launch.MessageType,
            Locale = launch.Locale,
            PayloadJson = launch.PayloadJson,
            PendingState = pendingState,
            CreatedAt = now,
            ExpiresAt = now.AddMinutes(options.Value.SessionLifetimeMinutes),
        };
        // A plain INSERT rather than SaveChanges: this runs on every launch, and change tracking buys nothing.
        await db.ExecuteAsync("""
            INSERT INTO launch_sessions ("Id", "PlatformId", "DeploymentId", "ContextId", "ContextTitle", "ResourceLinkId", "UserId",
                "DisplayName", "Roles", "ToolRole", "MessageType", "Locale", "PayloadJson", "PendingState", "CreatedAt", "ExpiresAt")
            VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13, @p14, @p15)
            """, ct,
            entity.Id, entity.PlatformId, entity.DeploymentId, entity.ContextId, entity.ContextTitle, entity.ResourceLinkId, entity.UserId,
            entity.DisplayName, entity.Roles, entity.ToolRole, entity.MessageType, entity.Locale, entity.PayloadJson, entity.PendingState,
            db.StoreValue(entity.CreatedAt), db.StoreValue(entity.ExpiresAt));
        if (m.Custom is { } custom && custom.TryGetValue(DepartmentParameter, out var department)
            && department.Trim() is { Length: > 0 } named && !named.StartsWith('$'))
            await RecordDepartmentAsync(entity, named.Length > 200 ? named[..200] : named, now, ct);
        var session = ToSession(entity, linkedFrom: m);
        if (pendingState is null)
            recent.Remember(session with { LinkedInstrument = null, LinkedModule = null });
        // A launch of a link our deep linking made is the proof the LMS placed the item: the course page shows it as launched.
        if (session.MessageType == LtiMessageTypes.ResourceLinkRequest && LinkedItem.Named(m.Custom) is { } linked)
            await attached.MarkLaunchedAsync(session, linked.Kind, linked.Code, ct);
        return session;
    }

    /// <summary>
    /// The custom parameter that names a teacher's department (issue 11: aggregates per department), e.g. Moodle's
    /// <c>department=$Person.address.department</c> or a fixed value per course; a substitution the LMS did not resolve (still
    /// "$…") names nothing.
    /// </summary>
    public const string DepartmentParameter = "department";

    /// <summary>
    /// Keeps the department the LMS names for the teacher with their situation, writing only when it changed (so an unchanged
    /// launch costs one statement and makes no new evidence for the nightly job).
    /// </summary>
    private Task<int> RecordDepartmentAsync(LaunchSessionEntity session, string department, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync("""
            INSERT INTO teacher_situations ("PlatformId", "DeploymentId", "UserId", "YearsTeaching", "Position", "Training", "PreferredForm", "HoursPerWeek", "Department", "UpdatedAt")
            VALUES (@p0, @p1, @p2, NULL, NULL, 1, NULL, NULL, @p3, @p4)
            ON CONFLICT ("PlatformId", "DeploymentId", "UserId") DO UPDATE SET "Department" = excluded."Department", "UpdatedAt" = excluded."UpdatedAt"
            WHERE teacher_situations."Department" IS NULL OR teacher_situations."Department" <> excluded."Department"
            """, ct, session.PlatformId, session.DeploymentId, session.UserId, department, db.StoreValue(now));

    /// <summary>The session if it exists, has not expired and is not waiting for its state to be confirmed.</summary>
    public async Task<LaunchSession?> FindActiveAsync(string id, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64)
            return null;
        if (recent.Find(id) is { } created)
            return created;
        var entity = await ActiveById.For(db)(db, id, time.GetUtcNow(), ct);
        return entity is null ? null : ToSession(entity, linkedFrom: null);
    }

    /// <summary>Every page of a session runs it first (<see cref="CompiledPerModel{TQuery}"/>).</summary>
    private static readonly CompiledPerModel<Func<LtiPdDbContext, string, DateTimeOffset, CancellationToken, Task<LaunchSessionEntity?>>> ActiveById =
        new(() => EF.CompileAsyncQuery((LtiPdDbContext db, string id, DateTimeOffset now, CancellationToken ct) =>
            db.LaunchSessions.AsNoTracking().FirstOrDefault(s => s.Id == id && s.PendingState == null && s.ExpiresAt > now)));

    /// <summary>Activates a session whose state came back from platform storage; single use.</summary>
    public async Task<LaunchSession?> ConfirmAsync(string id, string state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var updated = await db.LaunchSessions
            .Where(s => s.Id == id && s.PendingState == state && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PendingState, (string?)null), ct);
        if (updated != 1)
            return null;
        var entity = await db.LaunchSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (entity is null)
            return null;
        var session = ToSession(entity, linkedFrom: LtiMessage.FromValidatedPayload(entity.PayloadJson));
        recent.Remember(session with { LinkedInstrument = null, LinkedModule = null });
        return session;
    }

    /// <summary>"en", "ru" or "kk" from an LMS locale such as "ru_RU", "kk-KZ" or "en-US"; English otherwise.</summary>
    public static CultureInfo CultureFor(string? locale)
    {
        var language = (locale ?? "").Replace('_', '-').Split('-')[0].ToLowerInvariant();
        return CultureInfo.GetCultureInfo(SupportedCultures.Contains(language) ? language : "en");
    }

    private static string? JoinNames(string? given, string? family) =>
        given is null && family is null ? null : $"{given} {family}".Trim();

    /// <param name="linkedFrom">The launch message when the session is where a launch lands: its custom parameters name the linked
    /// item, and its roster claim need not be read again from the payload.</param>
    private static LaunchSession ToSession(LaunchSessionEntity e, LtiMessage? linkedFrom)
    {
        var session = new LaunchSession(
            e.Id, e.PlatformId, e.DeploymentId, e.ContextId, e.ContextTitle, e.ResourceLinkId, e.UserId, e.DisplayName,
            (ToolRole)e.ToolRole, e.MessageType, CultureFor(e.Locale), e.ExpiresAt,
            linkedFrom?.Custom?.GetValueOrDefault(LinkedItem.InstrumentParameter),
            linkedFrom?.Custom?.GetValueOrDefault(LinkedItem.ModuleParameter))
        {
            PayloadJson = e.PayloadJson,
        };
        return linkedFrom is null ? session : session with { MembershipsUrl = linkedFrom.NamesRoleService?.ContextMembershipsUrl };
    }
}
