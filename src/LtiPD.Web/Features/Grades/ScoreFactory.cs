using LtiPD.Data.Entities;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services.Ags;

namespace LtiPD.Web.Features.Grades;

/// <summary>
/// Whether a platform is Canvas, whose scores should carry its submission extension. Canvas Cloud signs launches with one of
/// three fixed issuers (production, beta, test); a self-hosted Canvas uses its own host as issuer, but its OIDC
/// authorization endpoint is Canvas's own <c>/api/lti/authorize_redirect</c>, which the registration keeps.
/// </summary>
public static class CanvasSubmissionPolicy
{
    private const string AuthorizeRedirectPath = "/api/lti/authorize_redirect";

    private static readonly string[] CloudIssuers =
        ["https://canvas.instructure.com", "https://canvas.beta.instructure.com", "https://canvas.test.instructure.com"];

    public static bool IsCanvas(PlatformRegistration platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        return CloudIssuers.Contains(platform.Issuer.TrimEnd('/'), StringComparer.OrdinalIgnoreCase)
            || platform.AuthUrl.AbsolutePath.TrimEnd('/').EndsWith(AuthorizeRedirectPath, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The extension for a score, or null for other platforms (they would ignore it). <paramref name="submittedAt"/> is when the
    /// work was handed in: Canvas marks late work by it, and the outbox may send much later. new_submission is true only for the
    /// first score of a hand-in (Canvas records it as a submission, so an assignment waiting for manual grading shows as handed
    /// in and "needs grading"); a reviewed or re-scored grade of the same work sends false, so Canvas grades that submission
    /// instead of counting another attempt.
    /// </summary>
    public static CanvasSubmission? For(PlatformRegistration platform, DateTimeOffset submittedAt, bool newSubmission) =>
        IsCanvas(platform) ? new CanvasSubmission { NewSubmission = newSubmission, SubmittedAt = submittedAt } : null;
}

/// <summary>The AGS score (AGS 2.0 §3.4) an outbox row stands for, as it is posted to the platform's line item.</summary>
public static class ScoreFactory
{
    /// <summary>
    /// The row's grade as a score; the row's timestamp orders scores on the platform.
    /// <list type="bullet">
    /// <item>Graded (FullyGraded): activityProgress Completed, scoreGiven and scoreMaximum, and the reviewer's comment if any.</item>
    /// <item>Waiting for an instructor: activityProgress Submitted, gradingProgress PendingManual and no scoreGiven or
    /// scoreMaximum (AGS 2.0 §3.4.2: scoreGiven is left out when there is no score yet). A partial machine score of a task an
    /// instructor has still to review is not a grade; sent as one, Moodle and Canvas would show it as the teacher's result.</item>
    /// </list>
    /// </summary>
    public static Score Build(GradeDeliveryEntity row, PlatformRegistration platform)
    {
        ArgumentNullException.ThrowIfNull(row);
        var submittedAt = row.SubmittedAt ?? row.Timestamp;
        var canvas = CanvasSubmissionPolicy.For(platform, submittedAt, newSubmission: row.Timestamp == submittedAt);
        if (row.GradingProgress != (int)GradingProgress.FullyGraded)
            return new Score(row.UserId, ActivityProgress.Submitted, GradingProgress.PendingManual, row.Timestamp) { CanvasSubmission = canvas };
        return new Score(row.UserId, ActivityProgress.Completed, GradingProgress.FullyGraded, row.Timestamp)
        {
            ScoreGiven = row.ScoreGiven,
            ScoreMaximum = row.ScoreMaximum,
            Comment = row.Comment,
            CanvasSubmission = canvas,
        };
    }
}
