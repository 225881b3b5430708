using System.Text.Json.Serialization;

namespace LtiPD.Lti.Services.Ags;

/// <summary>Media types of AGS 2.0 §3.2–§3.4: the platform may refuse a request that names another one.</summary>
public static class AgsMediaTypes
{
    public const string LineItemContainer = "application/vnd.ims.lis.v2.lineitemcontainer+json";
    public const string LineItem = "application/vnd.ims.lis.v2.lineitem+json";
    public const string Score = "application/vnd.ims.lis.v1.score+json";
    public const string ResultContainer = "application/vnd.ims.lis.v2.resultcontainer+json";
}

/// <summary>
/// A gradebook column (AGS 2.0 §3.2). <see cref="Id"/> is the line item's URL, set by the platform; the tool leaves it null when
/// creating. Moodle writes empty strings for an unset resourceId and tag; they are read back as null.
/// </summary>
public sealed record LineItem
{
    [JsonPropertyName("id")] public Uri? Id { get; init; }
    [JsonPropertyName("label")] public string Label { get; init; } = "";
    [JsonPropertyName("scoreMaximum")] public double ScoreMaximum { get; init; }
    [JsonPropertyName("resourceId")] public string? ResourceId { get; init; }
    [JsonPropertyName("tag")] public string? Tag { get; init; }
    [JsonPropertyName("resourceLinkId")] public string? ResourceLinkId { get; init; }
    [JsonPropertyName("startDateTime")] public DateTimeOffset? StartDateTime { get; init; }
    [JsonPropertyName("endDateTime")] public DateTimeOffset? EndDateTime { get; init; }

    internal LineItem Normalized() => this with
    {
        ResourceId = string.IsNullOrEmpty(ResourceId) ? null : ResourceId,
        Tag = string.IsNullOrEmpty(Tag) ? null : Tag,
        ResourceLinkId = string.IsNullOrEmpty(ResourceLinkId) ? null : ResourceLinkId,
    };
}

/// <summary>Filters of the line-item container (AGS 2.0 §3.2.4); the platform applies them, <c>limit</c> sets its page size.</summary>
public sealed record LineItemFilter(string? ResourceLinkId = null, string? ResourceId = null, string? Tag = null, int? Limit = null);

/// <summary>A line item found or created by <see cref="AgsClient.FindOrCreateLineItemAsync"/>; <see cref="Created"/> says which.</summary>
public sealed record LineItemLookup(LineItem Item, bool Created);

/// <summary>AGS 2.0 §3.4.4: the learner's progress with the activity.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ActivityProgress>))]
public enum ActivityProgress { Initialized, Started, InProgress, Submitted, Completed }

/// <summary>AGS 2.0 §3.4.5: how far grading has gone; only FullyGraded makes the platform record scoreGiven as final.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<GradingProgress>))]
public enum GradingProgress { FullyGraded, Pending, PendingManual, Failed, NotReady }

/// <summary>
/// A score the tool publishes (AGS 2.0 §3.4). <see cref="Timestamp"/> orders scores: platforms keep the newest, and Moodle
/// refuses one that is not newer than what it holds, so it must be the time the tool's result was made, not the send time.
/// A <see cref="ScoreGiven"/> needs a <see cref="ScoreMaximum"/> (§3.4.2).
/// </summary>
public sealed record Score(
    [property: JsonPropertyName("userId")] string UserId,
    [property: JsonPropertyName("activityProgress")] ActivityProgress ActivityProgress,
    [property: JsonPropertyName("gradingProgress")] GradingProgress GradingProgress,
    [property: JsonPropertyName("timestamp")] DateTimeOffset Timestamp)
{
    [JsonPropertyName("scoreGiven")] public double? ScoreGiven { get; init; }
    [JsonPropertyName("scoreMaximum")] public double? ScoreMaximum { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }

    /// <summary>Canvas's extension; other platforms ignore it.</summary>
    [JsonPropertyName(CanvasSubmission.PropertyName)] public CanvasSubmission? CanvasSubmission { get; init; }
}

/// <summary>
/// Canvas's score extension (<c>https://canvas.instructure.com/lti/submission</c>). Canvas turns every score into a new
/// submission attempt unless <see cref="NewSubmission"/> is false, so a re-grade of the same work should send false;
/// <see cref="SubmittedAt"/> keeps the learner's real submission time when a score is sent later (Canvas marks late work by it).
/// </summary>
public sealed record CanvasSubmission
{
    public const string PropertyName = "https://canvas.instructure.com/lti/submission";

    [JsonPropertyName("new_submission")] public bool? NewSubmission { get; init; }
    [JsonPropertyName("submission_type")] public string? SubmissionType { get; init; }
    [JsonPropertyName("submission_data")] public string? SubmissionData { get; init; }
    [JsonPropertyName("submitted_at")] public DateTimeOffset? SubmittedAt { get; init; }
}

/// <summary>A learner's current result on a line item (AGS 2.0 §3.3), as the platform computed it from the scores.</summary>
public sealed record Result
{
    [JsonPropertyName("id")] public Uri? Id { get; init; }
    [JsonPropertyName("scoreOf")] public Uri? ScoreOf { get; init; }
    [JsonPropertyName("userId")] public string UserId { get; init; } = "";
    [JsonPropertyName("resultScore")] public double? ResultScore { get; init; }
    [JsonPropertyName("resultMaximum")] public double? ResultMaximum { get; init; }
    [JsonPropertyName("comment")] public string? Comment { get; init; }
}

[JsonSerializable(typeof(LineItem))]
[JsonSerializable(typeof(List<LineItem>))]
[JsonSerializable(typeof(Score))]
[JsonSerializable(typeof(List<Result>))]
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString)]
internal sealed partial class AgsJsonContext : JsonSerializerContext;
