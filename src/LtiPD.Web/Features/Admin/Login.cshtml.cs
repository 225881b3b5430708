using LtiPD.Web.Features.Shared;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// Signs the administrator in with the admin secret. Wrong secrets are counted per client address
/// (<see cref="AdminSignInThrottle"/>); opening this page is not, so a reload never locks anyone out.
/// </summary>
public sealed class LoginModel(AdminAccess access, AdminSignInThrottle throttle, IStringLocalizer<SharedResource> t, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public string? Secret { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public Refusal? Refusal { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Checked before the secret: while an address is locked out, even the right secret is not tried, so
        // guessing from it learns nothing.
        if (throttle.LockedFor(HttpContext) is { } wait)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
            logger.LogWarning("Admin sign-in refused from {Address}: too many wrong secrets", HttpContext.Connection.RemoteIpAddress);
            Refusal = new Refusal(RateLimits.Code, t["RateLimited.SignIn", minutes], StatusCodes.Status429TooManyRequests);
            Response.StatusCode = Refusal.Status;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        if (string.IsNullOrEmpty(Secret))
        {
            ModelState.AddModelError(nameof(Secret), t["Admin.SecretMissing"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!access.IsSecret(Secret))
        {
            throttle.RecordFailure(HttpContext);
            logger.LogWarning("Admin sign-in refused from {Address}: wrong secret", HttpContext.Connection.RemoteIpAddress);
            ModelState.AddModelError(nameof(Secret), t["Admin.SecretWrong"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await AdminAccess.SignInAsync(HttpContext);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
    }
}
