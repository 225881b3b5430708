namespace LtiPD.Web.Features.Lti;

/// <summary>
/// Binds a login to the browser that started it (Security Framework 1.0 §5.1.1.2, OIDC Core §3.1.2.1
/// "state"). One cookie per login, so two launches in two tabs do not overwrite each other.
/// Over https it must be SameSite=None; Secure: the id_token arrives as a cross-site form POST from the LMS.
/// </summary>
public static class StateCookie
{
    private const string Prefix = "ltipd-state-";

    public static string NameFor(string state) => Prefix + state[..Math.Min(16, state.Length)];

    public static void Append(HttpResponse response, string state, TimeSpan lifetime) =>
        response.Cookies.Append(NameFor(state), state, Options(response.HttpContext.Request, lifetime));

    /// <summary>True when the browser sent back the cookie for exactly this state.</summary>
    public static bool Matches(HttpRequest request, string state) =>
        request.Cookies.TryGetValue(NameFor(state), out var value) && string.Equals(value, state, StringComparison.Ordinal);

    public static void Delete(HttpResponse response, string state) =>
        response.Cookies.Delete(NameFor(state), Options(response.HttpContext.Request, TimeSpan.Zero));

    private static CookieOptions Options(HttpRequest request, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Path = "/lti",
        MaxAge = lifetime,
        Secure = request.IsHttps,
        SameSite = request.IsHttps ? SameSiteMode.None : SameSiteMode.Lax,
        IsEssential = true,
    };
}
