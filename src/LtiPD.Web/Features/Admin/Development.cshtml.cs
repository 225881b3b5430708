using System.Globalization;
using System.Text;
using LtiPD.Data;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Development;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Platforms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// The PD centre's view of one institution (a platform): the same heatmap and barrier prevalence a course designer sees, for the
/// whole institution, each career stage and each department, and a CSV of the anonymised aggregates for researchers. Everything is
/// read from the precomputed aggregates: no per-teacher row is read and no person appears; small groups are suppressed in the page
/// and in the file alike.
/// </summary>
public sealed class DevelopmentModel(DevelopmentAggregates aggregates, PlatformCatalog platforms, ProgrammeCatalog programmes, LtiPdDbContext db, DevelopmentText text) : PageModel
{
    public const int TrendMonths = 12;

    public IReadOnlyList<PlatformSummary> Platforms { get; private set; } = [];
    public PlatformSummary? Platform { get; private set; }
    public GroupView? Institution { get; private set; }
    public IReadOnlyList<GroupView> Stages { get; private set; } = [];
    public IReadOnlyList<GroupView> Departments { get; private set; } = [];
    public IReadOnlyList<CatalogProgramme> Programmes { get; private set; } = [];
    public int Minimum => aggregates.Minimum.Value;

    /// <summary>Stages, indicators and competencies named in the admin's language, as on the designers' cohort page.</summary>
    public DevelopmentText Text => text;

    public async Task<IActionResult> OnGetAsync(int? platform, CancellationToken ct)
    {
        Platforms = await platforms.ListAsync(ct);
        Platform = platform is { } id ? Platforms.FirstOrDefault(p => p.Id == id) : Platforms.Count > 0 ? Platforms[0] : null;
        if (platform is not null && Platform is null)
            return NotFound();
        if (Platform is null)
            return Page();
        // The competencies are named as the institution's teachers see them: from its platform's catalogue.
        Programmes = await programmes.LatestAsync(Platform.Id, ct);
        Institution = await aggregates.GroupAsync(Platform.Id, new GroupKey(GroupKind.Institution, DevelopmentAggregation.Institution), TrendMonths, ct);
        Stages = await aggregates.GroupsAsync(Platform.Id, GroupKind.CareerStage, ct);
        Departments = await aggregates.GroupsAsync(Platform.Id, GroupKind.Department, ct);
        return Page();
    }

    /// <summary>
    /// The aggregates of one platform as CSV (RFC 4180): one row per group, month and indicator, and one per group, competency and
    /// stage for levels. Courses appear as opaque keys; a group or cell under the minimum keeps its row with empty counts and
    /// "suppressed", so a researcher sees that it exists but not how many.
    /// </summary>
    public async Task<IActionResult> OnGetCsvAsync(int platform, CancellationToken ct)
    {
        if (!await db.Platforms.AnyAsync(p => p.Id == platform, ct))
            return NotFound();
        var minimum = aggregates.Minimum;
        var csv = new StringBuilder("kind,group,month,teachers,measure,detail,assessed,present,mean_level,suppressed\r\n");
        var rows = db.DevelopmentAggregates.AsNoTracking().Where(a => a.PlatformId == platform)
            .OrderBy(a => a.GroupKind).ThenBy(a => a.GroupValue).ThenBy(a => a.Month).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            var kind = ((GroupKind)row.GroupKind).ToString();
            var small = row.Teachers < minimum.Value;
            var payload = DevelopmentSnapshot.Deserialize<AggregatePayload>(row.Payload)!;
            var teachers = small ? "" : row.Teachers.ToString(CultureInfo.InvariantCulture);
            foreach (var count in payload.Indicators)
            {
                var p = Aggregates.Prevalence(count, minimum);
                var hidden = small || p.Suppressed;
                Line(csv, kind, row.GroupValue, row.Month, teachers, "indicator:" + p.Code, p.Barrier?.ToString() ?? "",
                    hidden ? "" : p.Teachers.ToString(CultureInfo.InvariantCulture), hidden ? "" : p.Present.ToString(CultureInfo.InvariantCulture), "", hidden);
            }
            foreach (var sum in payload.Levels)
            {
                var h = Aggregates.Heat(sum, minimum);
                var hidden = small || h.Suppressed;
                Line(csv, kind, row.GroupValue, row.Month, teachers, "level:" + h.CompetencyCode, h.Stage.ToString(),
                    hidden ? "" : h.Teachers.ToString(CultureInfo.InvariantCulture), "", hidden ? "" : h.MeanLevel!.Value.ToString("0.00", CultureInfo.InvariantCulture), hidden);
            }
        }
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", $"ltipd-development-platform-{platform}.csv");
    }

    private static void Line(StringBuilder csv, params object[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
                csv.Append(',');
            var text = fields[i] is bool b ? (b ? "suppressed" : "") : Convert.ToString(fields[i], CultureInfo.InvariantCulture) ?? "";
            // A field is quoted when it holds a separator, a quote or a line break; a leading =, +, - or @ is prefixed so that a
            // spreadsheet never runs a department name as a formula.
            if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal))
                text = "'" + text;
            csv.Append(text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text);
        }
        csv.Append("\r\n");
    }
}
