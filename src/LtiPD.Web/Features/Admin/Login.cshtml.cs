using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace LtiPD.Web.Features.Admin;

[EnableRateLimiting(AdminAccess.LoginRateLimit)]
public sealed class LoginModel(AdminAccess access, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter the admin secret.")]
    public string? Secret { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!access.IsSecret(Secret))
        {
            logger.LogWarning("Admin sign-in refused from {Address}: wrong secret", HttpContext.Connection.RemoteIpAddress);
            ModelState.AddModelError(nameof(Secret), "That is not the admin secret of this tool (configuration key Admin:Secret).");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await AdminAccess.SignInAsync(HttpContext);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
    }
}
