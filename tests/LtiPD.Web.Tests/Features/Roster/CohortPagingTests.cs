using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>A course of 2,000 members: the cohort page shows fifty at a time, with the way to every other page.</summary>
public sealed partial class CohortPagingTests(LtiEnvironment env, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<LtiEnvironment>
{
    [Fact]
    public async Task ACourseOfTwoThousandIsShownFiftyMembersAPageWithTheWayToEveryPage()
    {
        env.Platform.AddLearners(2_000);
        var designer = (await env.Driver().LaunchAsync(env.Platform.Designer)).SessionId!;
        await env.Driver().GetAsync($"s/{designer}/cohort"); // the roster is read from the LMS once, then cached

        var clock = Stopwatch.StartNew();
        var (status, first) = await env.Driver().GetAsync($"s/{designer}/cohort");
        var elapsed = clock.Elapsed;

        Assert.Equal(HttpStatusCode.OK, status);
        var total = int.Parse(Caption().Match(first).Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(total > 2_000, $"the caption counts the whole cohort, not the page ({total})");
        var pages = (total + 49) / 50;
        Assert.Equal(50, Row().Count(first));
        Assert.Contains($"Page 1 of {pages}", first, StringComparison.Ordinal);
        Assert.Contains($"href=\"/s/{designer}/cohort?page=2\"", first, StringComparison.Ordinal);
        Assert.True(elapsed < TimeSpan.FromSeconds(3), $"a page of a 2,000-member cohort took {elapsed.TotalMilliseconds:0} ms");

        var (_, last) = await env.Driver().GetAsync($"s/{designer}/cohort?page={pages}");
        Assert.Equal(total - 50 * (pages - 1), Row().Count(last));
        Assert.DoesNotContain("id=\"pager-next\"", last, StringComparison.Ordinal);

        var (_, beyond) = await env.Driver().GetAsync($"s/{designer}/cohort?page=100000");
        Assert.Contains($"Page {pages} of {pages}", beyond, StringComparison.Ordinal);

        // The drill-down into one member of the 2,000, from the link on their row: someone with nothing handed in is looked up
        // in the whole roster, the slowest case of the member page.
        var member = WebUtility.HtmlDecode(MemberLink().Matches(last)[^1].Groups[1].Value);
        clock.Restart();
        var (memberStatus, memberPage) = await env.Driver().GetAsync(member);
        var memberElapsed = clock.Elapsed;
        output.WriteLine($"cohort page: {elapsed.TotalMilliseconds:0} ms; a member's page: {memberElapsed.TotalMilliseconds:0} ms");
        Assert.Equal(HttpStatusCode.OK, memberStatus);
        Assert.Contains("id=\"member-empty\"", memberPage, StringComparison.Ordinal);
        Assert.True(memberElapsed < TimeSpan.FromSeconds(1), $"a member's page in a 2,000-member course took {memberElapsed.TotalMilliseconds:0} ms");
    }

    [GeneratedRegex("<th scope=\"row\"><a href=\"([^\"]+)\">")]
    private static partial Regex MemberLink();

    [GeneratedRegex("<caption>([0-9,]+) members</caption>")]
    private static partial Regex Caption();

    [GeneratedRegex("<tr data-user=")]
    private static partial Regex Row();
}
