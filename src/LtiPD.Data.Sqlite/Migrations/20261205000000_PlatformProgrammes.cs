using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// Programmes a platform's course designers import belong to that platform (programmes.OwnerPlatformId, null for a tool-wide
/// programme), and go with it. SQLite cannot add a foreign key to a table, so programmes is rebuilt: renamed, created anew,
/// copied and dropped (every existing row is tool-wide and keeps its id). Written by hand to match the model exactly
/// (tests/LtiPD.Data.Tests compares them); DateTimeOffset is INTEGER on SQLite.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261205000000_PlatformProgrammes")]
public sealed class PlatformProgrammes : Migration
{
    private const string Columns = "\"Id\", \"Code\", \"Version\", \"FrameworkCode\", \"Document\", \"CreatedAt\"";

    protected override void Up(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, withOwner: true);

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // A platform's own programmes have no place in a catalogue without owners.
        migrationBuilder.Sql("""DELETE FROM programmes WHERE "OwnerPlatformId" IS NOT NULL;""");
        migrationBuilder.DropIndex(name: "IX_programmes_OwnerPlatformId", table: "programmes");
        Rebuild(migrationBuilder, withOwner: false);
    }

    private static void Rebuild(MigrationBuilder migrationBuilder, bool withOwner)
    {
        migrationBuilder.DropIndex(name: "IX_programmes_Code_Version", table: "programmes");
        migrationBuilder.RenameTable(name: "programmes", newName: "programmes_old");

        if (withOwner)
        {
            migrationBuilder.CreateTable(
                name: "programmes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    FrameworkCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerPlatformId = table.Column<int>(type: "INTEGER", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programmes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_programmes_platforms_OwnerPlatformId",
                        column: x => x.OwnerPlatformId,
                        principalTable: "platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }
        else
            Modules.CreateProgrammes(migrationBuilder);

        migrationBuilder.Sql($"INSERT INTO programmes ({Columns}) SELECT {Columns} FROM programmes_old;");
        migrationBuilder.DropTable(name: "programmes_old");

        migrationBuilder.CreateIndex(
            name: "IX_programmes_Code_Version",
            table: "programmes",
            columns: ["Code", "Version"],
            unique: true);
        if (withOwner)
        {
            migrationBuilder.CreateIndex(
                name: "IX_programmes_OwnerPlatformId",
                table: "programmes",
                column: "OwnerPlatformId");
        }
    }
}
