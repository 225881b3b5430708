using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;
using LtiPD.Web.Features.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Modules;

/// <summary>A stored programme version as the administrators' list shows it, with the platform that owns it (null: tool-wide).</summary>
public sealed record StoredProgramme(
    string Code, int Version, string FrameworkCode, string Title, int Modules, DateTimeOffset CreatedAt, int? OwnerPlatformId, string? OwnerName);

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

    /// <summary>A designer's document names a programme code their platform does not own (tool-wide or anyone else's).</summary>
    public const string CodeNotAvailable = "programme_code_not_available";

    /// <summary>An administrator's document names a programme code a platform owns.</summary>
    public const string OwnedByPlatform = "programme_owned_by_platform";
}

/// <summary>
/// Programme versions as stored (the <c>ltipd-programme/1</c> text, one row per code and version): listed, found for export and
/// imported, by administrators for the whole tool and by course designers for their own platform.
/// <para>
/// Ownership. A programme an administrator imports (or the tool ships) is tool-wide: every platform's courses see it. A programme
/// a course designer imports belongs to the designer's platform (<c>OwnerPlatformId</c>): only that platform's courses see, pick,
/// launch and plan with it (<see cref="ProgrammeCatalog"/>), and only its designers publish new versions of it. A designer can
/// never publish a version of a tool-wide programme, which would change what every platform sees.
/// </para>
/// <para>
/// Codes are one namespace for the whole tool, not one per platform. A link's <c>ltipd_module</c>, a completion, a credential's
/// achievement id, the feedback answers and the administrators' views name a programme and its modules by code alone; per-platform
/// namespaces would make one code name two modules in each of them, and a later tool-wide import would collide with codes a
/// platform already uses. So a designer's code must be free everywhere, and not leak whose it is: a programme or module code
/// used by anyone the designer's platform does not own is refused with one code and one sentence, the same for a tool-wide
/// programme the designer can see and for another platform's that they cannot. What a designer learns is only that a code is
/// taken, never by whom, nor any title or content. Administrators see every programme, so their refusals name the owner.
/// </para>
/// </summary>
public sealed class ProgrammeLibrary(
    LtiPdDbContext db, ProgrammeCatalog catalog, AssessmentCatalog instruments, IStringLocalizer<SharedResource> t, TimeProvider time)
{
    /// <summary>Well above the shipped programme (about 40 KB), well below what a request may carry.</summary>
    public const long MaxDocumentBytes = 1024 * 1024;

    /// <summary>Every stored version of every owner, for administrators.</summary>
    public async Task<IReadOnlyList<StoredProgramme>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Programmes.AsNoTracking().ToListAsync(ct);
        var owners = await db.Platforms.AsNoTracking().Select(p => new { p.Id, Name = p.Name ?? p.Issuer }).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        return rows.Select(r => (Row: r, Programme: Parse(r)))
            .Select(x => new StoredProgramme(x.Row.Code, x.Row.Version, x.Row.FrameworkCode, x.Programme.Title.En, x.Programme.Modules.Count, x.Row.CreatedAt,
                x.Row.OwnerPlatformId, x.Row.OwnerPlatformId is { } owner ? owners.GetValueOrDefault(owner) : null))
            .OrderBy(p => p.Code, StringComparer.Ordinal).ThenByDescending(p => p.Version)
            .ToList();
    }

    /// <summary>
    /// The stored text of a version, or of the newest version when <paramref name="version"/> is null, of any owner: for
    /// administrators.
    /// </summary>
    public Task<ProgrammeEntity?> FindAsync(string code, int? version, CancellationToken ct) => FindIn(db.Programmes, code, version, ct);

    /// <summary>The same among the programmes a platform's courses see: another platform's programme is not found, as an unknown one.</summary>
    public Task<ProgrammeEntity?> FindForPlatformAsync(int platformId, string code, int? version, CancellationToken ct) =>
        FindIn(db.Programmes.Where(p => p.OwnerPlatformId == null || p.OwnerPlatformId == platformId), code, version, ct);

    private static Task<ProgrammeEntity?> FindIn(IQueryable<ProgrammeEntity> programmes, string code, int? version, CancellationToken ct) =>
        programmes.AsNoTracking().Where(p => p.Code == code && (version == null || p.Version == version))
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Checks the whole document and stores it only if it has no problem: all or nothing. It must parse and validate against
    /// the stored framework it names and the stored instruments; its version must be newer than every stored version of its
    /// code (a stored version is never replaced: completions name it), every version of a code has the same owner; and no module
    /// code may belong to another programme, because links address modules by code alone. <paramref name="ownerPlatformId"/> is
    /// the platform of the designer who imports, or null for an administrator's tool-wide import.
    /// </summary>
    public async Task<ProgrammeImport> ImportAsync(string text, int? ownerPlatformId, CancellationToken ct)
    {
        var parsed = ProgrammeDocument.Parse(text);
        if (parsed.Value is not { } programme)
            return new ProgrammeImport(null, StatusCodes.Status400BadRequest, parsed.Problems);

        var problems = new List<ContentProblem>();
        var frameworkRow = (await db.Frameworks.AsNoTracking().Where(f => f.Code == programme.FrameworkCode).ToListAsync(ct)).MaxBy(f => f.CreatedAt);
        if (frameworkRow is null)
        {
            problems.Add(new ContentProblem(null, "$.framework", ProgrammeCodes.FrameworkNotStored, t["Admin.ProgrammeFrameworkNotStored", programme.FrameworkCode]));
        }
        else
        {
            var framework = FrameworkDocument.Parse(frameworkRow.Document).Value
                ?? throw new InvalidDataException($"Stored framework {frameworkRow.Code} {frameworkRow.Version} no longer parses.");
            var known = (await instruments.LatestAsync(ct)).Select(i => i.Instrument).ToList();
            problems.AddRange(ProgrammeValidator.Validate(programme, framework, known));
        }
        if (problems.Count > 0)
            return new ProgrammeImport(null, StatusCodes.Status400BadRequest, [.. problems, .. await ConflictsAsync(programme, ownerPlatformId, ct)]);

        // The conflict rules span rows no unique index covers (one owner for every version of a code; a module code in one
        // programme only), so imports are checked and written one at a time, on every node: two platforms importing the same
        // new code, or two programmes with one module code, at the same instant cannot both pass the check.
        await using var transaction = await db.BeginLockedAsync("programme-import", ct);
        var conflicts = await ConflictsAsync(programme, ownerPlatformId, ct);
        if (conflicts.Count > 0)
            return new ProgrammeImport(null, StatusCodes.Status409Conflict, conflicts);
        db.Programmes.Add(new ProgrammeEntity
        {
            Code = programme.Code, Version = programme.Version, FrameworkCode = programme.FrameworkCode, Document = text, CreatedAt = time.GetUtcNow(),
            OwnerPlatformId = ownerPlatformId,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        catalog.Invalidate();
        return new ProgrammeImport(programme, StatusCodes.Status200OK, []);
    }

    private async Task<List<ContentProblem>> ConflictsAsync(Programme programme, int? ownerPlatformId, CancellationToken ct)
    {
        var conflicts = new List<ContentProblem>();
        var stored = await db.Programmes.AsNoTracking().Where(p => p.Code == programme.Code)
            .Select(p => new { p.Version, p.OwnerPlatformId }).ToListAsync(ct);
        var versions = stored.Select(p => p.Version).ToList();
        if (stored.FirstOrDefault(p => p.OwnerPlatformId != ownerPlatformId) is { } owned)
        {
            if (owned.OwnerPlatformId is { } platform)
            {
                var name = await db.Platforms.Where(p => p.Id == platform).Select(p => p.Name ?? p.Issuer).FirstAsync(ct);
                conflicts.Add(ownerPlatformId is null
                    ? new ContentProblem(null, "$.code", ProgrammeCodes.OwnedByPlatform, t["Admin.ProgrammeOwnedByPlatform", programme.Code, name])
                    : NotAvailable(programme.Code));
            }
            else
                conflicts.Add(NotAvailable(programme.Code));
        }
        else if (versions.Contains(programme.Version))
            conflicts.Add(new ContentProblem(null, "$.version", ProgrammeCodes.Exists, t["Admin.ProgrammeExists", programme.Code, programme.Version]));
        else if (versions.Count > 0 && versions.Max() > programme.Version)
        {
            conflicts.Add(new ContentProblem(null, "$.version", ProgrammeCodes.NotNewer, t["Admin.ProgrammeNotNewer", programme.Code, versions.Max()]));
        }
        // Every owner's modules: a code is one module for the whole tool (see the summary).
        var owners = (await catalog.EveryLatestConfirmedAsync(ct))
            .Where(p => p.Programme.Code != programme.Code)
            .SelectMany(p => p.Programme.Modules.Select(m => (Module: m.Code, Programme: p.Programme.Code)))
            .ToLookup(x => x.Module, x => x.Programme, StringComparer.Ordinal);
        for (var m = 0; m < programme.Modules.Count; m++)
        {
            var code = programme.Modules[m].Code;
            if (owners[code].FirstOrDefault() is { } owner)
            {
                conflicts.Add(new ContentProblem(null, $"$.modules[{m}].code", ProgrammeCodes.ModuleCodeTaken, ownerPlatformId is null
                    ? t["Admin.ModuleCodeTaken", code, owner]
                    : t["Programmes.ModuleCodeNotAvailable", code]));
            }
        }
        return conflicts;
    }

    /// <summary>
    /// A designer's refusal of a programme code their platform does not own: one code and one sentence for a tool-wide code and
    /// for another platform's, so the designer learns that the code is taken, not whose.
    /// </summary>
    private ContentProblem NotAvailable(string code) =>
        new(null, "$.code", ProgrammeCodes.CodeNotAvailable, t["Programmes.CodeNotAvailable", code]);

    private static Programme Parse(ProgrammeEntity row) =>
        ProgrammeDocument.Parse(row.Document).Value ?? throw new InvalidDataException($"Stored programme {row.Code} v{row.Version} no longer parses.");
}
