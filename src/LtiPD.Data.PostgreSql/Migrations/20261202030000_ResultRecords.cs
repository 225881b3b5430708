using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Results become records: an attempt keeps what it measured as JSON (<c>ResultRecord</c>), written when it is submitted and
/// when it is reviewed, and the module it was taken for (<c>ModuleCode</c>), which decides the one module its evidence counts
/// for. Attempts submitted before have neither: their record is scored from their stored answers on the instrument version they
/// were taken on (versions never change), and they count for the first module of the programme that names their instrument.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261202030000_ResultRecords")]
public sealed class ResultRecords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "ModuleCode", table: "attempts", type: "character varying(100)", maxLength: 100, nullable: true);
        migrationBuilder.AddColumn<string>(name: "ResultRecord", table: "attempts", type: "text", nullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "ResultRecord", table: "attempts");
        migrationBuilder.DropColumn(name: "ModuleCode", table: "attempts");
    }
}
