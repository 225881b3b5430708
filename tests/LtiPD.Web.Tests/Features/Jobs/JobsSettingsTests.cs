using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Tests.Features.Jobs;

/// <summary>A scheduler misconfigured does not start, and says which setting to fix.</summary>
public sealed class JobsSettingsTests
{
    [Theory]
    [InlineData("Jobs:TimeZone", "Almaty")]
    [InlineData("Jobs:NightlyCron", "at two")]
    [InlineData("Jobs:HousekeepingCron", "99 * * * *")]
    [InlineData("Jobs:BatchSize", "0")]
    [InlineData("Jobs:LeaseTimeout", "00:00:00")]
    public void AWrongJobsSettingRefusesToStartAndNamesIt(string setting, string value)
    {
        var refused = Assert.ThrowsAny<OptionsValidationException>(() =>
            new ToolFactory(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string> { [setting] = value }).Dispose());

        Assert.Contains(setting, refused.Message, StringComparison.Ordinal);
    }
}
