using System.Text.Json;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Development;

namespace LtiPD.Web.Tests.Features.Development;

/// <summary>The stored form of one moment's points (profile_point_sets.Points) gives back exactly what was written.</summary>
public sealed class ProfilePointsTextTests
{
    private static readonly DateTimeOffset At = new(2026, 5, 14, 8, 15, 30, TimeSpan.Zero);

    [Fact]
    public void PointsReadBackAsWrittenInTheirOrder()
    {
        ProfilePoint[] written =
        [
            new(At, "ped-\"plan\" қазақ 📚", Component.Pedagogical, 33.33, Level.Acceptable),
            new(At, "soc-1", Component.Social, 100, Level.Advanced),
            new(At, "sub-0", Component.Subject, 0.01, Level.Low),
        ];

        var read = ProfilePointsText.Read(ProfilePointsText.Write(written), At);

        Assert.Equal(written, read);
    }

    [Fact]
    public void TheTextIsPositionalArrays()
    {
        Assert.Equal("""[["soc-1",0,55.5,3]]""", ProfilePointsText.Write([new(At, "soc-1", Component.Social, 55.5, Level.Average)]));
    }

    [Fact]
    public void PostgreSqlsSpacedJsonFromTheMigrationReadsAlike()
    {
        var read = ProfilePointsText.Read("""[["ped-1", 2, 55.5, 3], ["soc-1", 0, 40, 2]]""", At);

        Assert.Equal([new(At, "ped-1", Component.Pedagogical, 55.5, Level.Average), new(At, "soc-1", Component.Social, 40, Level.Acceptable)], read);
    }

    [Theory]
    [InlineData("""{"c":"soc-1"}""")]
    [InlineData("""[["soc-1",0,55.5]]""")]
    [InlineData("""[["soc-1","0",55.5,3]]""")]
    [InlineData("""[["soc-1",0,55.5,3]""")]
    public void TextOfAnotherShapeIsRefused(string text)
    {
        Assert.ThrowsAny<JsonException>(() => ProfilePointsText.Read(text, At));
    }
}
