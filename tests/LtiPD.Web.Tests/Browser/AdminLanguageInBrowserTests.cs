using System.Text.RegularExpressions;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace LtiPD.Web.Tests.Browser;

/// <summary>An administrator whose browser asks for English presses "Қазақша" on the sign-in page and reads Kazakh from then on.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminLanguageInBrowserTests(BrowserFixture browser, LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [SkippableFact]
    public async Task TheLanguageChosenOnTheSignInPageHoldsAfterSigningInAndOnTheNextPage()
    {
        Skip.IfNot(BrowserFixture.Available, BrowserSkip.ChromiumMissing);
        await using var context = await browser.Browser!.NewContextAsync(new() { Locale = "en", ViewportSize = new() { Width = 800, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(env.Tool.BaseUrl, "admin/login").AbsoluteUri);
        Assert.Equal("Admin sign-in", await page.Locator("h1").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Қазақша" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin/login$"));
        Assert.Equal("Әкімшінің кіруі", await page.Locator("h1").InnerTextAsync());
        await page.GetByLabel("Әкімші құпиясы").FillAsync(ToolFactory.AdminSecret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Кіру", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/admin$"));

        Assert.Equal("Әкімшілендіру", await page.Locator("h1").InnerTextAsync());
        Assert.Equal("true", await page.GetByRole(AriaRole.Button, new() { Name = "Қазақша" }).GetAttributeAsync("aria-pressed"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Берілген сертификаттар" }).ClickAsync();
        Assert.Equal("Берілген сертификаттар", await page.Locator("h1").InnerTextAsync());
    }
}
