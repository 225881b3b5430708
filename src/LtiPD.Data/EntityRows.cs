using LtiPD.Data.Entities;

namespace LtiPD.Data;

/// <summary>
/// Whole entities read by hand-written queries (<see cref="LtiPdDbContext.ReadAsync{T}"/>): for each, the select list in the
/// order its reader takes the columns. Every mapped column is in the list, so a row comes back as EF would give it (a test holds
/// the list to the model, and the values to what EF reads).
/// </summary>
public static class EntityRows
{
    public const string AttemptColumns =
        "\"Id\", \"PlatformId\", \"DeploymentId\", \"ContextId\", \"ResourceLinkId\", \"UserId\", \"UserName\", \"InstrumentCode\", " +
        "\"InstrumentVersion\", \"SubjectUserId\", \"Status\", \"StartedAt\", \"UpdatedAt\", \"SubmittedAt\", \"ScoreGiven\", " +
        "\"ScoreMaximum\", \"GradingComplete\", \"ModuleCode\", \"ResultRecord\"";

    /// <summary>An attempt without its responses (they are another table's rows).</summary>
    public static AttemptEntity Attempt(SqlRow r) => new()
    {
        Id = r.Text(0),
        PlatformId = r.Number(1),
        DeploymentId = r.Text(2),
        ContextId = r.TextOrNull(3),
        ResourceLinkId = r.TextOrNull(4),
        UserId = r.Text(5),
        UserName = r.TextOrNull(6),
        InstrumentCode = r.Text(7),
        InstrumentVersion = r.Number(8),
        SubjectUserId = r.TextOrNull(9),
        Status = r.Number(10),
        StartedAt = r.Time(11),
        UpdatedAt = r.Time(12),
        SubmittedAt = r.TimeOrNull(13),
        ScoreGiven = r.RealOrNull(14),
        ScoreMaximum = r.RealOrNull(15),
        GradingComplete = r.Flag(16),
        ModuleCode = r.TextOrNull(17),
        ResultRecord = r.TextOrNull(18),
    };

    public const string PeerInvitationColumns =
        "\"Id\", \"PlatformId\", \"DeploymentId\", \"ContextId\", \"SubjectUserId\", \"SubjectName\", \"PeerUserId\", \"PeerName\", \"CreatedAt\"";

    public static PeerInvitationEntity PeerInvitation(SqlRow r) => new()
    {
        Id = r.Text(0),
        PlatformId = r.Number(1),
        DeploymentId = r.Text(2),
        ContextId = r.Text(3),
        SubjectUserId = r.Text(4),
        SubjectName = r.TextOrNull(5),
        PeerUserId = r.Text(6),
        PeerName = r.TextOrNull(7),
        CreatedAt = r.Time(8),
    };

    public const string ModuleCompletionColumns =
        "\"Id\", \"PlatformId\", \"DeploymentId\", \"ContextId\", \"ResourceLinkId\", \"UserId\", \"UserName\", \"ProgrammeCode\", " +
        "\"ProgrammeVersion\", \"ModuleCode\", \"ScoreGiven\", \"ScoreMaximum\", \"CompletedAt\"";

    public static ModuleCompletionEntity ModuleCompletion(SqlRow r) => new()
    {
        Id = r.Text(0),
        PlatformId = r.Number(1),
        DeploymentId = r.Text(2),
        ContextId = r.TextOrNull(3),
        ResourceLinkId = r.TextOrNull(4),
        UserId = r.Text(5),
        UserName = r.TextOrNull(6),
        ProgrammeCode = r.Text(7),
        ProgrammeVersion = r.Number(8),
        ModuleCode = r.Text(9),
        ScoreGiven = r.Real(10),
        ScoreMaximum = r.Real(11),
        CompletedAt = r.Time(12),
    };
}
