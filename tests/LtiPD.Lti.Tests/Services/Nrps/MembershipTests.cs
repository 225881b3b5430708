using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Nrps;
using LtiPD.Lti.Tests.Support;
using LtiPD.PlatformSimulator;

namespace LtiPD.Lti.Tests.Services.Nrps;

public sealed class MembershipTests
{
    private const string Learner = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    private const string Instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    [Fact]
    public async Task EveryMemberIsReadAcrossPagesWithTheCourseContext()
    {
        await using var env = await ServiceEnvironment.StartAsync();

        var result = await env.Nrps.ListMembersAsync(env.Registration, env.Platform.MembershipsUrl, new MembershipFilter(Limit: 3), default);

        Assert.True(result.IsSuccess, result.Outcome.ToString());
        Assert.Equal(env.Platform.Users.Select(u => u.Sub), result.Value!.Members.Select(m => m.UserId));
        Assert.Equal(("2", "LTI101", "LTI Test Course"), (result.Value.Context!.Id, result.Value.Context.Label, result.Value.Context.Title));
        var pages = env.Platform.Recorder.OfKind(RecordedCallKind.Nrps);
        Assert.Equal(3, pages.Count);
        Assert.All(pages, call => Assert.Equal(NrpsMediaTypes.MembershipContainer, call.Headers["Accept"]));
    }

    [Fact]
    public async Task MoodleMembersFilteredByShortRoleNameKeepTheirFields()
    {
        await using var env = await ServiceEnvironment.StartAsync();

        var result = await env.Nrps.ListMembersAsync(env.Registration, env.Platform.MembershipsUrl, new MembershipFilter(Role: "Learner", Limit: 4), default);

        var members = result.Value!.Members;
        Assert.Equal(6, members.Count);
        Assert.All(members, m => Assert.Equal(["Learner"], m.Roles));
        Assert.All(members, m => Assert.True(m.HasRole(Learner) && m.HasRole("Learner") && !m.HasRole(Instructor)));
        var sam = members.Single(m => m.UserId == env.Platform.Teacher.Sub);
        Assert.Equal(("Sam Student", "Sam", "Student", "student1@example.com", "Active", ""),
            (sam.Name, sam.GivenName, sam.FamilyName, sam.Email, sam.Status, sam.LisPersonSourcedId));
        Assert.True(sam.IsActive);
        Assert.Contains(env.Platform.Recorder.OfKind(RecordedCallKind.Nrps), c => c.PathAndQuery.Contains("from=4", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CanvasMembersFilteredByFullRoleUriCarryFullRoleUris()
    {
        await using var env = await ServiceEnvironment.StartAsync(PlatformFlavor.Canvas);

        var result = await env.Nrps.ListMembersAsync(env.Registration, env.Platform.MembershipsUrl, new MembershipFilter(Role: Instructor, Limit: 1), default);

        var members = result.Value!.Members;
        Assert.Equal([env.Platform.Designer.Sub, env.Platform.Administrator.Sub], members.Select(m => m.UserId));
        Assert.All(members, m => Assert.Contains(Instructor, m.Roles));
        Assert.All(members, m => Assert.True(m.HasRole("Instructor")));
        Assert.Equal(2, env.Platform.Recorder.OfKind(RecordedCallKind.Nrps).Count);
    }

    [Fact]
    public async Task AFailingPageFailsTheWholeListing()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        env.Platform.Faults.RetryAfterSeconds = 30;
        env.Platform.Faults.Override = request => request.Query["from"] == "3" ? 429 : null;

        var result = await env.Nrps.ListMembersAsync(env.Registration, env.Platform.MembershipsUrl, new MembershipFilter(Limit: 3), default);

        Assert.False(result.IsSuccess);
        Assert.Null(result.Value);
        Assert.Equal((ServiceOutcomeKind.Transient, 429, TimeSpan.FromSeconds(30)), (result.Outcome.Kind, result.Outcome.Status, result.Outcome.RetryAfter));
    }

    [Fact]
    public async Task AnUnknownContextIsAPermanentRefusal()
    {
        await using var env = await ServiceEnvironment.StartAsync();
        var elsewhere = new Uri(env.Platform.BaseUrl, "nrps/99/memberships");

        var result = await env.Nrps.ListMembersAsync(env.Registration, elsewhere, null, default);

        Assert.Equal((ServiceOutcomeKind.Permanent, 404, ServiceFailure.Refused), (result.Outcome.Kind, result.Outcome.Status, result.Outcome.Failure));
    }
}
