using LtiPD.PlatformSimulator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Dev;

/// <summary>"Launch as teacher / as course designer" through the built-in platform simulator.</summary>
public sealed class IndexModel : PageModel
{
    public IReadOnlyList<(string Label, Uri Url)> Launches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var platform = await DevSimulator.EnsureRegisteredAsync(Request, ct);
        Launches =
        [
            ("Launch as teacher", platform.LaunchPageUrl("teacher")),
            ("Launch as course designer", platform.LaunchPageUrl("designer")),
            ("Launch as teacher inside an LMS frame, with platform storage", platform.LaunchPageUrl("teacher", presentation: LaunchPresentation.Iframe, storage: true)),
            ("Deep linking as course designer", platform.LaunchPageUrl("designer", LaunchKind.DeepLinking)),
        ];
    }
}
