using System.Net;
using System.Text;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Shared;

/// <summary>
/// Nothing from outside may cause a 500. Every session page and handler is called by a teacher and by a
/// course designer with what a broken client or an attacker might send: unknown ids, very long or odd path
/// segments, bodies that are not forms, forms with values of the wrong kind. Each must answer below 500.
/// </summary>
public sealed class HostileInputTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    private static readonly string[] Pages =
    [
        "home", "design", "grades", "pick", "reliability", "review",
        "assess/social-self-assessment", "assess/peer-feedback", "assess/peer-feedback/no-such-invitation",
        "assess/" + new string('x', 3000), "assess/%00%ff", "result/no-such-attempt", "result/" + new string('9', 500),
        "review/no-such-attempt", "review/no-such-attempt/file/x",
    ];

    private static readonly string[] Handlers = ["", "Save", "Submit", "Answer", "Invite", "Choose", "Cancel", "Resend"];

    [Fact]
    public async Task NoSessionPageAnswersWithAServerErrorWhateverItIsSent()
    {
        var failures = new List<string>();
        foreach (var user in new[] { env.Platform.Teacher, env.Platform.Designer })
        {
            var session = (await env.Driver().LaunchAsync(user)).SessionId!;
            using var client = env.Tool.CreateRawClient();
            foreach (var page in Pages)
            {
                var path = $"s/{session}/{page}";
                await Check(failures, "GET " + path, () => client.GetAsync(path));
                foreach (var handler in Handlers)
                {
                    var target = handler.Length == 0 ? path : $"{path}?handler={handler}&attemptId=nope";
                    await Check(failures, $"POST json {target}", () => client.PostAsync(target, new StringContent("{\"a\":1}", Encoding.UTF8, "application/json")));
                    await Check(failures, $"POST form {target}", () => client.PostAsync(target, new FormUrlEncodedContent(
                        [KeyValuePair.Create("i.x", "<script>"), KeyValuePair.Create("peer", new string('p', 5000)), KeyValuePair.Create("points", "-1e309")])));
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task NoPublicLtiEndpointAnswersWithAServerErrorWhateverItIsSent()
    {
        var failures = new List<string>();
        using var client = env.Tool.CreateRawClient();
        foreach (var path in new[] { "lti/login", "lti/launch", "lti/deeplink", "lti/launch/confirm", "lti/register", "lti/jwks", "lti/config", "lti/canvas.json", "admin/login" })
        {
            await Check(failures, "GET " + path + "?iss=%00&openid_configuration=x&registration_token=" + new string('t', 4000), () => client.GetAsync(path + "?iss=%00&openid_configuration=x&registration_token=" + new string('t', 4000)));
            foreach (var handler in Handlers)
            {
                var target = handler.Length == 0 ? path : $"{path}?handler={handler}";
                await Check(failures, $"POST json {target}", () => client.PostAsync(target, new StringContent("[1,2", Encoding.UTF8, "application/json")));
                await Check(failures, $"POST form {target}", () => client.PostAsync(target, new FormUrlEncodedContent(
                    [KeyValuePair.Create("id_token", "a.b.c"), KeyValuePair.Create("state", new string('s', 5000)), KeyValuePair.Create("session", "x"), KeyValuePair.Create("iss", "https://x")])));
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static async Task Check(List<string> failures, string what, Func<Task<HttpResponseMessage>> call)
    {
        using var response = await call();
        if ((int)response.StatusCode >= 500)
            failures.Add($"{what} → {(int)response.StatusCode}");
    }
}
