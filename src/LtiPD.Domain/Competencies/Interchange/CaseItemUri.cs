namespace LtiPD.Domain.Competencies.Interchange;

/// <summary>
/// The network-resolvable URI a CASE package gives an item (CASE 1.1, CFItem <c>uri</c>). Only an absolute http or https URI
/// is kept: it ends up as an Open Badges alignment's <c>targetUrl</c>, which a stranger's browser opens.
/// </summary>
public static class CaseItemUri
{
    public static Uri? TryParse(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;
}
