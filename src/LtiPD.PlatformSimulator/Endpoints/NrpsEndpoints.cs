using LtiPD.PlatformSimulator.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace LtiPD.PlatformSimulator.Endpoints;

/// <summary>Names and Role Provisioning Services 2.0: the course's membership container (§3.6) with role filter and paging (§3.7).</summary>
internal static class NrpsEndpoints
{
    public static void Map(IEndpointRouteBuilder group, SimulatorHttp http)
    {
        group.MapGet("/nrps/{contextId}/memberships", http.Recorded(RecordedCallKind.Nrps, faultable: true, Memberships));
        group.Map("/nrps/{**rest}", http.Recorded(RecordedCallKind.Nrps, faultable: false, request =>
            ServiceErrors.Create(
                request, StatusCodes.Status404NotFound, "No such NRPS resource",
                $"{request.Request.Method} {request.Request.Path} is not an NRPS endpoint of this platform.")));
    }

    private static SimResponse Memberships(ServiceRequest request)
    {
        if ((ServiceErrors.Authorize(request, LtiScopes.ContextMembershipReadOnly) ?? ServiceErrors.CheckContext(request)) is { } refused)
        {
            return refused;
        }

        if (!Paging.TryRead(request.Request, out var paging, out var pagingError))
        {
            return ServiceErrors.Create(request, StatusCodes.Status400BadRequest, "Invalid paging", pagingError);
        }

        // NRPS §3.6.1: role filters by full URI or, for context roles, the simple name. rlid (§3.6.2) needs no filtering here:
        // every member of the course can reach every link.
        var role = request.Request.Query["role"].ToString();
        var platform = request.Platform;
        var members = platform.Users
            .Where(user => role.Length == 0 || user.Roles.Any(r => r == role || LtiRoles.ShortName(r) == role))
            .ToList();
        var (page, next) = paging.Apply(members, request.Request);
        var container = new Dictionary<string, object?>
        {
            ["id"] = platform.MembershipsUrl.AbsoluteUri,
            ["context"] = new Dictionary<string, object?>
            {
                ["id"] = platform.Course.Id,
                ["label"] = platform.Course.Label,
                ["title"] = platform.Course.Title,
            },
            ["members"] = page.Select(user => Member(user, platform.Flavor)).ToList(),
        };
        var response = SimResponse.Json(StatusCodes.Status200OK, container, LtiMediaTypes.MembershipContainer);
        return next is null ? response : response.WithHeader("Link", Paging.NextLink(next, curlyQuotes: false));
    }

    /// <summary>Moodle answers short role names and its LIS/ext fields (see the fixtures); Canvas answers full role URIs.</summary>
    private static Dictionary<string, object?> Member(SimUser user, PlatformFlavor flavor) => flavor == PlatformFlavor.Moodle
        ? new()
        {
            ["status"] = "Active",
            ["roles"] = user.Roles.Select(LtiRoles.ShortName).ToArray(),
            ["user_id"] = user.Sub,
            ["lis_person_sourcedid"] = "",
            ["name"] = user.Name,
            ["given_name"] = user.GivenName,
            ["family_name"] = user.FamilyName,
            ["email"] = user.Email,
            ["ext_user_username"] = user.Username,
        }
        : new()
        {
            ["status"] = "Active",
            ["name"] = user.Name,
            ["given_name"] = user.GivenName,
            ["family_name"] = user.FamilyName,
            ["email"] = user.Email,
            ["user_id"] = user.Sub,
            ["roles"] = user.Roles.ToArray(),
        };
}
