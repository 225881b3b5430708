using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// The admin pages are opened directly (not inside an LMS frame), by whoever holds the admin secret from
/// configuration. A first-party, SameSite=Strict cookie carries the admin sign-in.
/// </summary>
public sealed class AdminAccess(IOptions<AdminOptions> options)
{
    public const string Scheme = "admin";
    public const string Policy = "admin";

    /// <summary>Compares in constant time, so the secret cannot be guessed by timing.</summary>
    public bool IsSecret(string? candidate)
    {
        var secret = options.Value.Secret;
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(candidate))
            return false;
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(candidate)), SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
    }

    public static Task SignInAsync(HttpContext context) =>
        context.SignInAsync(Scheme, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Role, "admin")], Scheme)));

    public static void Configure(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "ltipd-admin";
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.LoginPath = "/admin/login";
        cookie.AccessDeniedPath = "/admin/login";
    }
}
