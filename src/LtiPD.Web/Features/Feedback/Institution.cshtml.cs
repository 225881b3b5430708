using LtiPD.Web.Features.Admin;
using LtiPD.Web.Features.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Feedback;

/// <summary>
/// Administrators' view of the answers after each module across every platform and course of the institution, with the same
/// minimum group as the designers' view: an administrator reads no small group either.
/// </summary>
[Authorize(Policy = AdminAccess.Policy)]
public sealed class InstitutionModel(ProgrammeCatalog catalog, ModuleSatisfaction satisfaction) : PageModel
{
    public FeedbackOverview Overview { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Overview = FeedbackOverview.Of(await catalog.EveryLatestAsync(ct), await satisfaction.ForInstitutionAsync(ct), satisfaction,
            System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);
}
