using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// The profile history is stored a moment per row (profile_point_sets: the points one submission or review added, as a JSON
/// array) instead of a point per row (profile_points), keyed by the person first so a teacher's history is one range of the
/// only index. Every stored point is carried over; the order of points within a moment means nothing (readers order them by
/// time, stage and code). Written by hand to match the model exactly
/// (tests/LtiPD.Data.Tests compares them). DateTimeOffset is INTEGER (SqliteTime).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261207000000_ProfilePointSets")]
public sealed class ProfilePointSets : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "profile_point_sets",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                AttemptId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Stage = table.Column<int>(type: "INTEGER", nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Points = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_profile_point_sets", x => new { x.PlatformId, x.DeploymentId, x.UserId, x.AttemptId, x.Stage });
                table.ForeignKey(
                    name: "FK_profile_point_sets_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        // A moment's points share its time.
        migrationBuilder.Sql("""
            INSERT INTO profile_point_sets ("PlatformId", "DeploymentId", "UserId", "AttemptId", "Stage", "At", "Points")
            SELECT "PlatformId", "DeploymentId", "UserId", "AttemptId", "Stage", MIN("At"),
                json_group_array(json_array("CompetencyCode", "Component", "Percent", "Level"))
            FROM profile_points
            GROUP BY "PlatformId", "DeploymentId", "UserId", "AttemptId", "Stage"
            """);

        migrationBuilder.DropTable(name: "profile_points");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "profile_points",
            columns: table => new
            {
                AttemptId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Stage = table.Column<int>(type: "INTEGER", nullable: false),
                CompetencyCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Component = table.Column<int>(type: "INTEGER", nullable: false),
                Percent = table.Column<double>(type: "REAL", nullable: false),
                Level = table.Column<int>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_profile_points", x => new { x.AttemptId, x.Stage, x.CompetencyCode });
                table.ForeignKey(
                    name: "FK_profile_points_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_profile_points_person",
            table: "profile_points",
            columns: new[] { "PlatformId", "DeploymentId", "UserId", "At" });

        migrationBuilder.Sql("""
            INSERT INTO profile_points ("AttemptId", "Stage", "CompetencyCode", "PlatformId", "DeploymentId", "UserId", "At", "Component", "Percent", "Level")
            SELECT s."AttemptId", s."Stage", json_extract(p.value, '$[0]'), s."PlatformId", s."DeploymentId", s."UserId", s."At",
                json_extract(p.value, '$[1]'), json_extract(p.value, '$[2]'), json_extract(p.value, '$[3]')
            FROM profile_point_sets AS s, json_each(s."Points") AS p
            """);

        migrationBuilder.DropTable(name: "profile_point_sets");
    }
}
