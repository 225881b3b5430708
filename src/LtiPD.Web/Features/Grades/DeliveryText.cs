using System.Globalization;
using LtiPD.Data.Entities;
using LtiPD.Lti.Services;
using LtiPD.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Grades;

/// <summary>
/// What a delivery row keeps about its last failure: a stable code and the HTTP status, never the LMS's own words (a remote
/// body is hostile text; it goes to the log only, sanitised). Stored as "code" or "code status", e.g. "refused 400".
/// </summary>
public static class DeliveryError
{
    /// <summary>Kept when the platform was deleted after the grade was queued.</summary>
    public const string PlatformRemoved = "platform_removed";

    /// <summary>The code for a failure the tool has no more precise word for (and for rows written before codes were kept).</summary>
    public const string Failed = "failed";

    private static readonly Dictionary<ServiceFailure, string> Codes = new()
    {
        [ServiceFailure.Refused] = "refused",
        [ServiceFailure.Unavailable] = "unavailable",
        [ServiceFailure.TokenRefused] = "token_refused",
        [ServiceFailure.TokenRejected] = "token_rejected",
        [ServiceFailure.Redirected] = "redirected",
        [ServiceFailure.Unreachable] = "unreachable",
        [ServiceFailure.TimedOut] = "timed_out",
        [ServiceFailure.Blocked] = "blocked",
        [ServiceFailure.TooLarge] = "too_large",
        [ServiceFailure.Unreadable] = "unreadable",
    };

    private static readonly HashSet<string> Known = [.. Codes.Values, GradeDispatcher.NoColumn, PlatformRemoved, Failed];

    /// <summary>The value stored for <paramref name="outcome"/>: the dispatcher's own reasons travel as the outcome's detail.</summary>
    public static string Of(ServiceCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var code = Codes.TryGetValue(outcome.Failure, out var known) ? known
            : outcome.Detail is GradeDispatcher.NoColumn or PlatformRemoved ? outcome.Detail
            : Failed;
        return outcome.Status is { } status ? $"{code} {status.ToString(CultureInfo.InvariantCulture)}" : code;
    }

    /// <summary>The code and status of a stored value; anything else (an old row's free text) reads as <see cref="Failed"/>.</summary>
    public static (string Code, int? Status) Parse(string? stored)
    {
        var parts = (stored ?? "").Split(' ');
        if (parts.Length is < 1 or > 2 || !Known.Contains(parts[0]))
            return (Failed, null);
        return parts.Length == 2 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status) ? (parts[0], status) : (parts[0], null);
    }

    /// <summary>The code a page shows for a live outcome (the gradebook read-back).</summary>
    public static string CodeOf(ServiceCallOutcome outcome) => Parse(Of(outcome)).Code;
}

/// <summary>What the pages say about one grade's way to the LMS, in the reader's language.</summary>
public static class DeliveryText
{
    /// <summary>
    /// The sentence a teacher reads under a result or a completed module. A work waiting for review was sent as "submitted,
    /// awaiting grading" without a score (AGS 2.0 §3.4.5 PendingManual), so it is not called a sent grade.
    /// </summary>
    public static LocalizedString Status(GradeDeliveryEntity delivery, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return (DeliveryStatus)delivery.Status switch
        {
            DeliveryStatus.Sent when AwaitsReview(delivery) => t["Grades.SentAwaitingReview"],
            DeliveryStatus.Sent => t["Grades.Sent"],
            DeliveryStatus.Failed => t["Grades.Refused", Reason(delivery, t)],
            DeliveryStatus.NotGradable => t["Grades.NotGradable"],
            DeliveryStatus.NoColumn => t["Grades.NoColumn"],
            // Tries counts the claims of the row, so the first send, still under way, is one try without a failure.
            _ when delivery.LastError is null => t["Grades.Sending"],
            _ => new LocalizedString("Grades.Waiting",
                t.Plural("Grades.Waiting", delivery.Tries, delivery.Tries, delivery.NextAttemptAt.ToString("g", CultureInfo.CurrentCulture))),
        };
    }

    /// <summary>True when the row stands for work an instructor has still to grade (sent without a score).</summary>
    public static bool AwaitsReview(GradeDeliveryEntity delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.GradingProgress != (int)LtiPD.Lti.Services.Ags.GradingProgress.FullyGraded;
    }

    /// <summary>Why a delivery failed, for the lists of course designers and administrators.</summary>
    public static LocalizedString Failure(GradeDeliveryEntity delivery, IStringLocalizer t) => t["Grades.Failed", Reason(delivery, t)];

    /// <summary>The last failure of a delivery: the HTTP status when there was one, and a sentence saying what failed.</summary>
    public static LocalizedString Reason(GradeDeliveryEntity delivery, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var (code, status) = DeliveryError.Parse(delivery.LastError);
        return Sentence(code, status, t);
    }

    /// <summary>What failed in a live service call, said the same way.</summary>
    public static LocalizedString Reason(ServiceCallOutcome outcome, IStringLocalizer t) =>
        Sentence(DeliveryError.CodeOf(outcome), outcome.Status, t);

    private static LocalizedString Sentence(string code, int? status, IStringLocalizer t)
    {
        var sentence = code == GradeDispatcher.NoColumn ? t["Grades.NoColumn"] : t["Lms." + code];
        return status is { } s ? t["Lms.WithStatus", s.ToString(CultureInfo.InvariantCulture), sentence.Value] : sentence;
    }
}
