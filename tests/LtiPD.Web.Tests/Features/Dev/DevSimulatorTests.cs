using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Features.Dev;

public sealed class DevSimulatorTests
{
    [Fact]
    public async Task InProductionTheSimulatorDoesNotExist()
    {
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), "Production");
        using var client = tool.CreateRawClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("dev")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("dev/platform/jwks")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("dev/platform/launch?user=teacher")).StatusCode);
    }

    [Fact]
    public async Task InDevelopmentTheToolCallsTheBuiltInSimulatorOverLoopbackHttpWithNoOutboundSettings()
    {
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), "Development");
        using var client = tool.CreateRawClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("dev")).StatusCode);
        var platform = tool.Services.GetRequiredService<SimulatedPlatform>();

        var outcome = await new LaunchDriver(tool, platform).LaunchAsync(platform.Teacher);

        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        Assert.NotNull(outcome.SessionId);
        Assert.Equal("http", platform.JwksUrl.Scheme);
        Assert.Single(platform.Recorder.OfKind(RecordedCallKind.Jwks));
    }
}

[Collection(BrowserCollection.Name)]
public sealed class DevSimulatorBrowserTests(BrowserFixture browser)
{
    [SkippableTheory]
    [InlineData("Launch as teacher", "teacher")]
    [InlineData("Launch as course designer", "designer")]
    public async Task InDevelopmentANewcomerLaunchesFromTheDevPage(string link, string expectedRole)
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), "Development");
        await using var context = await browser.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(new Uri(tool.BaseUrl, "dev").AbsoluteUri);
        await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();

        await page.Locator($"#page-title[data-role='{expectedRole}']").WaitForAsync(new() { Timeout = 45_000 });
    }

    [SkippableFact]
    public async Task ANewcomerChoosesAColleagueAndRussianAndTheToolAnswersInRussian()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed (apt-get install chromium); .ci/run installs it.");
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), "Development");
        await using var context = await browser.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(tool.BaseUrl, "dev").AbsoluteUri);
        var colleague = tool.Services.GetRequiredService<SimulatedPlatform>().Users
            .First(u => u.Sub is not ("2" or "3" or "4") && u.Roles.Any(r => r.EndsWith("membership#Learner", StringComparison.Ordinal)));

        await page.GetByLabel("Person").SelectOptionAsync(colleague.Sub);
        await page.GetByLabel("Language of the launch").SelectOptionAsync("ru_RU");
        await page.GetByLabel("Shown").SelectOptionAsync("window");
        await page.GetByRole(AriaRole.Button, new() { Name = "Launch", Exact = true }).ClickAsync();

        await page.Locator("#page-title[data-role='teacher']").WaitForAsync(new() { Timeout = 45_000 });
        Assert.Equal("ru", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Contains(colleague.Name, await page.ContentAsync(), StringComparison.Ordinal);
    }
}
