using System.Net;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Development;

/// <summary>
/// Course designers export their platform's target profiles and import an edited document: a valid one becomes the platform's own
/// and is what export gives back; an invalid one lists every problem and stores nothing; a Learner cannot open the page.
/// </summary>
public sealed class TargetProfilesPageTests(LtiEnvironment env) : IClassFixture<LtiEnvironment>
{
    [Fact]
    public async Task AnEditedExportImportsBackAndAnInvalidDocumentListsItsProblemsAndStoresNothing()
    {
        var designer = (await env.Driver().LaunchAsync(env.Platform.Designer)).SessionId!;
        var (status, exported) = await env.Driver().GetAsync($"s/{designer}/development/targets?handler=Export&programme=teaching-programming");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("\"format\": \"ltipd-targets/1\"", exported, StringComparison.Ordinal);

        using var invalid = await PostAsync($"s/{designer}/development/targets",
            [("programme", "teaching-programming"), ("document", exported.Replace("\"sub-programming\"", "\"no-such-competency\"", StringComparison.Ordinal))]);
        var body = await invalid.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Contains("id=\"targets-problems\"", body, StringComparison.Ordinal);
        Assert.Contains("no-such-competency", body, StringComparison.Ordinal);
        Assert.False(await env.Tool.WithDbAsync(db => db.TargetProfiles.AnyAsync()));

        var edited = exported.Replace("\"sub-programming\": \"high\"", "\"sub-programming\": \"advanced\"", StringComparison.Ordinal);
        Assert.NotEqual(exported, edited);
        using var imported = await PostAsync($"s/{designer}/development/targets", [("programme", "teaching-programming"), ("document", edited)]);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var (_, again) = await env.Driver().GetAsync($"s/{designer}/development/targets?handler=Export&programme=teaching-programming");
        Assert.Contains("\"sub-programming\": \"advanced\"", again, StringComparison.Ordinal);
        var (_, page) = await env.Driver().GetAsync($"s/{designer}/development/targets");
        Assert.Contains("This LMS uses its own document.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALearnerIsRefusedTheTargetProfilesPage()
    {
        var learner = (await env.Driver().LaunchAsync(env.Platform.AddLearners(1)[0])).SessionId!;

        var (status, _) = await env.Driver().GetAsync($"s/{learner}/development/targets");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }
}
