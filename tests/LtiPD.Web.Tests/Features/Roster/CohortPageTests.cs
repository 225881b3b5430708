using System.Net;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>
/// The designers' cohort view: the course's members from NRPS (narrowed by role on the LMS's side) with the attempts each
/// handed in, in this course only; learners cannot open it.
/// </summary>
public sealed class CohortPageTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>, IDisposable
{
    private const string LearnerRole = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner";
    private const string InstructorRole = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor";

    public void Dispose() => env.Platform.Faults.Reset();

    [Fact]
    public async Task ALearnerIsRefusedTheCohortPage()
    {
        var steps = new RosterSteps(env);
        var learner = await steps.LaunchAsync(steps.Learner(0));

        var page = await steps.GetAsync($"s/{learner}/cohort");

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("role_forbidden", page.Body, StringComparison.Ordinal);
        Assert.Empty(steps.MembershipCalls());
    }

    [Fact]
    public async Task TheCohortPageCountsTheAttemptsOfThisCourseOnly()
    {
        var here = new RosterSteps(env);
        var elsewhere = new RosterSteps(env);
        var learner = here.Learner(1);
        await here.SubmitSelfAssessmentAsync(await here.LaunchAsync(learner));

        var designerHere = await here.LaunchAsync(env.Platform.Designer);
        var designerElsewhere = await elsewhere.LaunchAsync(env.Platform.Designer);
        var pageHere = await here.GetAsync($"s/{designerHere}/cohort");
        var pageElsewhere = await elsewhere.GetAsync($"s/{designerElsewhere}/cohort");

        Assert.Equal(HttpStatusCode.OK, pageHere.Status);
        Assert.Contains("data-source=\"Lms\"", pageHere.Body, StringComparison.Ordinal);
        Assert.Matches($"<tr data-user=\"{learner.Sub}\">[\\s\\S]*?data-instrument=\"{RosterSteps.SelfAssessment}\">1<", pageHere.Body);
        Assert.Matches($"<tr data-user=\"{learner.Sub}\">[\\s\\S]*?data-instrument=\"{RosterSteps.SelfAssessment}\">0<", pageElsewhere.Body);
        Assert.Equal(env.Platform.Users.Select(u => u.Sub).Order(), RosterSteps.Listed(pageHere.Body).Order());
    }

    [Fact]
    public async Task TheRoleFilterAsksTheLmsForLearnersOrInstructorsOnly()
    {
        var steps = new RosterSteps(env);
        var designer = await steps.LaunchAsync(env.Platform.Designer);

        var learners = RosterSteps.Listed((await steps.GetAsync($"s/{designer}/cohort?role=learner")).Body);
        var instructors = RosterSteps.Listed((await steps.GetAsync($"s/{designer}/cohort?role=instructor")).Body);

        Assert.Equal(env.Platform.Users.Where(u => u.Roles.Contains(LearnerRole)).Select(u => u.Sub).Order(), learners.Order());
        Assert.Equal([env.Platform.Administrator.Sub, env.Platform.Designer.Sub], instructors.Order());
        var asked = steps.MembershipCalls().Select(c => Uri.UnescapeDataString(c.PathAndQuery)).ToList();
        Assert.Contains(asked, q => q.Contains("role=" + LearnerRole, StringComparison.Ordinal));
        Assert.Contains(asked, q => q.Contains("role=" + InstructorRole, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutNrpsTheCohortIsThePeopleWhoLaunchedAndAFailingLmsIsNoError()
    {
        var steps = new RosterSteps(env);
        await steps.LaunchAsync(steps.Learner(2), withNrps: false);
        var designer = await steps.LaunchAsync(env.Platform.Designer, withNrps: false);
        var failing = new RosterSteps(env);
        failing.FailMemberships(500);
        var designerOfFailing = await failing.LaunchAsync(env.Platform.Designer);

        var page = await steps.GetAsync($"s/{designer}/cohort");
        var learnersOnly = await steps.GetAsync($"s/{designer}/cohort?role=learner");
        var pageOfFailing = await failing.GetAsync($"s/{designerOfFailing}/cohort");

        Assert.Contains("data-source=\"KnownLaunchers\"", page.Body, StringComparison.Ordinal);
        Assert.Equal([env.Platform.Designer.Sub, steps.Learner(2).Sub], RosterSteps.Listed(page.Body).Order());
        Assert.Equal([steps.Learner(2).Sub], RosterSteps.Listed(learnersOnly.Body));
        Assert.Equal(HttpStatusCode.OK, pageOfFailing.Status);
        Assert.Contains("data-source=\"KnownLaunchers\"", pageOfFailing.Body, StringComparison.Ordinal);
        Assert.Equal([env.Platform.Designer.Sub], RosterSteps.Listed(pageOfFailing.Body));
    }
}
