using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// One-time Dynamic Registration links: only an administrator's link opens /lti/register. Written by hand to match the model
/// exactly (tests/LtiPD.Data.Tests compares them); DateTimeOffset is INTEGER on SQLite.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261202000000_RegistrationLinks")]
public sealed class RegistrationLinks : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "registration_links",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                SecretHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                ClaimedUntil = table.Column<long>(type: "INTEGER", nullable: true),
                UsedAt = table.Column<long>(type: "INTEGER", nullable: true),
                UsedByIssuer = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                UsedByClientId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                UsedByDeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_registration_links", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_registration_links_SecretHash",
            table: "registration_links",
            column: "SecretHash",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: "registration_links");
}
