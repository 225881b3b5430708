namespace LtiPD.Data.Entities;

/// <summary>A competency framework stored as its native JSON document, one row per (Code, Version).</summary>
public sealed class FrameworkEntity
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Version { get; set; }
    public required string Document { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// An instrument at one version, stored as its native JSON document. Versions are never edited in place:
/// an attempt names the version it was taken on, so old attempts keep their meaning.
/// </summary>
public sealed class InstrumentEntity
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public int Version { get; set; }
    public int Kind { get; set; }
    public required string FrameworkCode { get; set; }
    public required string Document { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One person's attempt at one instrument version, owned by (platform, deployment, user) and belonging to the course
/// (<see cref="ContextId"/>) it was started in: tenants never share attempts, and a launch in another course never resumes,
/// submits or grades it. For peer feedback, <see cref="SubjectUserId"/> is the colleague being rated.
/// </summary>
public sealed class AttemptEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public string? ContextId { get; set; }
    public string? ResourceLinkId { get; set; }
    public required string UserId { get; set; }
    public string? UserName { get; set; }
    public required string InstrumentCode { get; set; }
    public int InstrumentVersion { get; set; }
    public string? SubjectUserId { get; set; }
    public int Status { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public double? ScoreGiven { get; set; }
    public double? ScoreMaximum { get; set; }
    public bool GradingComplete { get; set; }

    /// <summary>
    /// The module the attempt was taken for (from that module's page), when it was: a submission counts as evidence for one
    /// module only unless the programme shares it (see ModuleEvidence), and this says which one.
    /// </summary>
    public string? ModuleCode { get; set; }

    /// <summary>
    /// What the attempt measured, frozen as JSON when it was submitted and again when it was reviewed: the result page is
    /// rendered from it, so later attempts, re-scored content or a changing profile never change an old result.
    /// </summary>
    public string? ResultRecord { get; set; }

    public List<ResponseEntity> Responses { get; set; } = [];
}

/// <summary>The answer to one item of an attempt, written as it is given.</summary>
public sealed class ResponseEntity
{
    public required string AttemptId { get; set; }
    public required string ItemCode { get; set; }
    public int? LikertValue { get; set; }

    /// <summary>Chosen option codes separated by spaces (codes never contain one).</summary>
    public string? SelectedOptions { get; set; }

    public string? Text { get; set; }
    public string? FileName { get; set; }
    public string? FileContentType { get; set; }
    public byte[]? FileContent { get; set; }

    /// <summary>Rubric points per criterion as JSON, set by an instructor.</summary>
    public string? RubricPoints { get; set; }

    public string? ScoredBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A teacher's request to a colleague of the same course to rate them (peer / 360 feedback).</summary>
public sealed class PeerInvitationEntity
{
    public required string Id { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string ContextId { get; set; }
    public required string SubjectUserId { get; set; }
    public string? SubjectName { get; set; }
    public required string PeerUserId { get; set; }
    public string? PeerName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// The outbox row of one attempt's or module completion's grade (AGS 2.0 §3.4; <see cref="AttemptId"/> holds the id of either): written in the same transaction as the submission or the rubric
/// re-score, and sent to the LMS by the dispatcher. It keeps everything the score needs, because the launch session it came
/// from is swept long before a dead LMS comes back. <see cref="Timestamp"/> grows with every re-score: platforms keep the
/// newest score and Moodle refuses one that is not newer.
/// </summary>
public sealed class GradeDeliveryEntity
{
    public required string AttemptId { get; set; }
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public string? ContextId { get; set; }
    public string? LineItemsUrl { get; set; }
    public string? LineItemUrl { get; set; }
    public string? ResourceLinkId { get; set; }
    public required string ResourceId { get; set; }
    public required string Label { get; set; }
    public required string UserId { get; set; }
    public string? UserName { get; set; }
    public double ScoreGiven { get; set; }
    public double ScoreMaximum { get; set; }
    public int GradingProgress { get; set; }
    public DateTimeOffset Timestamp { get; set; }
    public int Status { get; set; }
    public int Tries { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>
    /// The grade may go only to a column the course already has (found by <see cref="ResourceId"/>), never to a new one: a
    /// module completed outside a course that attached the module must not add a column the course designer did not ask for.
    /// </summary>
    public bool LineItemMustExist { get; set; }

    /// <summary>The reviewer's comment sent with a fully graded score (AGS 2.0 §3.4.7 <c>comment</c>); null when there is none.</summary>
    public string? Comment { get; set; }

    /// <summary>
    /// When the graded work was handed in. <see cref="Timestamp"/> moves forward with every re-score; this does not, so Canvas is
    /// told the real submission time and a review is not recorded as a new submission.
    /// </summary>
    public DateTimeOffset? SubmittedAt { get; set; }
}

/// <summary>
/// An instructor's review of a submitted practical task beyond its rubric points (those stay on the responses): the comment the
/// teacher reads and the LMS receives with the reviewed grade. One row per attempt, replaced by each later review.
/// </summary>
public sealed class AttemptReviewEntity
{
    /// <summary>The longest comment kept; the review form says so and refuses longer text.</summary>
    public const int CommentMaxLength = 2000;

    public required string AttemptId { get; set; }
    public string? Comment { get; set; }
    public required string ReviewedBy { get; set; }
    public DateTimeOffset ReviewedAt { get; set; }
}

/// <summary>
/// A course's choices about its gradebook, set by its course designers on the course page. <see cref="CreateColumns"/> lets
/// LtiPD create one column per assessment and module that has none (AGS 2.0 §3.2 line-item management); without it an item
/// taken outside its own link is graded only where the course already has a column for it.
/// </summary>
public sealed class CourseGradeSettingsEntity
{
    public int PlatformId { get; set; }
    public required string DeploymentId { get; set; }
    public required string ContextId { get; set; }
    public bool CreateColumns { get; set; }
    public string? ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}
