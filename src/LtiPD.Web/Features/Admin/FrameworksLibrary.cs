using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Domain.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Admin;

/// <summary>The file formats a framework is exchanged in.</summary>
public enum FrameworkFileFormat
{
    /// <summary>1EdTech CASE 1.1 CFPackage (JSON); the file names its own language.</summary>
    Case,

    /// <summary>The CSV of Moodle's competency framework import/export (admin/tool/lpimportcsv).</summary>
    MoodleCsv,
}

/// <summary>A stored framework version as listed on the admin page.</summary>
public sealed record FrameworkSummary(
    string Code, string Version, string Title, int Social, int Subject, int Pedagogical, int Tasks, DateTimeOffset CreatedAt);

/// <summary>A stored framework version with the moment it was stored (the stamp its exports carry).</summary>
public sealed record StoredFramework(CompetencyFramework Framework, DateTimeOffset CreatedAt);

/// <summary>What an import did: the stored framework, or the HTTP status and every problem that refused it.</summary>
public sealed record FrameworkImport(CompetencyFramework? Stored, int StatusCode, IReadOnlyList<ContentProblem> Problems)
{
    public static FrameworkImport Refused(int statusCode, string field, string code, string message) =>
        new(null, statusCode, [new ContentProblem(null, field, code, message)]);
}

/// <summary>Codes of refusals decided by the tool rather than by a file reader (those are in <see cref="ProblemCodes"/>).</summary>
public static class FrameworkCodes
{
    public const string Exists = "framework_exists";
    public const string NotFound = "framework_not_found";
    public const string FileTooLarge = "file_too_large";
    public const string NotUtf8 = "not_utf8";
    public const string UnknownFormat = "unknown_format";
    public const string UnknownLanguage = "unknown_language";
    public const string InstrumentMismatch = "instrument_mismatch";
}

/// <summary>
/// Competency frameworks as stored (native JSON, one row per code and version): listed, imported from
/// CASE or Moodle CSV, and found for export. A version is immutable once stored, because attempts refer
/// to it; a new text is a new version.
/// </summary>
public sealed class FrameworksLibrary(LtiPdDbContext db, Modules.ProgrammeCatalog programmes, IStringLocalizer<SharedResource> t, TimeProvider time)
{
    /// <summary>Well above the shipped framework (about 100 KB as CASE), well below what a request may carry.</summary>
    public const long MaxFileBytes = 2 * 1024 * 1024;

    public static readonly IReadOnlyList<string> Languages = ["en", "ru", "kk"];

    public async Task<IReadOnlyList<FrameworkSummary>> ListAsync(CancellationToken ct)
    {
        var rows = await db.Frameworks.AsNoTracking().ToListAsync(ct);
        return rows
            .Select(r => (Row: r, Framework: Parse(r)))
            .Select(x => new FrameworkSummary(
                x.Row.Code, x.Row.Version, x.Framework.Title.En,
                x.Framework.Of(Component.Social).Count(), x.Framework.Of(Component.Subject).Count(), x.Framework.Of(Component.Pedagogical).Count(),
                x.Framework.Tasks.Count, x.Row.CreatedAt))
            .OrderBy(s => s.Code, StringComparer.Ordinal)
            .ThenBy(s => s.CreatedAt)
            .ToList();
    }

    public async Task<StoredFramework?> FindAsync(string code, string version, CancellationToken ct)
    {
        var row = await db.Frameworks.AsNoTracking().SingleOrDefaultAsync(f => f.Code == code && f.Version == version, ct);
        return row is null ? null : new StoredFramework(Parse(row), row.CreatedAt);
    }

    /// <summary>
    /// Reads the whole file and stores it only if every part is valid and its (code, version) is new:
    /// all or nothing. <paramref name="language"/> is the language of a Moodle CSV's texts; a CASE file
    /// names its own.
    /// </summary>
    public async Task<FrameworkImport> ImportAsync(string text, FrameworkFileFormat format, string language, CancellationToken ct)
    {
        var result = format == FrameworkFileFormat.Case ? CaseFramework.Import(text) : MoodleCsv.Import(text, language);
        if (result.Value is not { } framework)
            return new FrameworkImport(null, StatusCodes.Status400BadRequest, result.Problems);

        if (await db.Frameworks.AnyAsync(f => f.Code == framework.Code && f.Version == framework.Version, ct))
            return Exists(framework);

        var mismatches = await InstrumentMismatchesAsync(framework, ct);
        if (mismatches.Count > 0)
            return new FrameworkImport(null, StatusCodes.Status409Conflict, mismatches);

        // What is stored must read back: the pages, the programme catalogue and the CASE URIs parse it on every use, and a
        // document they refuse would break them all, not just this import.
        var document = FrameworkDocument.Write(framework);
        if (FrameworkDocument.Parse(document) is { Succeeded: false } unreadable)
            return new FrameworkImport(null, StatusCodes.Status400BadRequest, unreadable.Problems);

        db.Frameworks.Add(new FrameworkEntity
        {
            Code = framework.Code, Version = framework.Version, Document = document, CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Another admin stored the same version between the check and the insert.
            return Exists(framework);
        }
        // Programmes use their framework's newest version: the credentials they issue align to the new one from now on.
        programmes.Invalidate();

        return new FrameworkImport(framework, StatusCodes.Status200OK, []);
    }

    /// <summary>
    /// The assessment catalog scores every instrument of a framework code against the newest stored version
    /// of that framework, so a new version must still hold every competency and indicator the stored
    /// instruments map their items to; otherwise storing it would break assessments.
    /// </summary>
    private async Task<IReadOnlyList<ContentProblem>> InstrumentMismatchesAsync(CompetencyFramework framework, CancellationToken ct)
    {
        var rows = await db.Instruments.AsNoTracking().Where(i => i.FrameworkCode == framework.Code).ToListAsync(ct);
        var problems = new List<ContentProblem>();
        foreach (var row in rows.OrderBy(r => r.Code, StringComparer.Ordinal).ThenBy(r => r.Version))
        {
            var instrument = InstrumentDocument.Parse(row.Document).Value
                ?? throw new InvalidDataException($"Stored instrument {row.Code} v{row.Version} no longer parses.");
            var where = $"instrument {row.Code} v{row.Version}";
            var validated = InstrumentValidator.Validate(instrument, framework)
                .Select(p => new ContentProblem(null, $"{where}: {p.Field}", p.Code, p.Text))
                .ToList();
            // The scoring check says again much of what the validator says, in the same sentence: each such sentence once,
            // on the validator's row, which names the field.
            var found = validated
                .Concat(ScoringPlan.Check(instrument, framework)
                    .Where(p => !validated.Exists(v => v.Text == p.Text))
                    .Select(p => new ContentProblem(null, $"{where}: {p.ItemCode ?? "$"}", FrameworkCodes.InstrumentMismatch, p.Text)))
                .DistinctBy(p => (p.Field, p.Message))
                .ToList();
            problems.AddRange(found.Select(p => p with { Text = ContentMessages.StoredInstrumentBroken(row.Code, framework.Code, p.Text) }));
        }

        return problems;
    }

    private FrameworkImport Exists(CompetencyFramework framework) =>
        FrameworkImport.Refused(StatusCodes.Status409Conflict, "version", FrameworkCodes.Exists, t["Admin.FrameworkExists", framework.Code, framework.Version]);

    private static CompetencyFramework Parse(FrameworkEntity row) =>
        FrameworkDocument.Parse(row.Document).Value
        ?? throw new InvalidDataException($"Stored framework {row.Code} {row.Version} no longer parses.");
}
