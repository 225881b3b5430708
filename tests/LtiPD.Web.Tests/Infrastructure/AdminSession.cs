using System.Net;
using System.Text.RegularExpressions;

namespace LtiPD.Web.Tests.Infrastructure;

/// <summary>An HTTP client signed in to a tool's admin pages, posting forms with their antiforgery token as a browser would.</summary>
public static partial class AdminSession
{
    public static async Task<HttpClient> SignInAsync(Uri baseUrl)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = baseUrl,
        };
        using var signIn = await PostFormAsync(client, "admin/login", new() { ["Secret"] = ToolFactory.AdminSecret });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return client;
    }

    /// <summary>Fetches the page first for its antiforgery token, then posts the form to <paramref name="path"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form)
    {
        var page = await client.GetStringAsync(path.Split('?')[0]);
        form["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
