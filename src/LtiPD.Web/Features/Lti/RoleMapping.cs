using LtiPD.Domain.People;

namespace LtiPD.Web.Features.Lti;

/// <summary>
/// Maps the roles claim (LTI Core 1.3 §5.3.7, role vocabularies in Appendix A) to what a person may do
/// in LtiPD. Context (membership) roles decide the course role; institution and system roles count only
/// for administrators. The deprecated simple names ("Instructor") are accepted as context roles (§A.2.3).
/// Unknown roles and an empty list make a teacher: the least a launch can grant.
/// </summary>
public static class RoleMapping
{
    private const string Membership = "http://purl.imsglobal.org/vocab/lis/v2/membership#";
    private const string InstructorSubRole = "http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#";
    private const string InstitutionPerson = "http://purl.imsglobal.org/vocab/lis/v2/institution/person#";
    private const string SystemPerson = "http://purl.imsglobal.org/vocab/lis/v2/system/person#";

    private static readonly HashSet<string> AdministratorRoles = new(StringComparer.Ordinal)
    {
        Membership + "Administrator",
        InstitutionPerson + "Administrator",
        SystemPerson + "Administrator",
        SystemPerson + "SysAdmin",
        "Administrator",
    };

    private static readonly HashSet<string> DesignerRoles = new(StringComparer.Ordinal)
    {
        Membership + "Instructor",
        Membership + "ContentDeveloper",
        InstructorSubRole + "TeachingAssistant",
        "Instructor",
        "ContentDeveloper",
        "TeachingAssistant",
    };

    public static ToolRole ToToolRole(IEnumerable<string> roles)
    {
        var result = ToolRole.Teacher;
        foreach (var role in roles)
        {
            if (AdministratorRoles.Contains(role))
                return ToolRole.Administrator;
            if (DesignerRoles.Contains(role) || role.StartsWith(InstructorSubRole, StringComparison.Ordinal))
                result = ToolRole.CourseDesigner;
        }
        return result;
    }
}
