using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>
/// <c>limit</c>/<c>from</c> paging with an RFC 8288 <c>Link: &lt;…&gt;; rel="next"</c> header, as AGS 2.0 §3.2.4 and NRPS 2.0 §3.7
/// describe and Moodle implements. Tools must follow the link opaquely.
/// </summary>
internal sealed record Paging(int? Limit, int From)
{
    public static bool TryRead(HttpRequest request, out Paging paging, out string? error)
    {
        paging = new Paging(null, 0);
        error = null;
        int? limit = null;
        if (request.Query.TryGetValue("limit", out var limitText))
        {
            if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                error = "limit must be a positive integer";
                return false;
            }

            limit = parsed;
        }

        var from = 0;
        if (request.Query.TryGetValue("from", out var fromText)
            && !int.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            error = "from must be a non-negative integer";
            return false;
        }

        paging = new Paging(limit, from);
        return true;
    }

    /// <summary>The page's items, and the absolute URL of the next page when there is one.</summary>
    public (List<T> Items, string? Next) Apply<T>(IReadOnlyList<T> all, HttpRequest request)
    {
        var items = all.Skip(From).Take(Limit ?? int.MaxValue).ToList();
        if (Limit is not { } limit || From + limit >= all.Count)
        {
            return (items, null);
        }

        var query = request.Query
            .Where(pair => pair.Key is not ("from" or "limit"))
            .SelectMany(pair => pair.Value.Select(value => new KeyValuePair<string, string?>(pair.Key, value)))
            .Append(new("limit", limit.ToString(CultureInfo.InvariantCulture)))
            .Append(new("from", (From + limit).ToString(CultureInfo.InvariantCulture)));
        return (items, UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query)));
    }

    /// <param name="curlyQuotes">Moodle's line-item container writes <c>rel=“next”</c>; see <see cref="SimulatorOptions.MoodleCurlyQuotesInLink"/>.</param>
    public static string NextLink(string url, bool curlyQuotes) =>
        curlyQuotes ? $"<{url}>; rel=\u201Cnext\u201D" : $"<{url}>; rel=\"next\"";
}
