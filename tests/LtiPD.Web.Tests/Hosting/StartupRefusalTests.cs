using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Tests.Hosting;

/// <summary>A tool misconfigured for production does not start, and says which setting to fix.</summary>
public sealed class StartupRefusalTests
{
    [Fact]
    public void ProductionWithoutAPublicBaseUrlRefusesToStart()
    {
        var refused = Refused(new() { ["Tool:PublicBaseUrl"] = "" });

        Assert.Contains("Tool:PublicBaseUrl", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProductionWithoutADataProtectionCertificateRefusesToStart()
    {
        var refused = Refused(new() { ["DataProtection:CertificatePath"] = "" });

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWrongCertificatePasswordRefusesToStart()
    {
        var refused = Refused(new() { ["DataProtection:CertificatePassword"] = "not-the-password" });

        Assert.Contains("DataProtection:CertificatePassword", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnreadableCertificateFileRefusesToStart()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ltipd-tests", $"{Guid.NewGuid():N}.pfx");

        var refused = Refused(new() { ["DataProtection:CertificatePath"] = missing });

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("cannot be read", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACertificateWithoutItsPrivateKeyRefusesToStart()
    {
        using var full = TestCertificate.Create();
        using var publicOnly = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(full.RawData);
        var path = TestCertificate.Write(publicOnly, "pfx-password");

        var refused = Refused(new() { ["DataProtection:CertificatePath"] = path, ["DataProtection:CertificatePassword"] = "pfx-password" });

        Assert.Contains("DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no RSA private key", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFrameworksTrustEveryoneForwardedHeadersSwitchRefusesToStart()
    {
        var refused = Refused(new() { ["FORWARDEDHEADERS_ENABLED"] = "true" });

        Assert.Contains("ASPNETCORE_FORWARDEDHEADERS_ENABLED", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownProxies:0", "nginx")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0/99")]
    public void AProxyThatIsNotAnAddressRefusesToStart(string key, string value)
    {
        var refused = Refused(new() { [key] = value });

        Assert.Contains(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevelopmentStartsWithoutACertificateOrAPublicBaseUrl()
    {
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile(), "Development", new Dictionary<string, string>
        {
            ["DataProtection:CertificatePath"] = "",
            ["Tool:PublicBaseUrl"] = "",
        });
        using var client = tool.CreateRawClient();

        using var health = await client.GetAsync("health");

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
    }

    private static OptionsValidationException Refused(Dictionary<string, string> settings) =>
        Assert.ThrowsAny<OptionsValidationException>(() => new ToolFactory(TempFiles.NewDatabaseFile(), settings: settings).Dispose());
}
