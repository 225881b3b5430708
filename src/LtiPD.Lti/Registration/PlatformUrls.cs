namespace LtiPD.Lti.Registration;

/// <summary>
/// The rules every URL a platform or a registration supplies must meet before the tool stores or fetches it, and the rule
/// that ties a platform's issuer to the address its OpenID configuration was read from (Dynamic Registration 1.0 §3.5.1).
/// URLs are parsed and compared by their parts, never as text: a prefix test lets
/// <c>https://moodle.example.edu@evil.example/</c> and <c>https://moodle.example.edu.evil.example/</c> pass for
/// <c>https://moodle.example.edu</c>.
/// </summary>
public static class PlatformUrls
{
    /// <summary>
    /// Instructure-hosted Canvas signs as one issuer per environment whatever the school's domain (Canvas, "LTI Launch
    /// Overview"), and serves its OpenID configuration from the school's own <c>*.instructure.com</c> domain or from
    /// <c>sso.canvaslms.com</c> (Canvas, "Registration"). These are the only issuers whose configuration may live on another
    /// host, and only on Instructure's own domains; a self-hosted Canvas uses its own host as issuer and the general rule.
    /// </summary>
    private static readonly IReadOnlyList<(string Issuer, string SsoHost, string AccountDomain)> CanvasHosted =
    [
        ("https://canvas.instructure.com", "sso.canvaslms.com", ".instructure.com"),
        ("https://canvas.beta.instructure.com", "sso.beta.canvaslms.com", ".beta.instructure.com"),
        ("https://canvas.test.instructure.com", "sso.test.canvaslms.com", ".test.instructure.com"),
    ];

    /// <summary>
    /// An absolute URL the tool may store or call: https (Security Framework 1.0 §3: every message over TLS), or plain http
    /// to a loopback address when <paramref name="allowLoopbackHttp"/> (a lab LMS on the same machine); no user-info, which
    /// only serves to disguise the real host; no fragment.
    /// </summary>
    public static Uri? Parse(string? value, bool allowLoopbackHttp)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 2000 || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri))
            return null;
        var schemeAllowed = uri.Scheme == Uri.UriSchemeHttps || (allowLoopbackHttp && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
        return schemeAllowed && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0 && uri.Host.Length > 0 ? uri : null;
    }

    /// <summary>
    /// An issuer is a URL with no query and no fragment (OpenID Connect Discovery §3, LTI Core 1.3 §5.1.2), under the same
    /// scheme rules as any platform URL.
    /// </summary>
    public static Uri? ParseIssuer(string? value, bool allowLoopbackHttp) =>
        Parse(value, allowLoopbackHttp) is { Query.Length: 0 } uri ? uri : null;

    /// <summary>Scheme, host and port equal; the host compared case-insensitively as DNS names are.</summary>
    public static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;

    /// <summary>
    /// Dynamic Registration 1.0 §3.5.1: the configuration must come from its issuer's own origin, or anyone able to serve a
    /// JSON document could claim any issuer. Instructure-hosted Canvas is the documented exception (see <see cref="CanvasHosted"/>).
    /// </summary>
    public static bool IssuerOwnsConfiguration(Uri issuer, Uri configuration)
    {
        if (SameOrigin(issuer, configuration))
            return true;
        var issuerText = issuer.GetLeftPart(UriPartial.Authority);
        foreach (var (canvasIssuer, ssoHost, accountDomain) in CanvasHosted)
        {
            if (!string.Equals(issuerText, canvasIssuer, StringComparison.OrdinalIgnoreCase))
                continue;
            var host = configuration.IdnHost;
            return configuration.Scheme == Uri.UriSchemeHttps && configuration.IsDefaultPort
                && (host.Equals(ssoHost, StringComparison.OrdinalIgnoreCase)
                    || host.EndsWith(accountDomain, StringComparison.OrdinalIgnoreCase));
        }
        return false;
    }
}
