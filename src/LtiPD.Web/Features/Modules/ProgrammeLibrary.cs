using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;
using LtiPD.Web.Features.Assessments;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Modules;

/// <summary>A stored programme version as the administrators' list shows it.</summary>
public sealed record StoredProgramme(string Code, int Version, string FrameworkCode, string Title, int Modules, DateTimeOffset CreatedAt);

/// <summary>What an import did: the stored programme, or the HTTP status and every problem that refused it.</summary>
public sealed record ProgrammeImport(Programme? Stored, int StatusCode, IReadOnlyList<ContentProblem> Problems)
{
    public static ProgrammeImport Refused(int statusCode, string field, string code, string message) =>
        new(null, statusCode, [new ContentProblem(null, field, code, message)]);
}

/// <summary>Codes of refusals decided by the tool rather than by the document's validator (those are in <see cref="ProblemCodes"/>).</summary>
public static class ProgrammeCodes
{
    public const string Exists = "programme_exists";
    public const string NotNewer = "programme_version_not_newer";
    public const string FrameworkNotStored = "framework_not_stored";
    public const string ModuleCodeTaken = "module_code_taken";
    public const string NotFound = "programme_not_found";
    public const string FileTooLarge = "file_too_large";
    public const string NotUtf8 = "not_utf8";
}

/// <summary>
/// Programme versions as stored (the <c>ltipd-programme/1</c> text, one row per code and version): listed, found for export and
/// imported. Programmes are not owned by a platform: the catalogue is one for the whole tool and modules are addressed by code
/// alone (a link's <c>ltipd_module</c>), so an import changes what every platform's courses see. That is why only
/// administrators import (see ProgrammesAdmin); designers export and preview.
/// </summary>
public sealed class ProgrammeLibrary(LtiPdDbContext db, ProgrammeCatalog catalog, AssessmentCatalog instruments, TimeProvider time)
{
    /// <summary>Well above the shipped programme (about 40 KB), well below what a request may carry.</summary>
    public const long MaxDocumentBytes = 1024 * 1024;

    public async Task<IReadOnlyList<StoredProgramme>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Programmes.AsNoTracking().ToListAsync(ct);
        return rows.Select(r => (Row: r, Programme: Parse(r)))
            .Select(x => new StoredProgramme(x.Row.Code, x.Row.Version, x.Row.FrameworkCode, x.Programme.Title.En, x.Programme.Modules.Count, x.Row.CreatedAt))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ThenByDescending(p => p.Version)
            .ToList();
    }

    /// <summary>The stored text of a version, or of the newest version when <paramref name="version"/> is null.</summary>
    public async Task<ProgrammeEntity?> FindAsync(string code, int? version, CancellationToken ct) =>
        await db.Programmes.AsNoTracking().Where(p => p.Code == code && (version == null || p.Version == version))
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Checks the whole document and stores it only if it has no problem: all or nothing. It must parse and validate against
    /// the stored framework it names and the stored instruments; its version must be newer than every stored version of its
    /// code (a stored version is never replaced: completions name it); and no module code may belong to another programme,
    /// because links address modules by code alone.
    /// </summary>
    public async Task<ProgrammeImport> ImportAsync(string text, CancellationToken ct)
    {
        var parsed = ProgrammeDocument.Parse(text);
        if (parsed.Value is not { } programme)
            return new ProgrammeImport(null, StatusCodes.Status400BadRequest, parsed.Problems);

        var problems = new List<ContentProblem>();
        var frameworkRow = (await db.Frameworks.AsNoTracking().Where(f => f.Code == programme.FrameworkCode).ToListAsync(ct)).MaxBy(f => f.CreatedAt);
        if (frameworkRow is null)
        {
            problems.Add(new ContentProblem(null, "$.framework", ProgrammeCodes.FrameworkNotStored,
                $"The programme is written for framework \"{programme.FrameworkCode}\", which is not stored; import the framework first."));
        }
        else
        {
            var framework = FrameworkDocument.Parse(frameworkRow.Document).Value
                ?? throw new InvalidDataException($"Stored framework {frameworkRow.Code} {frameworkRow.Version} no longer parses.");
            var known = (await instruments.LatestAsync(ct)).Select(i => i.Instrument).ToList();
            problems.AddRange(ProgrammeValidator.Validate(programme, framework, known));
        }
        var conflicts = await ConflictsAsync(programme, ct);
        if (problems.Count > 0 || conflicts.Count > 0)
            return new ProgrammeImport(null, problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict, [.. problems, .. conflicts]);

        db.Programmes.Add(new ProgrammeEntity
        {
            Code = programme.Code, Version = programme.Version, FrameworkCode = programme.FrameworkCode, Document = text, CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another administrator stored the same version between the check and the insert.
            return ProgrammeImport.Refused(StatusCodes.Status409Conflict, "$.version", ProgrammeCodes.Exists, Exists(programme));
        }
        catalog.Invalidate();
        return new ProgrammeImport(programme, StatusCodes.Status200OK, []);
    }

    private async Task<List<ContentProblem>> ConflictsAsync(Programme programme, CancellationToken ct)
    {
        var conflicts = new List<ContentProblem>();
        var versions = await db.Programmes.AsNoTracking().Where(p => p.Code == programme.Code).Select(p => p.Version).ToListAsync(ct);
        if (versions.Contains(programme.Version))
            conflicts.Add(new ContentProblem(null, "$.version", ProgrammeCodes.Exists, Exists(programme)));
        else if (versions.Count > 0 && versions.Max() > programme.Version)
        {
            conflicts.Add(new ContentProblem(null, "$.version", ProgrammeCodes.NotNewer,
                $"Programme \"{programme.Code}\" is stored up to version {versions.Max()}; a new version must have a higher number."));
        }
        var owners = (await catalog.LatestAsync(ct))
            .Where(p => p.Programme.Code != programme.Code)
            .SelectMany(p => p.Programme.Modules.Select(m => (Module: m.Code, Programme: p.Programme.Code)))
            .ToLookup(x => x.Module, x => x.Programme, StringComparer.Ordinal);
        for (var m = 0; m < programme.Modules.Count; m++)
        {
            if (owners[programme.Modules[m].Code].FirstOrDefault() is { } owner)
            {
                conflicts.Add(new ContentProblem(null, $"$.modules[{m}].code", ProgrammeCodes.ModuleCodeTaken,
                    $"Module code \"{programme.Modules[m].Code}\" belongs to programme \"{owner}\"; links name modules by code alone, so give this module another code."));
            }
        }
        return conflicts;
    }

    private static string Exists(Programme programme) =>
        $"Programme \"{programme.Code}\" version {programme.Version} is already stored. Stored versions are never replaced, because completions refer to them; give the document a new version to add it.";

    private static Programme Parse(ProgrammeEntity row) =>
        ProgrammeDocument.Parse(row.Document).Value ?? throw new InvalidDataException($"Stored programme {row.Code} v{row.Version} no longer parses.");
}
