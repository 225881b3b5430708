using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LtiPD.Web.Tests.Features.Admin;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Modules;

/// <summary>
/// A tool and a platform simulator, with one administrator sign-in shared by the test class: signing in is rate-limited, and the
/// design pages are tested from both sides (designers in the LMS, administrators on /admin).
/// </summary>
public sealed class DesignEnvironment : LtiEnvironment
{
    private readonly SemaphoreSlim _signIn = new(1, 1);
    private CookieContainer? _cookies;

    public async Task<HttpClient> AdminClientAsync()
    {
        await _signIn.WaitAsync();
        try
        {
            if (_cookies is null)
            {
                var cookies = new CookieContainer();
                using var client = Tool.CreateRawClient(cookies);
                var login = await client.GetStringAsync("admin/login");
                using var signIn = await client.PostAsync("admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["Secret"] = ToolFactory.AdminSecret, ["__RequestVerificationToken"] = FrameworkAdminTests.Token(login),
                }));
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
                _cookies = cookies;
            }
        }
        finally
        {
            _signIn.Release();
        }
        return Tool.CreateRawClient(_cookies);
    }

    /// <summary>Imports a programme on the administrators' page, pasted or as an uploaded file, with the page's antiforgery token.</summary>
    public async Task<HttpResponseMessage> ImportAsync(string? document = null, string? file = null)
    {
        using var client = await AdminClientAsync();
        var page = await client.GetStringAsync("admin/programmes");
        using var form = ImportForm(document, file);
        form.Add(new StringContent(FrameworkAdminTests.Token(page)), "__RequestVerificationToken");
        return await client.PostAsync("admin/programmes?handler=Import", form);
    }

    /// <summary>The import form as a browser sends it: the pasted document and/or the chosen file (an empty text field when neither).</summary>
    public static MultipartFormDataContent ImportForm(string? document, string? file)
    {
        var form = new MultipartFormDataContent();
        form.Add(new StringContent(document ?? ""), "Document");
        if (file is not null)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(file));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            form.Add(content, "Upload", "programme.json");
        }
        return form;
    }

    /// <summary>A programme document (an export, comments allowed) changed by <paramref name="change"/>, written as a person would.</summary>
    public static string Edit(string document, Action<JsonNode> change)
    {
        var node = JsonNode.Parse(document, documentOptions: Jsonc)!;
        change(node);
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static readonly JsonDocumentOptions Jsonc = new() { CommentHandling = JsonCommentHandling.Skip };
}
