using LtiPD.Data;
using LtiPD.Domain.Credentials;
using LtiPD.Lti.Http;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Credentials;

public static class CredentialServices
{
    /// <summary>Credential keys (a singleton ring), the issuer used inside a completion's transaction, the verifier.</summary>
    public static WebApplicationBuilder AddCredentials(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<CredentialKeys>();
        builder.Services.AddScoped<CredentialIssuer>();
        builder.Services.AddScoped<CredentialVerifier>();
        builder.Services.AddScoped<CredentialRevocation>();
        // Another issuer's keys: a URL chosen by whoever made the credential, so the outbound policy is the primary handler.
        builder.Services.AddHttpClient(CredentialVerifier.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<OutboundHttpPolicy>().CreateHandler());
        return builder;
    }

    /// <summary>The public, login-free documents a verifier resolves from a credential.</summary>
    public static IEndpointRouteBuilder MapCredentialEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/credentials");
        group.MapGet("/issuer/keys", async (CredentialKeys keys, HttpResponse response, CancellationToken ct) =>
        {
            await keys.EnsureKeyAsync(ct);
            response.Headers.CacheControl = "public, max-age=300";
            return TypedResults.Text(await keys.GetJwksJsonAsync(ct), "application/jwk-set+json");
        });

        group.MapGet("/issuer", (HttpRequest request) =>
            TypedResults.Text(OpenBadgeCredential.Profile(ToolIssuer(CredentialUrls.For(request))).ToJsonString(), "application/json"));

        group.MapGet("/issuers/{platformId:int}", async Task<IResult> (int platformId, HttpRequest request, LtiPdDbContext db, CredentialIssuer issuer, CancellationToken ct) =>
            await db.Platforms.AnyAsync(p => p.Id == platformId, ct)
                ? TypedResults.Text(OpenBadgeCredential.Profile(await issuer.IssuerAsync(platformId, CredentialUrls.For(request), ct)).ToJsonString(), "application/json")
                : NotFound());

        // The BitstringStatusListCredential (Bitstring Status List v1.0 §2.2), signed as a VC-JWT like the credentials, built
        // from the rows on each request so a revocation shows at once; a minute of caching keeps verifiers from hammering it.
        group.MapGet("/status/{list:int}", async Task<IResult> (int list, HttpRequest request, HttpResponse response, LtiPdDbContext db, CredentialKeys keys, TimeProvider time, CancellationToken ct) =>
        {
            if (list < 1 || !await db.Credentials.AnyAsync(c => c.StatusList == list, ct))
                return NotFound();
            var urls = CredentialUrls.For(request);
            var now = time.GetUtcNow();
            var credential = OpenBadgeCredential.StatusListCredential(urls.StatusList(list), ToolIssuer(urls), await CredentialStatusLists.BuildAsync(db, list, ct), now);
            response.Headers.CacheControl = "public, max-age=60";
            return TypedResults.Text(await keys.SignAsync(OpenBadgeCredential.JwtPayload(credential, now, null), urls.Keys, ct), "application/vc+jwt");
        });

        group.MapGet("/{id}/credential.jwt", async Task<IResult> (string id, LtiPdDbContext db, CancellationToken ct) =>
            await FindAsync(db, id, ct) is { } c
                ? TypedResults.File(System.Text.Encoding.ASCII.GetBytes(c.Jwt), "application/vc+jwt", $"{FileName(c.Title)}.jwt")
                : NotFound());

        group.MapGet("/{id}/credential.json", async Task<IResult> (string id, LtiPdDbContext db, CancellationToken ct) =>
            await FindAsync(db, id, ct) is { } c && CredentialJwt.Parse(c.Jwt)?.Payload() is { } payload
                ? TypedResults.File(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true })),
                    "application/json", $"{FileName(c.Title)}.json")
                : NotFound());
        return app;
    }

    /// <summary>The tool itself as an issuer: it signs the status lists that serve every institution's credentials.</summary>
    public static IssuerProfile ToolIssuer(CredentialUrls urls) =>
        new(new Uri(urls.BaseUrl, "credentials/issuer"), "LtiPD", urls.BaseUrl, "LtiPD, the professional development tool that issues and publishes these credentials.");

    public static Task<Data.Entities.CredentialEntity?> FindAsync(LtiPdDbContext db, string id, CancellationToken ct) =>
        id.Length is 0 or > 64 ? Task.FromResult<Data.Entities.CredentialEntity?>(null) : db.Credentials.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    private static IResult NotFound() =>
        TypedResults.Json(new { error = "credential_not_found", message = "There is no such credential, issuer or status list here." }, statusCode: StatusCodes.Status404NotFound);

    private static string FileName(string title) =>
        new string(title.Select(ch => char.IsLetterOrDigit(ch) ? ch : '-').ToArray()).Trim('-') is { Length: > 0 } name ? name : "credential";
}
