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
    /// The extension for a score of work handed in at <paramref name="submittedAt"/>, or null for other platforms (they would
    /// ignore it). new_submission makes Canvas record the attempt as a submission, so the assignment shows as handed in;
    /// submitted_at keeps the learner's real time when the outbox sends the score later, because Canvas marks late work by it.
    /// </summary>
    public static CanvasSubmission? For(PlatformRegistration platform, DateTimeOffset submittedAt) =>
        IsCanvas(platform) ? new CanvasSubmission { NewSubmission = true, SubmittedAt = submittedAt } : null;
}

/// <summary>The AGS score (AGS 2.0 §3.4) an outbox row stands for, as it is posted to the platform's line item.</summary>
public static class ScoreFactory
{
    /// <summary>Sent with a score whose rubric tasks still wait for an instructor (gradingProgress Pending).</summary>
    public const string PendingReviewComment = "Practical tasks await an instructor's review.";

    /// <summary>
    /// The row's grade as a score. The row's timestamp orders scores on the platform and is what Canvas is told as
    /// submitted_at: the outbox writes it in the attempt's submission transaction, so it is the submission time. After a
    /// rubric review it is the review's time, because the row keeps no other; Canvas then records the reviewed grade as a
    /// new submission at that time.
    /// </summary>
    public static Score Build(GradeDeliveryEntity row, PlatformRegistration platform)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new Score(row.UserId, ActivityProgress.Completed, (GradingProgress)row.GradingProgress, row.Timestamp)
        {
            ScoreGiven = row.ScoreGiven,
            ScoreMaximum = row.ScoreMaximum,
            Comment = row.GradingProgress == (int)GradingProgress.Pending ? PendingReviewComment : null,
            CanvasSubmission = CanvasSubmissionPolicy.For(platform, row.Timestamp),
        };
    }
}
