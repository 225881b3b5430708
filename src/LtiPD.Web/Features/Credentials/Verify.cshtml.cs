using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// The public verifier: paste a credential or upload its .jwt file. Verifying changes nothing, so the POST carries no
/// antiforgery token (a cross-site form could only make a stranger's browser verify a credential). Input is capped at
/// <see cref="CredentialVerifier.MaxBytes"/>; anything else is a 4xx with a code and a sentence.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(4 * CredentialVerifier.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * CredentialVerifier.MaxBytes)]
public sealed class VerifyModel(CredentialVerifier verifier, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string TooLarge = "credential_too_large";
    public const string Empty = "credential_empty";

    public Refusal? Refusal { get; private set; }

    public VerificationResult? Result { get; private set; }

    [BindProperty]
    public string? Credential { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var text = Credential;
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > CredentialVerifier.MaxBytes)
                return Refuse(TooLarge, StatusCodes.Status413PayloadTooLarge, CredentialVerifier.MaxBytes / 1024);
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(text))
            return Refuse(Empty, StatusCodes.Status400BadRequest);
        if (text.Length > CredentialVerifier.MaxBytes)
            return Refuse(TooLarge, StatusCodes.Status413PayloadTooLarge, CredentialVerifier.MaxBytes / 1024);
        Result = await verifier.VerifyAsync(text, CredentialUrls.For(Request), ct);
        if (!Result.Verified)
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult Refuse(string code, int status, params object[] arguments)
    {
        Refusal = Refusal.Of(t, code, status, arguments);
        Response.StatusCode = status;
        return Page();
    }
}
