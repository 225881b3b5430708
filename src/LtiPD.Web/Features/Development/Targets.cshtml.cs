using System.Text;
using LtiPD.Domain.Content;
using LtiPD.Domain.People;
using LtiPD.Web.Features.Modules;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// Target profiles ("the desired teacher") of this platform, per programme, as data a course designer exports and imports
/// (format <c>ltipd-targets/1</c>, docs/indicators.md). An import is checked against the programme and its framework; with any
/// problem nothing is stored and every problem is listed with its path. The document is the platform's own: other LMSs keep theirs.
/// </summary>
public sealed class TargetsModel(TargetProfiles targets, ProgrammeCatalog programmes, DevelopmentText text, ILogger<TargetsModel> logger) : SessionPageModel
{
    public const int MaxBytes = 512 * 1024;
    public const string Invalid = "targets_invalid";

    protected override ToolRole MinimumRole => ToolRole.CourseDesigner;

    public IReadOnlyList<(CatalogProgramme Programme, bool Own)> Programmes { get; private set; } = [];
    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];
    public bool Imported { get; private set; }
    public DevelopmentText Text => text;

    public async Task OnGetAsync(bool imported, CancellationToken ct)
    {
        Imported = imported;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnGetExportAsync(string programme, CancellationToken ct)
    {
        var found = (await programmes.LatestAsync(LtiSession.PlatformId, ct)).FirstOrDefault(p => p.Programme.Code == programme);
        if (found is null)
            return Refuse(new Refusal("programme_not_found", text["Targets.NoProgramme"], StatusCodes.Status404NotFound));
        var json = await targets.ExportAsync(LtiSession.PlatformId, found, ct);
        return File(Encoding.UTF8.GetBytes(json), "application/json", $"{programme}.targets.json");
    }

    public async Task<IActionResult> OnPostAsync(string programme, string? document, IFormFile? file, CancellationToken ct)
    {
        var found = (await programmes.LatestAsync(LtiSession.PlatformId, ct)).FirstOrDefault(p => p.Programme.Code == programme);
        if (found is null)
            return Refuse(new Refusal("programme_not_found", text["Targets.NoProgramme"], StatusCodes.Status404NotFound));
        string? json = document;
        if (file is { Length: > 0 })
        {
            if (file.Length > MaxBytes)
                return Refuse(new Refusal("targets_too_large", text["Targets.TooLarge", MaxBytes / 1024], StatusCodes.Status413PayloadTooLarge));
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            json = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(json) || json.Length > MaxBytes)
            return Refuse(new Refusal(Invalid, text["Targets.Empty", MaxBytes / 1024], StatusCodes.Status400BadRequest));
        Problems = await targets.ImportAsync(LtiSession.PlatformId, found, json, LtiSession.UserId, ct);
        if (Problems.Count > 0)
        {
            logger.LogInformation("Target profiles import for {Programme} refused with {Count} problems", programme, Problems.Count);
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            await LoadAsync(ct);
            return Page();
        }
        logger.LogInformation("Target profiles for {Programme} imported by user {UserId} of platform {PlatformId}", programme, LtiSession.UserId, LtiSession.PlatformId);
        return Redirect($"/s/{LtiSession.Id}/development/targets?imported=true");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var list = new List<(CatalogProgramme, bool)>();
        foreach (var p in await programmes.LatestAsync(LtiSession.PlatformId, ct))
            list.Add((p, await targets.IsOwnAsync(LtiSession.PlatformId, p.Programme.Code, ct)));
        Programmes = list;
    }
}
