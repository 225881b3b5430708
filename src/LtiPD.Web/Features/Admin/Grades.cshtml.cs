using LtiPD.Data.Entities;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Platforms;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// Grades that have not reached an LMS, across every platform: the ones still waiting and the ones an LMS
/// refused, with what failed. An administrator can send one again (for example after fixing the LMS side).
/// </summary>
public sealed class GradesModel(GradeOutbox outbox, GradeSignal signal, PlatformCatalog platforms, IStringLocalizer<SharedResource> t, ILogger<GradesModel> logger) : PageModel
{
    public const int Shown = 500;

    public IReadOnlyList<GradeDeliveryEntity> Open { get; private set; } = [];

    /// <summary>Grades kept in LtiPD because their course has no column for them: neutral, so not among the open ones.</summary>
    public int Kept { get; private set; }
    public IReadOnlyDictionary<int, string> PlatformNames { get; private set; } = new Dictionary<int, string>();
    public string? Notice { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostResendAsync(string attemptId, CancellationToken ct)
    {
        if (!await outbox.ResendAnyAsync(attemptId, ct))
        {
            Notice = t["Admin.GradeGone"];
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else
        {
            logger.LogInformation("Administrator resent the grade of attempt {AttemptId}", attemptId);
            signal.Notify();
            Notice = t["Admin.GradeResent"];
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Open = await outbox.OpenEverywhereAsync(Shown, ct);
        Kept = await outbox.CountKeptEverywhereAsync(ct);
        PlatformNames = (await platforms.ListAsync(ct)).ToDictionary(p => p.Id, p => p.Name ?? $"{p.Issuer} ({p.ClientId})");
    }
}
