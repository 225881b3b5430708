using LtiPD.Data;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// A programme version with the framework its micro-objectives refer to, and the platform that owns it (null: tool-wide, in
/// every platform's catalogue).
/// </summary>
public sealed record CatalogProgramme(Programme Programme, CompetencyFramework Framework, int? OwnerPlatformId = null)
{
    /// <summary>Whether the courses of a platform see this programme: a tool-wide one, or the platform's own.</summary>
    public bool IsSeenBy(int platformId) => OwnerPlatformId is null || OwnerPlatformId == platformId;

    public IReadOnlyList<Component> ComponentsOf(Module module) => Programme.ComponentsOf(module, Framework);

    public IReadOnlyList<Competency> CompetenciesOf(Module module) =>
        Programme.CompetenciesOf(module).Select(Framework.FindCompetency).OfType<Competency>().ToList();
}

/// <summary>A module as the tool addresses it: by its code, within the newest version of its programme.</summary>
public sealed record CatalogModule(CatalogProgramme Programme, Module Module);

/// <summary>
/// Programmes as stored in the database, parsed once and kept in memory. Versions are immutable, so the copy goes stale only
/// when an import adds a version of a programme or of a framework (a programme uses its framework's newest version): the node
/// that imported a programme calls <see cref="Invalidate"/>, and every node asks the database for the newest programme and
/// framework rows at most every <see cref="RecheckAfter"/>, so an import on another node, or of a framework, reaches it too.
/// The newest version of each programme is what pages show. Modules are addressed by code alone (the link's
/// <c>ltipd_module</c>); when two programmes use one code, the first programme in code order owns it.
/// Every read for a course, a teacher or a job about a teacher names a platform and gets that platform's catalogue: the
/// tool-wide programmes and the platform's own (<see cref="CatalogProgramme.IsSeenBy"/>); another platform's programmes and
/// modules are not there at all, so a page, a link or a plan cannot reach them. Only administrators' pages read every programme
/// (<see cref="EveryLatestAsync"/>).
/// </summary>
public sealed class ProgrammeCatalog(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>How long a node trusts its copy before asking whether another node imported a version.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The parsed newest versions of every owner, the highest programme and framework row ids and the number of programme rows
    /// they were read from, and when that was last confirmed.
    /// </summary>
    private sealed record Snapshot(IReadOnlyList<CatalogProgramme> Latest, (int Programme, int Framework, int Programmes) NewestRows, DateTimeOffset CheckedAt);

    private Snapshot? _snapshot;

    /// <summary>The newest version of each programme a platform's courses see: the tool-wide ones and the platform's own, in code order.</summary>
    public async Task<IReadOnlyList<CatalogProgramme>> LatestAsync(int platformId, CancellationToken ct) =>
        (await EveryLatestAsync(ct)).Where(p => p.IsSeenBy(platformId)).ToList();

    /// <summary>The newest version of every programme of every owner: for administrators' pages only.</summary>
    public Task<IReadOnlyList<CatalogProgramme>> EveryLatestAsync(CancellationToken ct) => EveryLatestAsync(trustRecentCopy: true, ct);

    /// <summary>
    /// The same, confirmed against the database now whatever the age of this node's copy: for the import's check, which runs
    /// under the import lock and must see every import committed before it, on any node (a copy up to
    /// <see cref="RecheckAfter"/> old, or one read just before another import's <see cref="Invalidate"/>, would not).
    /// </summary>
    public Task<IReadOnlyList<CatalogProgramme>> EveryLatestConfirmedAsync(CancellationToken ct) => EveryLatestAsync(trustRecentCopy: false, ct);

    private async Task<IReadOnlyList<CatalogProgramme>> EveryLatestAsync(bool trustRecentCopy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (trustRecentCopy && _snapshot is { } cached && now - cached.CheckedAt < RecheckAfter)
            return cached.Latest;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        // Rows are added, each with a higher id, and removed only with their platform: an unchanged highest id and number of
        // rows means an unchanged catalogue.
        var newestRows = (await db.Programmes.MaxAsync(p => (int?)p.Id, ct) ?? 0, await db.Frameworks.MaxAsync(f => (int?)f.Id, ct) ?? 0,
            await db.Programmes.CountAsync(ct));
        if (_snapshot is { } known && known.NewestRows == newestRows)
        {
            _snapshot = known with { CheckedAt = now };
            return known.Latest;
        }
        var rows = await db.Programmes.AsNoTracking().ToListAsync(ct);
        var frameworks = await db.Frameworks.AsNoTracking().ToListAsync(ct);
        var latest = new List<CatalogProgramme>();
        foreach (var row in rows.GroupBy(r => r.Code).Select(g => g.MaxBy(r => r.Version)!).OrderBy(r => r.Code, StringComparer.Ordinal))
        {
            var programme = ProgrammeDocument.Parse(row.Document).Value
                ?? throw new InvalidDataException($"Stored programme {row.Code} v{row.Version} no longer parses.");
            var frameworkRow = frameworks.Where(f => f.Code == row.FrameworkCode).MaxBy(f => f.CreatedAt)
                ?? throw new InvalidDataException($"Stored programme {row.Code} v{row.Version} names framework '{row.FrameworkCode}', which is not stored.");
            var framework = FrameworkDocument.Parse(frameworkRow.Document).Value
                ?? throw new InvalidDataException($"Stored framework {frameworkRow.Code} {frameworkRow.Version} no longer parses.");
            latest.Add(new CatalogProgramme(programme, framework, row.OwnerPlatformId));
        }
        _snapshot = new Snapshot(latest, (rows.Count == 0 ? 0 : rows.Max(r => r.Id), frameworks.Count == 0 ? 0 : frameworks.Max(f => f.Id), rows.Count), now);
        return latest;
    }

    /// <summary>Forgets which versions are newest, after an import on this node added one.</summary>
    public void Invalidate() => _snapshot = null;

    /// <summary>Every module of the newest programme versions a platform's courses see, in programme order, each code once.</summary>
    public async Task<IReadOnlyList<CatalogModule>> ModulesAsync(int platformId, CancellationToken ct) =>
        (await LatestAsync(platformId, ct))
            .SelectMany(p => p.Programme.Modules.Select(m => new CatalogModule(p, m)))
            .DistinctBy(m => m.Module.Code, StringComparer.Ordinal)
            .ToList();

    /// <summary>The module with this code in the platform's catalogue; null for a code unknown there, whoever else has it.</summary>
    public async Task<CatalogModule?> FindModuleAsync(int platformId, string code, CancellationToken ct) =>
        (await ModulesAsync(platformId, ct)).FirstOrDefault(m => string.Equals(m.Module.Code, code, StringComparison.Ordinal));
}
