using LtiPD.Lti;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Shared;
using LtiPD.Web.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// OIDC third-party initiated login (Security Framework 1.0 §5.1.1.1). Platforms call it with GET or POST
/// (Moodle posts); the answer is a GET redirect to the platform's auth endpoint. When the platform offers
/// LTI platform storage, the state is also put there first, for browsers that block the cookie.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)] // the platform posts here cross-site; the state and nonce are the CSRF defence
public sealed class LoginModel(LoginService logins, IOptions<LtiOptions> options, IStringLocalizer<SharedResource> t, ILogger<LoginModel> logger) : PageModel
{
    public Refusal? Refusal { get; private set; }

    /// <summary>Set when the page must store the state through platform storage before redirecting.</summary>
    public StoragePut? Storage { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken ct) => HandleAsync(name => Request.Query[name], ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A body that is not a form (JSON, say) is read as no parameters, and refused as such, not a 500.
        var form = Request.HasFormContentType ? await Request.ReadFormAsync(ct) : FormCollection.Empty;
        return await HandleAsync(name => form[name], ct);
    }

    private async Task<IActionResult> HandleAsync(Func<string, string?> parameter, CancellationToken ct)
    {
        var parsed = LoginInitiation.Parse(parameter);
        if (parsed.Error is { } parseError)
        {
            logger.LogWarning("Login initiation refused: {Code}: {Reason}", parseError.Code, parseError.Message);
            return Refuse(parseError);
        }

        var urls = ToolUrls.For(Request);
        var login = parsed.Login!;
        var result = await logins.BeginAsync(login, RedirectUriFor(login.TargetLinkUri, urls), ct);
        if (result.Error is { } error)
            return Refuse(error);

        var redirect = result.Redirect!;
        StateCookie.Append(Response, redirect.Login.State, TimeSpan.FromSeconds(options.Value.LoginStateLifetimeSeconds));
        if (redirect.Login.StorageTarget is null)
            return Redirect(redirect.Location.AbsoluteUri);

        Storage = new StoragePut(
            redirect.Login.StorageTarget,
            PlatformStorage.OriginOf(redirect.Location),
            PlatformStorage.StateKey(redirect.Login.State),
            redirect.Login.State,
            redirect.Location.AbsoluteUri);
        return Page();
    }

    /// <summary>
    /// The redirect_uri must be one the platform has registered for us: the deep-linking target when the
    /// platform is launching that, the launch URL otherwise (LTI Core 1.3 §4.1.1: target_link_uri is
    /// where the user is going, redirect_uri where the id_token is posted).
    /// </summary>
    private static Uri RedirectUriFor(Uri targetLinkUri, ToolUrls urls) =>
        urls.RedirectUris.FirstOrDefault(u => Uri.Compare(u, targetLinkUri,
            UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0)
        ?? urls.Launch;

    private PageResult Refuse(LtiError error)
    {
        Refusal = Refusal.From(error, t);
        Response.StatusCode = Refusal.Status;
        return Page();
    }
}

/// <summary>What the login page asks the platform frame to store (lti.put_data) before leaving for the auth endpoint.</summary>
public sealed record StoragePut(string Target, string Origin, string Key, string Value, string Next);
