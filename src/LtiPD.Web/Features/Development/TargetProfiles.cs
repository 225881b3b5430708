using System.Collections.Concurrent;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Content;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Modules;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// Target profiles ("the desired teacher", seed 001) per programme: the platform's own document when a course designer of that
/// platform imported one, else the one shipped beside the programme (Content/targets/{programme}.json). A platform's parsed
/// document is kept for <see cref="CacheFor"/>: an import on another node reaches this one within that time, while a nightly
/// batch still reads the table once per platform and programme rather than once per teacher.
/// </summary>
public sealed class TargetProfiles(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(int, string), (TargetProfileSet Set, DateTimeOffset Until)> _cache = new();
    private readonly ConcurrentDictionary<string, TargetProfileSet> _shipped = new(StringComparer.Ordinal);

    public async Task<TargetProfileSet> ForAsync(int platformId, CatalogProgramme programme, CancellationToken ct)
    {
        var key = (platformId, programme.Programme.Code);
        if (_cache.TryGetValue(key, out var cached) && cached.Until > time.GetUtcNow())
            return cached.Set;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var row = await db.TargetProfiles.AsNoTracking()
            .FirstOrDefaultAsync(t => t.PlatformId == platformId && t.ProgrammeCode == programme.Programme.Code, ct);
        var set = row is not null && TargetProfileDocument.Parse(row.Document).Value is { } own ? own : Shipped(programme.Programme.Code);
        _cache[key] = (set, time.GetUtcNow() + CacheFor);
        return set;
    }

    /// <summary>Whether the platform uses its own document rather than the shipped one.</summary>
    public async Task<bool> IsOwnAsync(int platformId, string programmeCode, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        return await db.TargetProfiles.AnyAsync(t => t.PlatformId == platformId && t.ProgrammeCode == programmeCode, ct);
    }

    /// <summary>
    /// Validates a document against the programme and its framework and, when there is no problem at all, makes it the platform's
    /// (nothing half-imported). Returns every problem found.
    /// </summary>
    public async Task<IReadOnlyList<ContentProblem>> ImportAsync(int platformId, CatalogProgramme programme, string json, string importedBy, CancellationToken ct)
    {
        var parsed = TargetProfileDocument.Parse(json);
        if (parsed.Value is not { } set)
            return parsed.Problems;
        var problems = TargetProfileValidator.Validate(set, programme.Programme, programme.Framework);
        if (problems.Count > 0)
            return problems;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var row = await db.TargetProfiles.FirstOrDefaultAsync(t => t.PlatformId == platformId && t.ProgrammeCode == programme.Programme.Code, ct);
        if (row is null)
        {
            row = new TargetProfilesEntity { PlatformId = platformId, ProgrammeCode = programme.Programme.Code, Document = "" };
            db.TargetProfiles.Add(row);
        }
        row.Document = TargetProfileDocument.Write(set);
        row.ImportedBy = importedBy;
        row.ImportedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        _cache[(platformId, programme.Programme.Code)] = (set, time.GetUtcNow() + CacheFor);
        return [];
    }

    public async Task<string> ExportAsync(int platformId, CatalogProgramme programme, CancellationToken ct) =>
        TargetProfileDocument.Write(await ForAsync(platformId, programme, ct));

    // Checked on start (ShippedContent.SeedAsync), so a shipped document parses here.
    private TargetProfileSet Shipped(string programmeCode) => _shipped.GetOrAdd(programmeCode, code =>
        ShippedContent.TargetsOf(code) is { } json ? TargetProfileDocument.Parse(json).Value! : new TargetProfileSet([]));
}
