namespace LtiPD.Domain.People;

/// <summary>
/// Who owns a row: one person of one platform deployment. A user id means nothing on its own (two platforms, or two
/// deployments of one platform, may both have a user "4"), so data access takes the three together, never a web session:
/// background jobs have none.
/// </summary>
public sealed record PersonScope(int PlatformId, string DeploymentId, string UserId)
{
    /// <summary>This person in one course of their platform deployment.</summary>
    public PersonInCourse In(string? contextId) => new(PlatformId, DeploymentId, contextId, UserId);
}

/// <summary>
/// One course of a platform deployment (the LTI context, Core 1.3 §5.4.1). A launch without a context has
/// <see cref="ContextId"/> null: it is a scope of its own for the person's rows, and no course for a designer's pages.
/// </summary>
public sealed record CourseScope(int PlatformId, string DeploymentId, string? ContextId)
{
    /// <summary>False for a launch without a context, whose designer has no course to see.</summary>
    public bool IsCourse => ContextId is not null;
}

/// <summary>
/// One person in one course: what an attempt, a module completion and a peer invitation belong to. Looking such a row up
/// by the person alone would let a launch in one course resume, submit or grade what was started in another.
/// </summary>
public sealed record PersonInCourse(int PlatformId, string DeploymentId, string? ContextId, string UserId)
{
    public PersonScope Person => new(PlatformId, DeploymentId, UserId);

    public CourseScope Course => new(PlatformId, DeploymentId, ContextId);
}
