using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Micro-credential programmes (stored as their native JSON documents) and module completions; the grade outbox's foreign key
/// moves from attempts to platforms, because a completion's grade has no attempt. Written by hand to match the model exactly
/// (tests/LtiPD.Data.Tests compares them).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261124000000_Modules")]
public sealed class Modules : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropForeignKey(name: "FK_grade_deliveries_attempts_AttemptId", table: "grade_deliveries");
        migrationBuilder.AddForeignKey(
            name: "FK_grade_deliveries_platforms_PlatformId",
            table: "grade_deliveries",
            column: "PlatformId",
            principalTable: "platforms",
            principalColumn: "Id",
            onDelete: ReferentialAction.Cascade);
        // Every row before this migration is an attempt's grade, which may create its column.
        migrationBuilder.AddColumn<bool>(name: "LineItemMustExist", table: "grade_deliveries", type: "boolean", nullable: false, defaultValue: false);

        migrationBuilder.CreateTable(
            name: "programmes",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Version = table.Column<int>(type: "integer", nullable: false),
                FrameworkCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Document = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_programmes", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "module_completions",
            columns: table => new
            {
                Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                ResourceLinkId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                UserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                ProgrammeCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                ProgrammeVersion = table.Column<int>(type: "integer", nullable: false),
                ModuleCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                ScoreGiven = table.Column<double>(type: "double precision", nullable: false),
                ScoreMaximum = table.Column<double>(type: "double precision", nullable: false),
                CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_module_completions", x => x.Id);
                table.ForeignKey(
                    name: "FK_module_completions_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_programmes_Code_Version",
            table: "programmes",
            columns: ["Code", "Version"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_module_completions_owner",
            table: "module_completions",
            columns: ["PlatformId", "DeploymentId", "UserId", "ProgrammeCode", "ModuleCode"],
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "module_completions");
        migrationBuilder.DropTable(name: "programmes");
        migrationBuilder.DropForeignKey(name: "FK_grade_deliveries_platforms_PlatformId", table: "grade_deliveries");
        migrationBuilder.DropColumn(name: "LineItemMustExist", table: "grade_deliveries");
        // Module grades have no attempt; they cannot stay once the outbox points at attempts again.
        migrationBuilder.Sql("""DELETE FROM grade_deliveries WHERE "AttemptId" NOT IN (SELECT "Id" FROM attempts);""");
        migrationBuilder.AddForeignKey(
            name: "FK_grade_deliveries_attempts_AttemptId",
            table: "grade_deliveries",
            column: "AttemptId",
            principalTable: "attempts",
            principalColumn: "Id",
            onDelete: ReferentialAction.Cascade);
    }
}
