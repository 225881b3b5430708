using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Tests.Features.Roster;

/// <summary>
/// A refresh interval that would make every page view an NRPS call, or keep a roster for days, stops the tool at start; so does a
/// shared check interval below zero or long enough to keep nodes on different rosters for long.
/// </summary>
public sealed class RosterOptionsTests
{
    [Theory]
    [InlineData("Roster:RefreshInterval", "00:00:00")]
    [InlineData("Roster:RefreshInterval", "2.00:00:00")]
    [InlineData("Roster:SharedCheckInterval", "-00:00:01")]
    [InlineData("Roster:SharedCheckInterval", "01:00:00")]
    public void TheToolRefusesToStartWithAnIntervalOutOfRangeAndNamesTheSetting(string setting, string interval)
    {
        var refused = Assert.ThrowsAny<OptionsValidationException>(() =>
            new ToolFactory(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string> { [setting] = interval }).Dispose());

        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
    }
}
