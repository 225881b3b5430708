using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// The rosters the LMSs gave, shared by every node (one row per platform, memberships URL and role filter): the rosters job
/// and a page's refresh write them, every node serves them. Removing a platform removes its rosters.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261204100000_CourseRosters")]
public sealed class CourseRosters : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "course_rosters",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                MembershipsUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                Role = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                MembersJson = table.Column<string>(type: "TEXT", nullable: false),
                ReadAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_course_rosters", x => new { x.PlatformId, x.MembershipsUrl, x.Role });
                table.ForeignKey(
                    name: "FK_course_rosters_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "course_rosters");
}
