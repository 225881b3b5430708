using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// Micro-credential programmes (stored as their native JSON documents) and module completions; the grade outbox's foreign key
/// moves from attempts to platforms, because a completion's grade has no attempt. SQLite cannot drop a foreign key, so the
/// outbox table is rebuilt: renamed, created anew, copied and dropped (its rows keep their keys). Written by hand to match the
/// model exactly (tests/LtiPD.Data.Tests compares them); DateTimeOffset is INTEGER on SQLite, double REAL.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261124000000_Modules")]
public sealed class Modules : Migration
{
    private const string Columns = """
        "AttemptId", "PlatformId", "DeploymentId", "ContextId", "LineItemsUrl", "LineItemUrl", "ResourceLinkId", "ResourceId", "Label",
        "UserId", "UserName", "ScoreGiven", "ScoreMaximum", "GradingProgress", "Timestamp", "Status", "Tries", "NextAttemptAt", "LastError", "SentAt"
        """;

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        RebuildGradeDeliveries(migrationBuilder, toAttempts: false);
        // Every row before this migration is an attempt's grade, which may create its column.
        migrationBuilder.AddColumn<bool>(name: "LineItemMustExist", table: "grade_deliveries", type: "INTEGER", nullable: false, defaultValue: false);

        CreateProgrammes(migrationBuilder);

        migrationBuilder.CreateTable(
            name: "module_completions",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                ResourceLinkId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                ProgrammeVersion = table.Column<int>(type: "INTEGER", nullable: false),
                ModuleCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                ScoreGiven = table.Column<double>(type: "REAL", nullable: false),
                ScoreMaximum = table.Column<double>(type: "REAL", nullable: false),
                CompletedAt = table.Column<long>(type: "INTEGER", nullable: false),
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
        RebuildGradeDeliveries(migrationBuilder, toAttempts: true);
    }

    /// <summary>The programmes table as this migration creates it (20261205000000_PlatformProgrammes goes back to it).</summary>
    internal static void CreateProgrammes(MigrationBuilder migrationBuilder) =>
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
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_programmes", x => x.Id);
            });

    /// <summary>
    /// Recreates grade_deliveries with its foreign key to platforms (up) or to attempts (down; module grades, which have no
    /// attempt, are left behind then).
    /// </summary>
    private static void RebuildGradeDeliveries(MigrationBuilder migrationBuilder, bool toAttempts)
    {
        migrationBuilder.DropIndex(name: "IX_grade_deliveries_context", table: "grade_deliveries");
        migrationBuilder.DropIndex(name: "IX_grade_deliveries_due", table: "grade_deliveries");
        migrationBuilder.RenameTable(name: "grade_deliveries", newName: "grade_deliveries_old");

        migrationBuilder.CreateTable(
            name: "grade_deliveries",
            columns: table => new
            {
                AttemptId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                LineItemsUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                LineItemUrl = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                ResourceLinkId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                ResourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Label = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                ScoreGiven = table.Column<double>(type: "REAL", nullable: false),
                ScoreMaximum = table.Column<double>(type: "REAL", nullable: false),
                GradingProgress = table.Column<int>(type: "INTEGER", nullable: false),
                Timestamp = table.Column<long>(type: "INTEGER", nullable: false),
                Status = table.Column<int>(type: "INTEGER", nullable: false),
                Tries = table.Column<int>(type: "INTEGER", nullable: false),
                NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                SentAt = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_grade_deliveries", x => x.AttemptId);
                if (toAttempts)
                {
                    table.ForeignKey(
                        name: "FK_grade_deliveries_attempts_AttemptId",
                        column: x => x.AttemptId,
                        principalTable: "attempts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                }
                else
                {
                    table.ForeignKey(
                        name: "FK_grade_deliveries_platforms_PlatformId",
                        column: x => x.PlatformId,
                        principalTable: "platforms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                }
            });

        var keep = toAttempts ? """ WHERE "AttemptId" IN (SELECT "Id" FROM attempts)""" : "";
        migrationBuilder.Sql($"INSERT INTO grade_deliveries ({Columns}) SELECT {Columns} FROM grade_deliveries_old{keep};");
        migrationBuilder.DropTable(name: "grade_deliveries_old");

        migrationBuilder.CreateIndex(
            name: "IX_grade_deliveries_context",
            table: "grade_deliveries",
            columns: ["PlatformId", "DeploymentId", "ContextId", "Status"]);

        migrationBuilder.CreateIndex(
            name: "IX_grade_deliveries_due",
            table: "grade_deliveries",
            columns: ["Status", "NextAttemptAt"]);
    }
}
