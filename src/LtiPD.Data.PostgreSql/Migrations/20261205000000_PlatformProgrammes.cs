using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Programmes a platform's course designers import belong to that platform (programmes.OwnerPlatformId, null for a tool-wide
/// programme, which every existing row is), and go with it. Written by hand to match the model exactly (tests/LtiPD.Data.Tests
/// compares them).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261205000000_PlatformProgrammes")]
public sealed class PlatformProgrammes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<int>(name: "OwnerPlatformId", table: "programmes", type: "integer", nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_programmes_OwnerPlatformId",
            table: "programmes",
            column: "OwnerPlatformId");

        migrationBuilder.AddForeignKey(
            name: "FK_programmes_platforms_OwnerPlatformId",
            table: "programmes",
            column: "OwnerPlatformId",
            principalTable: "platforms",
            principalColumn: "Id",
            onDelete: ReferentialAction.Cascade);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // A platform's own programmes have no place in a catalogue without owners.
        migrationBuilder.Sql("""DELETE FROM programmes WHERE "OwnerPlatformId" IS NOT NULL;""");
        migrationBuilder.DropForeignKey(name: "FK_programmes_platforms_OwnerPlatformId", table: "programmes");
        migrationBuilder.DropIndex(name: "IX_programmes_OwnerPlatformId", table: "programmes");
        migrationBuilder.DropColumn(name: "OwnerPlatformId", table: "programmes");
    }
}
