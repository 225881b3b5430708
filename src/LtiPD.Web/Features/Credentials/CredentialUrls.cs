using System.Globalization;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Web.Hosting;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// The public addresses of the credential slice, all under the tool's public base URL (Tool:PublicBaseUrl): what a
/// credential names must resolve for anyone, without a login.
/// </summary>
public sealed record CredentialUrls(Uri BaseUrl)
{
    public static CredentialUrls For(HttpRequest request) => new(ToolUrls.For(request).BaseUrl);

    public Uri Keys => new(BaseUrl, "credentials/issuer/keys");

    public Uri Verify => new(BaseUrl, "credentials/verify");

    /// <summary>The issuer Profile of one platform: the institution is the LMS the teacher studied in.</summary>
    public Uri Issuer(int platformId) => new(BaseUrl, $"credentials/issuers/{platformId.ToString(CultureInfo.InvariantCulture)}");

    public Uri Credential(string id) => new(BaseUrl, $"credentials/{id}");

    public Uri StatusList(int list) => new(BaseUrl, $"credentials/status/{list.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>A badge image path of the tool ("/…") made absolute; an https URL stays as it is.</summary>
    public Uri Image(string image) => image.StartsWith('/') ? new Uri(BaseUrl, image.TrimStart('/')) : new Uri(image);

    /// <summary>
    /// The achievement's id: a name-based UUID of this tool and the achievement key, so every credential for one module
    /// names one achievement, and two installations never share an id.
    /// </summary>
    public Uri Achievement(string key) => new($"urn:uuid:{DeterministicUuid.Create(DeterministicUuid.LtiPdNamespace, $"{BaseUrl.AbsoluteUri}achievement/{key}")}");

    /// <summary>
    /// The CASE item URI the tool's own CASE export gives a competency (<c>{base}/uri/{identifier}</c>,
    /// <see cref="CaseFramework.Export"/>, resolved by <see cref="Admin.CaseUris"/>), so an alignment names the same item a CASE
    /// consumer of the framework sees. A competency imported from CASE is aligned to its original item URI instead.
    /// </summary>
    public Uri CaseItem(string frameworkCode, string competencyCode) =>
        new($"{BaseUrl.AbsoluteUri.TrimEnd('/')}/uri/{DeterministicUuid.Create(DeterministicUuid.LtiPdNamespace, $"{frameworkCode}/competency/{competencyCode}")}");
}
