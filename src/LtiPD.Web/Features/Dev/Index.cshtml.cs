using LtiPD.PlatformSimulator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Dev;

/// <summary>
/// Launches through the built-in platform simulator: the quick links, and a form that chooses who launches (every member of
/// the simulated course, so peer feedback can be tried with colleagues), in which language, how and into what.
/// </summary>
public sealed class IndexModel : PageModel
{
    /// <summary>The launch locales offered, as Moodle writes them.</summary>
    public static readonly IReadOnlyList<(string Locale, string Label)> Locales = [("en", "English"), ("ru_RU", "Русский"), ("kk_KZ", "Қазақша")];

    public IReadOnlyList<(string Label, Uri Url)> Launches { get; private set; } = [];

    public IReadOnlyList<SimUser> Members { get; private set; } = [];

    /// <summary>The simulator's course page; the form's fields are its query parameters.</summary>
    public Uri LaunchPage { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var platform = await DevSimulator.EnsureRegisteredAsync(Request, ct);
        Members = platform.Users;
        LaunchPage = new Uri(platform.LaunchPageUrl().GetLeftPart(UriPartial.Path));
        Launches =
        [
            ("Launch as teacher", platform.LaunchPageUrl("teacher")),
            ("Launch as course designer", platform.LaunchPageUrl("designer")),
            ("Launch as teacher inside an LMS frame, with platform storage", platform.LaunchPageUrl("teacher", presentation: LaunchPresentation.Iframe, storage: true)),
            ("Deep linking as course designer", platform.LaunchPageUrl("designer", LaunchKind.DeepLinking)),
        ];
    }
}
