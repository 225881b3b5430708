using System.Text.Json.Nodes;
using LtiPD.Domain.Credentials;

namespace LtiPD.Domain.Tests.Credentials;

public sealed class OpenBadgeCredentialTests
{
    private static readonly DateTimeOffset Issued = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static CredentialDraft Draft(HashedEmail? email = null, DateTimeOffset? until = null) => new(
        new Uri("https://ltipd.example.edu/credentials/abc"), "Reflective practitioner", "Analyses teaching situations.",
        new IssuerProfile(new Uri("https://ltipd.example.edu/credentials/issuers/1"), "Example University", new Uri("https://moodle.example.edu"), "Example University, through LtiPD."),
        new AchievementDefinition(new Uri("urn:uuid:7a0c7f9e-1b1e-5f0e-9a52-1b3f0f0c1d2e"), "MicroCredential", "Reflective practitioner", "Analyses teaching situations.",
            "Passed the test and answered the self-assessment in full.", new Uri("https://ltipd.example.edu/static/credential-badge.svg"), "reflective-practice",
            [new AchievementAlignment("Reflection", new Uri("https://ltipd.example.edu/uri/1"), "soc-reflection", "LtiPD default", "CFItem")]),
        new SubjectIdentity(new Uri("urn:uuid:0b8f6a1e-4c1d-4f5e-8a9b-0c1d2e3f4a5b"), email),
        [new EvidenceItem("Test: teaching-situations", "Submitted on 2026-12-02T09:00:00Z; it reached 80% where the pass mark is 60%.", "Test")],
        Issued, until, new StatusEntry(new Uri("https://ltipd.example.edu/credentials/status/1"), 4242));

    [Fact]
    public void TheMappedCredentialHasEveryFieldOpenBadges3Requires()
    {
        var json = OpenBadgeCredential.ToJson(Draft(HashedEmail.Of("Teacher@Example.edu ", "salt")));

        Assert.Empty(CredentialStructure.Check(json));
        Assert.Equal(OpenBadgeCredential.VcContext, json["@context"]![0]!.GetValue<string>());
        Assert.Equal(OpenBadgeCredential.ObContext, json["@context"]![1]!.GetValue<string>());
        Assert.Equal(["VerifiableCredential", "OpenBadgeCredential"], json["type"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("2026-12-02T10:00:00Z", json["validFrom"]!.GetValue<string>());
        Assert.Null(json["validUntil"]);
    }

    [Fact]
    public void AnEmailIsHashedWithItsSaltAsAnIdentityObjectAndNeverAppearsInClear()
    {
        var json = OpenBadgeCredential.ToJson(Draft(HashedEmail.Of("Teacher@Example.edu ", "salt")));
        var identity = json["credentialSubject"]!["identifier"]![0]!;

        Assert.Equal("IdentityObject", identity["type"]!.GetValue<string>());
        Assert.Equal("emailAddress", identity["identityType"]!.GetValue<string>());
        Assert.True(identity["hashed"]!.GetValue<bool>());
        Assert.Equal(HashedEmail.Hash("teacher@example.edu", "salt"), identity["identityHash"]!.GetValue<string>());
        Assert.StartsWith("sha256$", identity["identityHash"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("example.edu\"", json.ToJsonString().Replace("https://", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheStatusEntryIsABitstringStatusListEntryWithTheIndexAsAString()
    {
        var status = OpenBadgeCredential.ToJson(Draft())["credentialStatus"]!;

        Assert.Equal("BitstringStatusListEntry", status["type"]!.GetValue<string>());
        Assert.Equal("revocation", status["statusPurpose"]!.GetValue<string>());
        Assert.Equal("4242", status["statusListIndex"]!.GetValue<string>());
        Assert.Equal("https://ltipd.example.edu/credentials/status/1", status["statusListCredential"]!.GetValue<string>());
    }

    [Fact]
    public void TheJwtClaimsAreMappedFromTheCredential()
    {
        var until = Issued.AddYears(1);
        var json = OpenBadgeCredential.ToJson(Draft(until: until));

        var payload = OpenBadgeCredential.JwtPayload(json, Issued, until);

        Assert.Equal("https://ltipd.example.edu/credentials/issuers/1", payload["iss"]!.GetValue<string>());
        Assert.Equal("https://ltipd.example.edu/credentials/abc", payload["jti"]!.GetValue<string>());
        Assert.Equal("urn:uuid:0b8f6a1e-4c1d-4f5e-8a9b-0c1d2e3f4a5b", payload["sub"]!.GetValue<string>());
        Assert.Equal(Issued.ToUnixTimeSeconds(), payload["nbf"]!.GetValue<long>());
        Assert.Equal(until.ToUnixTimeSeconds(), payload["exp"]!.GetValue<long>());
        Assert.Equal("2027-12-02T10:00:00Z", payload["validUntil"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("@context", "@context[0] (https://www.w3.org/ns/credentials/v2)")]
    [InlineData("validFrom", "validFrom")]
    [InlineData("name", "name")]
    [InlineData("issuer", "issuer")]
    [InlineData("credentialSubject", "credentialSubject")]
    public void EachMissingRequiredFieldIsNamed(string field, string expected)
    {
        var json = OpenBadgeCredential.ToJson(Draft());
        json.Remove(field);

        Assert.Contains(expected, CredentialStructure.Check(json));
    }

    [Fact]
    public void AnAchievementWithoutCriteriaOrNameIsRefused()
    {
        var json = OpenBadgeCredential.ToJson(Draft());
        var achievement = (JsonObject)json["credentialSubject"]!["achievement"]!;
        achievement.Remove("criteria");
        achievement.Remove("name");

        var problems = CredentialStructure.Check(json);

        Assert.Contains("achievement.criteria (id or narrative)", problems);
        Assert.Contains("achievement.name", problems);
    }
}
