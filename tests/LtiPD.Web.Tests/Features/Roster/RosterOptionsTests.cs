using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>A refresh interval that would make every page view an NRPS call, or keep a roster for days, stops the tool at start.</summary>
public sealed class RosterOptionsTests
{
    [Theory]
    [InlineData("00:00:00")]
    [InlineData("2.00:00:00")]
    public void TheToolRefusesToStartWithARefreshIntervalOutOfRangeAndNamesTheSetting(string interval)
    {
        var refused = Assert.ThrowsAny<OptionsValidationException>(() =>
            new ToolFactory(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string> { ["Roster:RefreshInterval"] = interval }).Dispose());

        Assert.Contains("Roster:RefreshInterval", refused.Message, StringComparison.Ordinal);
    }
}
