using System.Net;
using LtiPD.Data.Entities;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Feedback;

/// <summary>Steps shared by the feedback and programme tests: launching into a course, a completed module, answers sent as the form does.</summary>
public static class FeedbackSteps
{
    public const string Programme = "teaching-programming";
    public const string Module = "reflective-practice";

    public static string NewCourse() => "course-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Launches the user into the course with this context id; returns the session id.</summary>
    public static async Task<string> LaunchInAsync(LaunchDriver driver, SimUser user, string course)
    {
        var outcome = await driver.LaunchAsync(user, draft => ((Dictionary<string, object?>)draft.Claims[Claims.Context]!)["id"] = course);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    /// <summary>
    /// Records the user's completion of a module in a course as the module page records it when the evidence is in (the module
    /// tests drive the evidence itself): what the feedback loop needs is the completion.
    /// </summary>
    public static Task CompleteAsync(ToolFactory tool, SimulatedPlatform platform, SimUser user, string course, string module = Module) =>
        tool.WithDbAsync(async db =>
        {
            var platformId = await db.Platforms.Where(p => p.Issuer == platform.Issuer).Select(p => p.Id).SingleAsync();
            db.ModuleCompletions.Add(new ModuleCompletionEntity
            {
                Id = Guid.NewGuid().ToString("N"), PlatformId = platformId, DeploymentId = platform.DeploymentId, ContextId = course, UserId = user.Sub,
                ProgrammeCode = Programme, ProgrammeVersion = 1, ModuleCode = module, ScoreGiven = 2, ScoreMaximum = 2, CompletedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });

    /// <summary>Posts the feedback form of a module as the browser would.</summary>
    public static async Task<HttpResponseMessage> AnswerAsync(ToolFactory tool, string sid, string module, string? useful, string? relevant, string? recommend,
        string? comment = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var (name, value) in new[] { ("useful", useful), ("relevant", relevant), ("recommend", recommend), ("comment", comment) })
        {
            if (value is not null)
                fields.Add(KeyValuePair.Create(name, value));
        }
        using var client = tool.CreateRawClient();
        return await client.PostAsync($"s/{sid}/modules/{module}/feedback", new FormUrlEncodedContent(fields));
    }
}
