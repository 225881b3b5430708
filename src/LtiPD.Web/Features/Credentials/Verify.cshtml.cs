using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// The public verifier: paste a credential or upload its .jwt file. Verifying changes nothing, so the POST carries no
/// antiforgery token (a cross-site form could only make a stranger's browser verify a credential). Input is capped at
/// <see cref="CredentialVerifier.MaxBytes"/>; anything else is a 4xx with a code and a sentence.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(4 * CredentialVerifier.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = 4 * CredentialVerifier.MaxBytes)]
public sealed class VerifyModel(CredentialVerifier verifier) : PageModel
{
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
                return Refuse(new Refusal("credential_too_large", $"The file is larger than {CredentialVerifier.MaxBytes / 1024} KB; a credential is a few kilobytes. Upload the .jwt file.", StatusCodes.Status413PayloadTooLarge));
            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(ct);
        }
        if (string.IsNullOrWhiteSpace(text))
            return Refuse(new Refusal("credential_empty", "Paste a credential or choose its .jwt file, then verify."));
        if (text.Length > CredentialVerifier.MaxBytes)
            return Refuse(new Refusal("credential_too_large", $"The text is longer than {CredentialVerifier.MaxBytes / 1024} KB; a credential is a few kilobytes.", StatusCodes.Status413PayloadTooLarge));
        Result = await verifier.VerifyAsync(text, CredentialUrls.For(Request), ct);
        if (!Result.Verified)
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }

    private PageResult Refuse(Refusal refusal)
    {
        Refusal = refusal;
        Response.StatusCode = refusal.Status;
        return Page();
    }
}
