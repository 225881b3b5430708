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
}
