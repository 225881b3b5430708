using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// development_folds: per teacher, the contribution the stored aggregates include, so that the nightly job folds only the teachers
/// whose result changed (subtract the old, add the new) instead of every teacher of the platform. Results stored before this
/// migration get a row of unknown state: the aggregates include them as they were, so the next fold is a full one, and it records
/// what it folded. Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261205100000_DevelopmentFolds")]
public sealed class DevelopmentFolds : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "development_folds",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Contribution = table.Column<string>(type: "TEXT", nullable: true),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_development_folds", x => new { x.PlatformId, x.DeploymentId, x.UserId });
                table.ForeignKey(
                    name: "FK_development_folds_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_development_folds_state",
            table: "development_folds",
            columns: new[] { "PlatformId", "State" });

        // State 2 is FoldState.Unknown.
        migrationBuilder.Sql("""
            INSERT INTO development_folds ("PlatformId", "DeploymentId", "UserId", "Contribution", "State", "Version")
            SELECT "PlatformId", "DeploymentId", "UserId", NULL, 2, 0 FROM teacher_development
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "development_folds");
}
