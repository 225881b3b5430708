using LtiPD.Domain.Content;
using LtiPD.Domain.Tests.Content;

namespace LtiPD.Domain.Tests.Credentials;

public sealed class CredentialDeclarationTests
{
    [Fact]
    public void TheShippedProgrammeAndEachOfItsModulesDeclareATranslatedCredential()
    {
        var programme = ShippedContent.Programme(Assert.Single(ShippedContent.ProgrammeFiles));

        Assert.NotNull(programme.Credential);
        Assert.All(programme.Modules, m =>
        {
            var credential = Assert.IsType<LtiPD.Domain.Programmes.CredentialDeclaration>(m.Credential);
            Assert.False(string.IsNullOrWhiteSpace(credential.Criteria.Kk));
            Assert.StartsWith("/", credential.Image, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("http://badges.example.edu/b.svg")]
    [InlineData("//evil.example/b.svg")]
    [InlineData("javascript:alert(1)")]
    public void ABadgeImageThatIsNotHttpsOrAToolPathIsRefused(string image)
    {
        var json = File.ReadAllText(Assert.Single(ShippedContent.ProgrammeFiles))
            .Replace("\"/static/credential-badge.svg\"", $"\"{image}\"", StringComparison.Ordinal);

        var result = ProgrammeDocument.Parse(json);

        Assert.Contains(result.Problems, p => p.Field.EndsWith(".credential.image", StringComparison.Ordinal) && p.Code == ProblemCodes.InvalidValue);
    }

    [Fact]
    public void ADeclaredCredentialWithoutAnImageIsRefused()
    {
        var json = File.ReadAllText(Assert.Single(ShippedContent.ProgrammeFiles))
            .Replace("\"image\": \"/static/credential-badge.svg\"", "\"image\": \"\"", StringComparison.Ordinal);

        Assert.Contains(ProgrammeDocument.Parse(json).Problems, p => p.Field == "$.credential.image" && p.Code == ProblemCodes.Required);
    }
}
