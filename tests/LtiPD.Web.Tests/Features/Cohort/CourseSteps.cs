using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;

namespace LtiPD.Web.Tests.Features.Cohort;

/// <summary>What the cohort tests do as the browser: launch someone into a course of their own, hand in an assessment, post a form.</summary>
internal sealed class CourseSteps(LtiEnvironment env)
{
    public SimUser Designer => env.Platform.Designer;

    /// <summary>The simulator's six PD participants (LTI learners): Sam, then Ana, Ben, Chen, Dana and Eli.</summary>
    public SimUser Teacher(int n) => env.Platform.Users.Where(u => u.Roles.Any(r => r.EndsWith("#Learner", StringComparison.Ordinal))).ElementAt(n);

    /// <summary>Launches <paramref name="user"/> into the course <paramref name="contextId"/>: the platform signs that context id.</summary>
    public async Task<string> LaunchAsync(SimUser user, string contextId)
    {
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            var context = (Dictionary<string, object?>)draft.Claims[Claims.Context]!;
            context["id"] = contextId;
            context["title"] = $"Course {contextId}";
        });
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    /// <summary>
    /// Submits an assessment with the given fields, on purpose (as "Submit anyway" does when items are left unanswered), and
    /// returns the attempt id the result page is for.
    /// </summary>
    public async Task<string> SubmitAsync(string session, string instrument, IEnumerable<(string Name, string Value)> fields)
    {
        using var response = await PostAsync($"s/{session}/assess/{instrument}?handler=Submit", fields.Append(("confirmed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith($"/s/{session}/result/", location, StringComparison.Ordinal);
        return location[$"/s/{session}/result/".Length..];
    }

    public Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => env.Driver().GetAsync(path);

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    public async Task<HttpResponseMessage> PostAsync(string path, HttpContent content)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, content);
    }

    public static string NewContextId() => "course-" + Guid.NewGuid().ToString("N")[..8];
}
