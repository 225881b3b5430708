using System.Text.Json.Nodes;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// A credential's public page (no login): anyone with the link sees what was earned, from whom, when, and whether it still
/// stands, verified on the spot by the same verifier a stranger uses. The language is the reader's browser's.
/// </summary>
public sealed class PublicModel(LtiPdDbContext db, CredentialVerifier verifier, IStringLocalizer<SharedResource> t) : PageModel
{
    public Refusal? Refusal { get; private set; }

    public CredentialEntity Credential { get; private set; } = null!;

    public JsonObject? Json { get; private set; }

    public VerificationResult Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await CredentialServices.FindAsync(db, id, ct) is not { } credential)
        {
            Refusal = Refusal.Of(t, CredentialRevocation.NotFound, StatusCodes.Status404NotFound);
            Response.StatusCode = Refusal.Status;
            return Page();
        }

        Credential = credential;
        Json = CredentialJwt.Parse(credential.Jwt)?.Payload();
        Result = await verifier.VerifyAsync(credential.Jwt, CredentialUrls.For(Request), ct);
        return Page();
    }

    /// <summary>The evidence the credential states (name and narrative), in the language it was issued in (see CredentialIssuer).</summary>
    public IReadOnlyList<(string Name, string Narrative)> Evidence =>
        Json?["evidence"] is JsonArray items
            ? items.OfType<JsonObject>().Select(e => (e["name"]?.ToString() ?? "", e["description"]?.ToString() ?? "")).ToList()
            : [];

    public string Text(string path)
    {
        JsonNode? node = Json;
        foreach (var part in path.Split('.'))
            node = node?[part];
        return node?.ToString() ?? "";
    }
}
