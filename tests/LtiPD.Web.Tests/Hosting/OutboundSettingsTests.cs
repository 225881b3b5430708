using System.Net;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Tests.Hosting;

/// <summary>The outbound policy as the running tool applies it: its settings checked on start, its refusals a page, never a 500.</summary>
public sealed class OutboundSettingsTests
{
    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("lms campus")]
    public void TheToolRefusesToStartWithAnUnusableAllowListEntryAndNamesTheSetting(string entry)
    {
        var refused = Assert.ThrowsAny<OptionsValidationException>(() =>
            new ToolFactory(TempFiles.NewDatabaseFile(), settings: new Dictionary<string, string> { ["Outbound:PrivateAddressAllowList:0"] = entry }).Dispose());

        Assert.Contains("Outbound:PrivateAddressAllowList:0", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InProductionAPlatformOnALoopbackAddressThatIsNotAllowListedIsNeverCalledAndTheLaunchIsRefused()
    {
        await using var env = new NotAllowListed();
        await env.InitializeAsync();

        var outcome = await env.Driver().LaunchAsync(env.Platform.Teacher);

        Assert.Equal(HttpStatusCode.BadRequest, outcome.Status);
        Assert.Equal("jwks_unavailable", outcome.ErrorCode);
        Assert.Empty(env.Platform.Recorder.OfKind(RecordedCallKind.Jwks));
    }

    /// <summary>The simulator on 127.0.0.1, and an allow-list that names another network only.</summary>
    private sealed class NotAllowListed : LtiEnvironment, IAsyncDisposable
    {
        protected override IReadOnlyDictionary<string, string>? ToolSettings => new Dictionary<string, string>
        {
            ["Outbound:PrivateAddressAllowList:0"] = "10.0.0.0/8",
        };

        ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());
    }
}
