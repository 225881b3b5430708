using System.Collections.Concurrent;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>An instrument version ready to take and score: its framework and its compiled scoring plan.</summary>
public sealed record CatalogInstrument(Instrument Instrument, CompetencyFramework Framework, ScoringPlan Plan);

/// <summary>
/// Frameworks and instruments as stored in the database, parsed and compiled once per version and kept in
/// memory: versions are immutable, so a cached plan can never go stale. The newest version of each
/// instrument is what new attempts use; older attempts keep the version they were taken on.
/// </summary>
public sealed class AssessmentCatalog(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<(string Code, int Version), CatalogInstrument> _compiled = new();
    private IReadOnlyList<CatalogInstrument>? _latest;

    /// <summary>The newest version of every instrument, in a stable order (self-assessment first).</summary>
    public async Task<IReadOnlyList<CatalogInstrument>> LatestAsync(CancellationToken ct)
    {
        if (_latest is { } cached)
            return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var rows = await db.Instruments.AsNoTracking().ToListAsync(ct);
        var latest = new List<CatalogInstrument>();
        foreach (var newest in rows.GroupBy(r => r.Code).Select(g => g.MaxBy(r => r.Version)!))
            latest.Add(await CompileAsync(db, newest, ct));
        _latest = latest.OrderBy(i => i.Instrument.Kind).ThenBy(i => i.Instrument.Code, StringComparer.Ordinal).ToList();
        return _latest;
    }

    public async Task<CatalogInstrument?> FindLatestAsync(string code, CancellationToken ct) =>
        (await LatestAsync(ct)).FirstOrDefault(i => i.Instrument.Code == code);

    /// <summary>The exact version an attempt was taken on.</summary>
    public async Task<CatalogInstrument> GetAsync(string code, int version, CancellationToken ct)
    {
        if (_compiled.TryGetValue((code, version), out var found))
            return found;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var row = await db.Instruments.AsNoTracking().SingleAsync(i => i.Code == code && i.Version == version, ct);
        return await CompileAsync(db, row, ct);
    }

    /// <summary>Forgets which versions are newest, after an import added one.</summary>
    public void Invalidate() => _latest = null;

    private async Task<CatalogInstrument> CompileAsync(LtiPdDbContext db, InstrumentEntity row, CancellationToken ct)
    {
        if (_compiled.TryGetValue((row.Code, row.Version), out var found))
            return found;
        var instrument = InstrumentDocument.Parse(row.Document).Value
            ?? throw new InvalidDataException($"Stored instrument {row.Code} v{row.Version} no longer parses.");
        var frameworkRow = await db.Frameworks.AsNoTracking()
            .Where(f => f.Code == row.FrameworkCode).OrderByDescending(f => f.CreatedAt).FirstAsync(ct);
        var framework = FrameworkDocument.Parse(frameworkRow.Document).Value
            ?? throw new InvalidDataException($"Stored framework {frameworkRow.Code} {frameworkRow.Version} no longer parses.");
        var compiled = new CatalogInstrument(instrument, framework, ScoringPlan.Compile(instrument, framework));
        return _compiled.GetOrAdd((row.Code, row.Version), compiled);
    }
}
