using System.Text.Json.Nodes;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// A credential's public page (no login): anyone with the link sees what was earned, from whom, when, and whether it still
/// stands, verified on the spot by the same verifier a stranger uses. The language is the reader's browser's.
/// </summary>
public sealed class PublicModel(LtiPdDbContext db, CredentialVerifier verifier) : PageModel
{
    public Refusal? Refusal { get; private set; }

    public CredentialEntity Credential { get; private set; } = null!;

    public JsonObject? Json { get; private set; }

    public VerificationResult Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await CredentialServices.FindAsync(db, id, ct) is not { } credential)
        {
            Refusal = new Refusal("credential_not_found", "There is no credential at this address. Check the link you were given.", StatusCodes.Status404NotFound);
            Response.StatusCode = Refusal.Status;
            return Page();
        }

        Credential = credential;
        Json = CredentialJwt.Parse(credential.Jwt)?.Payload();
        Result = await verifier.VerifyAsync(credential.Jwt, CredentialUrls.For(Request), ct);
        return Page();
    }

    public string Text(string path)
    {
        JsonNode? node = Json;
        foreach (var part in path.Split('.'))
            node = node?[part];
        return node?.ToString() ?? "";
    }
}
