using System.Net;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Hosting;

/// <summary>Issue 9's finding 4: the Data Protection key ring in the database is encrypted with a certificate kept outside it.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task TheKeyRingRowsInTheDatabaseHoldEncryptedDataAndNoPlainMasterKey()
    {
        await using var tool = new ToolFactory(TempFiles.NewDatabaseFile());

        var rows = await tool.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(rows);
        Assert.All(rows, xml =>
        {
            Assert.Contains("<EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task ANodeStartedLaterReadsTheEncryptedKeyRingWithTheCertificateFromItsFile()
    {
        var database = TempFiles.NewDatabaseFile();
        string jwks;
        await using (var first = new ToolFactory(database))
        {
            using var client = first.CreateRawClient();
            jwks = await client.GetStringAsync("lti/jwks");
        }

        // No X509 store holds the certificate: the restarted node can only use the PFX file it is configured with.
        await using var restarted = new ToolFactory(database);
        using var again = restarted.CreateRawClient();
        using var response = await again.GetAsync("lti/jwks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(jwks, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await restarted.WithDbAsync(db => db.ToolKeys.CountAsync()));
    }

    [Fact]
    public async Task AKeyRingWrittenBeforeTheCertificateIsReplacedOnTheFirstStartWithItAndTheToolKeyStaysTheSame()
    {
        var database = TempFiles.NewDatabaseFile();
        string jwks;
        // An installation from before: no certificate, so the key ring and the tool key it protects are in plain XML.
        await using (var before = new ToolFactory(database, "Development", new Dictionary<string, string> { ["DataProtection:CertificatePath"] = "" }))
        {
            using var client = before.CreateRawClient();
            jwks = await client.GetStringAsync("lti/jwks");
            Assert.Contains(await before.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync()),
                xml => xml.Contains("<masterKey", StringComparison.Ordinal));
        }

        await using (var upgraded = new ToolFactory(database))
        {
            using var again = upgraded.CreateRawClient();
            Assert.Equal(jwks, await again.GetStringAsync("lti/jwks"));
            var rows = await upgraded.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync());
            Assert.NotEmpty(rows);
            Assert.All(rows, xml => Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal));
        }
        // The tool key is readable with the encrypted ring alone: a restart that must decrypt it signs with the same key.
        await using var restarted = new ToolFactory(database);
        using var third = restarted.CreateRawClient();
        Assert.Equal(jwks, await third.GetStringAsync("lti/jwks"));
    }
}
