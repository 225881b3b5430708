using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using LtiPD.PlatformSimulator.Protocol;
using LtiPD.PlatformSimulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>Assignment and Grade Services 2.0: line items (§3.2), scores (§3.4) and results (§3.3) of the course.</summary>
internal static partial class AgsEndpoints
{
    private const string LineItemsPattern = "/ags/{contextId}/lineitems";
    private const string LineItemPattern = LineItemsPattern + "/{number:int}/lineitem";

    // AGS 2.0 §3.4.4 and §3.4.5.
    private static readonly HashSet<string> ActivityProgress = ["Initialized", "Started", "InProgress", "Submitted", "Completed"];
    private static readonly HashSet<string> GradingProgress = ["FullyGraded", "Pending", "PendingManual", "Failed", "NotReady"];

    public static void Map(IEndpointRouteBuilder group, SimulatorHttp http)
    {
        group.MapGet(LineItemsPattern, http.Recorded(RecordedCallKind.Ags, faultable: true, ListLineItems));
        group.MapPost(LineItemsPattern, http.Recorded(RecordedCallKind.Ags, faultable: true, CreateLineItem));
        group.MapGet(LineItemPattern, http.Recorded(RecordedCallKind.Ags, faultable: true, GetLineItem));
        group.MapPut(LineItemPattern, http.Recorded(RecordedCallKind.Ags, faultable: true, UpdateLineItem));
        group.MapDelete(LineItemPattern, http.Recorded(RecordedCallKind.Ags, faultable: true, DeleteLineItem));
        group.MapPost(LineItemPattern + "/scores", http.Recorded(RecordedCallKind.Ags, faultable: true, PostScore));
        group.MapGet(LineItemPattern + "/results", http.Recorded(RecordedCallKind.Ags, faultable: true, ListResults));

        // Anything else under /ags is answered (and recorded) rather than left to routing, so a tool that builds a wrong URL,
        // such as appending "/scores" after the query string, shows up in the recorder.
        group.Map("/ags/{**rest}", http.Recorded(RecordedCallKind.Ags, faultable: false, request =>
            ServiceErrors.Create(
                request, StatusCodes.Status404NotFound, "No such AGS resource",
                $"{request.Request.Method} {request.Request.Path} is not an AGS endpoint of this platform.")));
    }

    private static SimResponse ListLineItems(ServiceRequest request)
    {
        if (Guard(request, LtiScopes.LineItem, LtiScopes.LineItemReadOnly) is { } refused)
        {
            return refused;
        }

        if (!Paging.TryRead(request.Request, out var paging, out var pagingError))
        {
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Invalid paging", pagingError);
        }

        var query = request.Request.Query;
        var items = request.Platform.LineItems
            .Where(item => Matches(query, "resource_link_id", item.ResourceLinkId)
                && Matches(query, "resource_id", item.ResourceId)
                && Matches(query, "tag", item.Tag))
            .ToList();
        var (page, next) = paging.Apply(items, request.Request);
        var response = SimResponse.Json(StatusCodes.Status200OK, page.Select(item => ToJson(item, request.Platform)).ToList(), LtiMediaTypes.LineItemContainer);
        return next is null ? response : response.WithHeader("Link", Paging.NextLink(next, request.Platform.Options.MoodleCurlyQuotesInLink));
    }

    private static SimResponse CreateLineItem(ServiceRequest request)
    {
        if ((Guard(request, LtiScopes.LineItem) ?? ServiceErrors.CheckContentType(request, LtiMediaTypes.LineItem)) is { } refused)
        {
            return refused;
        }

        if (!TryReadLineItem(request, out var fields, out var error))
        {
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Invalid line item", error);
        }

        if (fields.ResourceLinkId is { } linkId && request.Platform.FindResourceLink(linkId) is null)
        {
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Invalid line item", $"resourceLinkId '{linkId}' is not a resource link of the course.");
        }

        var item = request.Platform.Gradebook.Create(fields);
        return SimResponse.Json(StatusCodes.Status201Created, ToJson(item, request.Platform), LtiMediaTypes.LineItem);
    }

    private static SimResponse GetLineItem(ServiceRequest request)
    {
        if (Guard(request, LtiScopes.LineItem, LtiScopes.LineItemReadOnly) is { } refused)
        {
            return refused;
        }

        return FindLineItem(request) is { } item
            ? SimResponse.Json(StatusCodes.Status200OK, ToJson(item, request.Platform), LtiMediaTypes.LineItem)
            : UnknownLineItem(request);
    }

    private static SimResponse UpdateLineItem(ServiceRequest request)
    {
        if ((Guard(request, LtiScopes.LineItem) ?? ServiceErrors.CheckContentType(request, LtiMediaTypes.LineItem)) is { } refused)
        {
            return refused;
        }

        if (!TryReadLineItem(request, out var fields, out var error))
        {
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Invalid line item", error);
        }

        var updated = request.Platform.Gradebook.Update(Number(request), fields);
        return updated is null
            ? UnknownLineItem(request)
            : SimResponse.Json(StatusCodes.Status200OK, ToJson(updated, request.Platform), LtiMediaTypes.LineItem);
    }

    private static SimResponse DeleteLineItem(ServiceRequest request)
    {
        if (Guard(request, LtiScopes.LineItem) is { } refused)
        {
            return refused;
        }

        return request.Platform.Gradebook.Delete(Number(request))
            ? new SimResponse(StatusCodes.Status204NoContent)
            : UnknownLineItem(request);
    }

    private static SimResponse PostScore(ServiceRequest request)
    {
        if ((Guard(request, LtiScopes.Score) ?? ServiceErrors.CheckContentType(request, LtiMediaTypes.Score)) is { } refused)
        {
            return refused;
        }

        if (FindLineItem(request) is not { } item)
        {
            return UnknownLineItem(request);
        }

        var platform = request.Platform;
        var moodle = platform.Flavor == PlatformFlavor.Moodle;
        if (!TryReadScore(request, item, out var score, out var error))
        {
            // Moodle answers every malformed score with this one reason (mod/lti/service/gradebookservices scores.php).
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, moodle ? "Incorrect score received" : "Invalid score", error);
        }

        if (platform.FindMember(score.UserId) is null)
        {
            var detail = $"userId '{score.UserId}' is not a member of the course.";
            return moodle
                ? ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Incorrect score received", detail)
                : ServiceErrors.Create(request, StatusCodes.Status422UnprocessableEntity, "User not found in course or is not a student", detail);
        }

        // Moodle 4.5 (mod/lti/service/gradebookservices, scores.php) drops scoreGiven unless gradingProgress is FullyGraded, and
        // keeps no grade time for a score without one, so only graded scores count when it refuses an older timestamp.
        var graded = score.GradingProgress == "FullyGraded";
        if (moodle && !graded)
        {
            score = score with { ScoreGiven = null };
        }

        var admission = platform.Gradebook.AddScore(Number(request), score, requireNewer: moodle, ordersLaterScores: !moodle || score.ScoreGiven is not null);
        return admission switch
        {
            ScoreAdmission.UnknownLineItem => UnknownLineItem(request),
            ScoreAdmission.NotNewer => ServiceErrors.Create(
                request, StatusCodes.Status409Conflict, $"Refusing score with an earlier timestamp for item {Number(request)} and user {score.UserId}"),
            // Moodle answers an empty 200; Canvas points at the result.
            _ when moodle => new SimResponse(StatusCodes.Status200OK),
            _ => SimResponse.Json(StatusCodes.Status200OK, new Dictionary<string, object?> { ["resultUrl"] = ResultUrl(request, score.UserId) }),
        };
    }

    private static SimResponse ListResults(ServiceRequest request)
    {
        if (Guard(request, LtiScopes.ResultReadOnly) is { } refused)
        {
            return refused;
        }

        if (FindLineItem(request) is not { } item)
        {
            return UnknownLineItem(request);
        }

        if (!Paging.TryRead(request.Request, out var paging, out var pagingError))
        {
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Invalid paging", pagingError);
        }

        var userFilter = request.Request.Query["user_id"].ToString();
        var results = request.Platform.Gradebook.LatestScores(item.Id)
            .Where(score => userFilter.Length == 0 || score.UserId == userFilter)
            .Select(score => ResultJson(request, item, score))
            .ToList();
        var (page, next) = paging.Apply(results, request.Request);
        var response = SimResponse.Json(StatusCodes.Status200OK, page, LtiMediaTypes.ResultContainer);
        return next is null ? response : response.WithHeader("Link", Paging.NextLink(next, curlyQuotes: false));
    }

    private static SimResponse? Guard(ServiceRequest request, params string[] scopes) =>
        ServiceErrors.Authorize(request, scopes) ?? ServiceErrors.CheckContext(request);

    private static SimLineItem? FindLineItem(ServiceRequest request) => request.Platform.Gradebook.Find(Number(request));

    private static SimResponse UnknownLineItem(ServiceRequest request) =>
        ServiceErrors.Create(request, StatusCodes.Status404NotFound, "Unknown line item", $"No line item {Number(request)} in the course.");

    private static int Number(ServiceRequest request) => int.Parse(request.RouteValue("number")!, CultureInfo.InvariantCulture);

    private static bool Matches(IQueryCollection query, string name, string? value) =>
        !query.TryGetValue(name, out var wanted) || wanted.ToString() == (value ?? "");

    /// <summary>AGS 2.0 §3.2: label and a positive scoreMaximum are required; the rest is optional.</summary>
    private static bool TryReadLineItem(ServiceRequest request, out LineItemFields fields, out string? error)
    {
        fields = new LineItemFields("", 0, null, null, null, null, null);
        if (!TryParseObject(request.Body, out var root, out error))
        {
            return false;
        }

        var label = OptionalString(root, "label");
        if (string.IsNullOrWhiteSpace(label))
        {
            error = "label is required";
            return false;
        }

        if (!root.TryGetProperty("scoreMaximum", out var maximum) || maximum.ValueKind != JsonValueKind.Number || maximum.GetDouble() <= 0)
        {
            error = "scoreMaximum must be a number greater than 0";
            return false;
        }

        if (!TryReadDate(root, "startDateTime", out var start, out error) || !TryReadDate(root, "endDateTime", out var end, out error))
        {
            return false;
        }

        fields = new LineItemFields(
            label, maximum.GetDouble(), OptionalString(root, "resourceId"), OptionalString(root, "tag"), OptionalString(root, "resourceLinkId"), start, end);
        return true;
    }

    /// <summary>
    /// AGS 2.0 §3.4: userId, activityProgress, gradingProgress and an ISO 8601 timestamp with offset are required; a scoreGiven
    /// needs a scoreMaximum.
    /// </summary>
    private static bool TryReadScore(ServiceRequest request, SimLineItem item, out SimScore score, out string? error)
    {
        score = new SimScore(item.Id, "", null, null, "", "", default, null);
        if (!TryParseObject(request.Body, out var root, out error))
        {
            return false;
        }

        var userId = OptionalString(root, "userId");
        var activity = OptionalString(root, "activityProgress");
        var grading = OptionalString(root, "gradingProgress");
        var timestampText = OptionalString(root, "timestamp");
        error = userId switch
        {
            null or "" => "userId is required",
            _ when activity is null || !ActivityProgress.Contains(activity) => $"activityProgress must be one of {string.Join(", ", ActivityProgress)}",
            _ when grading is null || !GradingProgress.Contains(grading) => $"gradingProgress must be one of {string.Join(", ", GradingProgress)}",
            _ when !TryParseTimestamp(timestampText, out _) => "timestamp must be ISO 8601 with a time zone, e.g. 2026-11-22T10:15:30.123Z",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        if (!TryReadNumber(root, "scoreGiven", minimumExclusive: null, out var given, out error)
            || !TryReadNumber(root, "scoreMaximum", minimumExclusive: 0, out var maximum, out error))
        {
            return false;
        }

        if (given is < 0)
        {
            error = "scoreGiven must not be negative";
            return false;
        }

        if (given is not null && maximum is null)
        {
            error = "scoreMaximum is required with scoreGiven";
            return false;
        }

        // scoreGiven above scoreMaximum is allowed: AGS 2.0 §3.4.2 leaves extra credit to the platform.
        score = new SimScore(
            item.Id, userId!, given, maximum, activity!, grading!,
            TryParseTimestamp(timestampText, out var timestamp) ? timestamp : default, OptionalString(root, "comment"));
        return true;
    }

    private static Dictionary<string, object?> ToJson(SimLineItem item, SimulatedPlatform platform)
    {
        var moodle = platform.Flavor == PlatformFlavor.Moodle;
        var json = new Dictionary<string, object?>
        {
            ["id"] = item.Id.AbsoluteUri,
            ["label"] = item.Label,
            ["scoreMaximum"] = item.ScoreMaximum,
        };

        // Moodle writes empty strings for unset resourceId and tag (see the fixtures); Canvas leaves them out.
        if (moodle || item.ResourceId is not null)
        {
            json["resourceId"] = item.ResourceId ?? "";
        }

        if (moodle || item.Tag is not null)
        {
            json["tag"] = item.Tag ?? "";
        }

        if (item.ResourceLinkId is not null)
        {
            json["resourceLinkId"] = item.ResourceLinkId;
            if (moodle)
            {
                json["ltiLinkId"] = item.ResourceLinkId;
            }
        }

        if (item.StartDateTime is { } start)
        {
            json["startDateTime"] = start.ToString("O", CultureInfo.InvariantCulture);
        }

        if (item.EndDateTime is { } end)
        {
            json["endDateTime"] = end.ToString("O", CultureInfo.InvariantCulture);
        }

        return json;
    }

    /// <summary>AGS 2.0 §3.3: the result is the score scaled to the line item's maximum.</summary>
    private static Dictionary<string, object?> ResultJson(ServiceRequest request, SimLineItem item, SimScore score)
    {
        var json = new Dictionary<string, object?>
        {
            ["id"] = ResultUrl(request, score.UserId),
            ["scoreOf"] = item.Id.AbsoluteUri,
            ["userId"] = score.UserId,
        };
        if (score is { ScoreGiven: { } given, ScoreMaximum: { } maximum })
        {
            json["resultScore"] = given * item.ScoreMaximum / maximum;
            json["resultMaximum"] = item.ScoreMaximum;
        }

        if (score.Comment is not null)
        {
            json["comment"] = score.Comment;
        }

        return json;
    }

    private static string ResultUrl(ServiceRequest request, string userId)
    {
        var item = request.Platform.LineItemUrl(Number(request));
        var path = item.GetLeftPart(UriPartial.Path) + "/results";
        var query = QueryString.FromUriComponent(item.Query).Add("user_id", userId);
        return path + query.Value;
    }

    private static bool TryParseObject(string body, out JsonElement root, out string? error)
    {
        root = default;
        error = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            error = "the body is not JSON";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the body must be a JSON object";
            return false;
        }

        return true;
    }

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool TryReadNumber(JsonElement root, string name, double? minimumExclusive, out double? number, out string? error)
    {
        number = null;
        error = null;
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind != JsonValueKind.Number || (minimumExclusive is { } minimum && value.GetDouble() <= minimum))
        {
            error = minimumExclusive is { } bound ? $"{name} must be a number greater than {bound}" : $"{name} must be a number";
            return false;
        }

        number = value.GetDouble();
        return true;
    }

    private static bool TryReadDate(JsonElement root, string name, out DateTimeOffset? date, out string? error)
    {
        date = null;
        error = null;
        var text = OptionalString(root, name);
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (!TryParseTimestamp(text, out var parsed))
        {
            error = $"{name} must be ISO 8601 with a time zone";
            return false;
        }

        date = parsed;
        return true;
    }

    // DateTimeOffset.TryParse alone would accept text without a zone and read it as local time.
    private static bool TryParseTimestamp(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null
            && Iso8601WithOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    // A date, a time with optional fraction, and a zone: Z or ±hh:mm.
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Iso8601WithOffset();
}
