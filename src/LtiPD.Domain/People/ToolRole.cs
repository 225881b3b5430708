namespace LtiPD.Domain.People;

/// <summary>
/// What a person may do in LtiPD, derived from their LMS roles at launch. Ordered by reach: a role
/// includes what the roles before it may do only where a page says so, never implicitly.
/// </summary>
public enum ToolRole
{
    /// <summary>A university teacher in their own professional development (LTI Learner, or no known role).</summary>
    Teacher = 0,

    /// <summary>Attaches assessments and modules to courses and sees cohort results (Instructor, ContentDeveloper, TeachingAssistant).</summary>
    CourseDesigner = 1,

    /// <summary>An LMS administrator (institution or system administrator, or context Administrator).</summary>
    Administrator = 2,
}
