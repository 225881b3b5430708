using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LtiPD.Data;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Domain.Content;
using LtiPD.Web.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Admin;

/// <summary>
/// Makes the CASE URIs the tool writes resolve: <c>{base}/uri/{identifier}</c> (<see cref="CaseFramework.Export"/>) answers the
/// JSON of that node (CFDocument, CFItem, CFAssociation, CFRubric, criterion or level) as the CASE export of the newest stored
/// version of its framework shows it (CASE 1.1: a node's <c>uri</c> is network-resolvable). A credential's alignment names a
/// competency by such a URI, and a stranger who checks the credential opens it without a login. Frameworks are the tool's
/// shared content (no platform owns one), so publishing them adds nothing a credential does not already name.
/// </summary>
public sealed class CaseUris(IServiceScopeFactory scopes)
{
    /// <summary>The index of every node by identifier, and the newest framework row and base URL it was built for.</summary>
    private sealed record Index(int NewestRow, Uri BaseUrl, IReadOnlyDictionary<string, JsonObject> Nodes);

    /// <summary>
    /// One index per language, rebuilt after an import. Keyed by language alone: without Tool:PublicBaseUrl (Development) the
    /// base URL comes from the request's Host, and a key per Host would let requests grow the cache without end.
    /// </summary>
    private readonly ConcurrentDictionary<string, Index> _indexes = new(StringComparer.Ordinal);

    public async Task<JsonObject?> FindAsync(Guid identifier, string language, Uri baseUrl, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var newestRow = await db.Frameworks.MaxAsync(f => (int?)f.Id, ct) ?? 0;
        if (!_indexes.TryGetValue(language, out var index) || index.NewestRow != newestRow || index.BaseUrl != baseUrl)
            _indexes[language] = index = new Index(newestRow, baseUrl, await BuildAsync(db, language, baseUrl, ct));
        return index.Nodes.TryGetValue(identifier.ToString(), out var node) ? (JsonObject)node.DeepClone() : null;
    }

    /// <summary>
    /// Every node of the newest version of each framework code, by identifier. Identifiers are name-based on the framework
    /// code, so each version names its items alike and the newest one speaks for them.
    /// </summary>
    private static async Task<IReadOnlyDictionary<string, JsonObject>> BuildAsync(LtiPdDbContext db, string language, Uri baseUrl, CancellationToken ct)
    {
        var rows = await db.Frameworks.AsNoTracking().ToListAsync(ct);
        var nodes = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var row in rows.GroupBy(r => r.Code).Select(g => g.MaxBy(r => r.CreatedAt)!))
        {
            if (FrameworkDocument.Parse(row.Document).Value is not { } framework)
                continue;
            var package = JsonNode.Parse(CaseFramework.Export(framework, new CaseExportOptions(language, baseUrl, row.CreatedAt)))!;
            Collect(package, nodes);
        }
        return nodes;
    }

    /// <summary>
    /// Each node with an identifier and a uri, wherever it sits in the package; a LinkURI (title, identifier, uri: a reference
    /// to a node from another) is not the node.
    /// </summary>
    private static void Collect(JsonNode? node, Dictionary<string, JsonObject> nodes)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["identifier"] is JsonValue id && id.TryGetValue<string>(out var identifier) && o["uri"] is not null
                    && o.Any(p => p.Key is not ("title" or "identifier" or "uri")))
                    nodes.TryAdd(identifier, o);
                foreach (var (_, child) in o)
                    Collect(child, nodes);
                break;
            case JsonArray a:
                foreach (var child in a)
                    Collect(child, nodes);
                break;
        }
    }

    public static IEndpointRouteBuilder MapCaseUris(IEndpointRouteBuilder app)
    {
        app.MapGet("/uri/{identifier:guid}", async Task<IResult> (Guid identifier, string? lang, HttpRequest request, CaseUris uris, CancellationToken ct) =>
        {
            var language = lang is not null && FrameworksLibrary.Languages.Contains(lang) ? lang : "en";
            return await uris.FindAsync(identifier, language, ToolUrls.For(request).BaseUrl, ct) is { } node
                ? TypedResults.Text(node.ToJsonString(), "application/json")
                : TypedResults.Json(new { error = "case_uri_not_found", message = "No CASE item, document or association of this tool has this identifier." },
                    statusCode: StatusCodes.Status404NotFound);
        });
        return app;
    }
}
