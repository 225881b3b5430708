using System.Text.Json;
using System.Text.Json.Nodes;
using LtiPD.Lti;
using LtiPD.Lti.Messages;

namespace LtiPD.Web.Tests.Features.Lti;

/// <summary>The claims pages read back from a session's stored payload (the id_token's claims as Moodle sent them).</summary>
public sealed class StoredPayloadTests
{
    private static JsonObject MoodleClaims(string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "moodle-4.5.6", file)))!["claims"]!.AsObject();

    [Theory]
    [InlineData("id_token-LtiResourceLinkRequest-learner-iframe.json")]
    [InlineData("id_token-LtiResourceLinkRequest-instructor-frame.json")]
    [InlineData("id_token-LtiDeepLinkingRequest-instructor-None.json")]
    public void TheRosterServiceReadAloneIsTheOneTheWholeMessageCarries(string file)
    {
        var payload = MoodleClaims(file).ToJsonString();

        var whole = LtiMessage.FromValidatedPayload(payload)!.NamesRoleService;
        var alone = LtiMessage.NamesRoleServiceOf(payload);

        Assert.NotNull(whole?.ContextMembershipsUrl);
        Assert.Equal(whole.ContextMembershipsUrl, alone?.ContextMembershipsUrl);
        Assert.Equal(whole.ServiceVersions, alone?.ServiceVersions);
    }

    [Fact]
    public void ALaunchWithoutTheRosterServiceHasNone()
    {
        var claims = MoodleClaims("id_token-LtiResourceLinkRequest-learner-iframe.json");
        claims.Remove(LtiClaims.NamesRoleService);

        Assert.Null(LtiMessage.NamesRoleServiceOf(claims.ToJsonString()));
    }

    [Fact]
    public void OnlyTheTopLevelClaimCountsNotAnObjectOfTheSameNameInsideAnotherClaim()
    {
        var claims = MoodleClaims("id_token-LtiResourceLinkRequest-learner-iframe.json");
        claims.Remove(LtiClaims.NamesRoleService);
        claims[LtiClaims.Custom] = new JsonObject
        {
            [LtiClaims.NamesRoleService] = new JsonObject { ["context_memberships_url"] = "https://attacker.example/members" },
        };
        claims[LtiClaims.NamesRoleService] = new JsonObject { ["context_memberships_url"] = "https://lms.example/members" };

        Assert.Equal("https://lms.example/members", LtiMessage.NamesRoleServiceOf(claims.ToJsonString())?.ContextMembershipsUrl);
        claims.Remove(LtiClaims.NamesRoleService);
        Assert.Null(LtiMessage.NamesRoleServiceOf(claims.ToJsonString()));
    }

    [Fact]
    public void APayloadThatIsNotJsonHasNoRosterService() =>
        Assert.Null(LtiMessage.NamesRoleServiceOf("{\"sub\": "));
}
