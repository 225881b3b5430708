using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// Issue 11, the teacher's development over time: what a teacher states about their career (teacher_situations), the dated
/// points of their profile history (profile_points), barrier questionnaire answers (barrier_answers), their own moves on a route
/// (route_choices), the route's history (route_history), the nightly job's per-teacher result (teacher_development), the
/// precomputed aggregates dashboards read (development_aggregates) and a platform's own target profiles (target_profiles).
/// Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them).
/// DateTimeOffset is INTEGER on SQLite.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261203000000_Development")]
public sealed class Development : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "teacher_situations",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                YearsTeaching = table.Column<int>(type: "INTEGER", nullable: true),
                Position = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                Training = table.Column<int>(type: "INTEGER", nullable: false),
                PreferredForm = table.Column<int>(type: "INTEGER", nullable: true),
                HoursPerWeek = table.Column<int>(type: "INTEGER", nullable: true),
                Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_teacher_situations", x => new { x.PlatformId, x.DeploymentId, x.UserId });
                table.ForeignKey(
                    name: "FK_teacher_situations_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_teacher_situations_PlatformId_UpdatedAt",
            table: "teacher_situations",
            columns: new[] { "PlatformId", "UpdatedAt" });

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

        migrationBuilder.CreateTable(
            name: "barrier_answers",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Answers = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_barrier_answers", x => x.Id);
                table.ForeignKey(
                    name: "FK_barrier_answers_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_barrier_answers_person",
            table: "barrier_answers",
            columns: new[] { "PlatformId", "DeploymentId", "UserId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_barrier_answers_PlatformId_At",
            table: "barrier_answers",
            columns: new[] { "PlatformId", "At" });

        migrationBuilder.CreateTable(
            name: "route_choices",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Choices = table.Column<string>(type: "TEXT", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_route_choices", x => new { x.PlatformId, x.DeploymentId, x.UserId, x.ProgrammeCode });
                table.ForeignKey(
                    name: "FK_route_choices_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_route_choices_PlatformId_UpdatedAt",
            table: "route_choices",
            columns: new[] { "PlatformId", "UpdatedAt" });

        migrationBuilder.CreateTable(
            name: "route_history",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                At = table.Column<long>(type: "INTEGER", nullable: false),
                Cause = table.Column<int>(type: "INTEGER", nullable: false),
                Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Route = table.Column<string>(type: "TEXT", nullable: false),
                Changes = table.Column<string>(type: "TEXT", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_route_history", x => x.Id);
                table.ForeignKey(
                    name: "FK_route_history_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_route_history_person",
            table: "route_history",
            columns: new[] { "PlatformId", "DeploymentId", "UserId", "ProgrammeCode", "At" });

        migrationBuilder.CreateTable(
            name: "teacher_development",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Stage = table.Column<int>(type: "INTEGER", nullable: true),
                Department = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                Courses = table.Column<string>(type: "TEXT", nullable: false),
                Indicators = table.Column<long>(type: "INTEGER", nullable: false),
                Levels = table.Column<string>(type: "TEXT", nullable: false),
                Snapshot = table.Column<string>(type: "TEXT", nullable: false),
                Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_teacher_development", x => new { x.PlatformId, x.DeploymentId, x.UserId });
                table.ForeignKey(
                    name: "FK_teacher_development_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "development_aggregates",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                GroupKind = table.Column<int>(type: "INTEGER", nullable: false),
                GroupValue = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                Month = table.Column<string>(type: "TEXT", maxLength: 7, nullable: false),
                Teachers = table.Column<int>(type: "INTEGER", nullable: false),
                Payload = table.Column<string>(type: "TEXT", nullable: false),
                ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_development_aggregates", x => new { x.PlatformId, x.GroupKind, x.GroupValue, x.Month });
                table.ForeignKey(
                    name: "FK_development_aggregates_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "target_profiles",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                ProgrammeCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Document = table.Column<string>(type: "TEXT", nullable: false),
                ImportedBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                ImportedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_target_profiles", x => new { x.PlatformId, x.ProgrammeCode });
                table.ForeignKey(
                    name: "FK_target_profiles_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "target_profiles");
        migrationBuilder.DropTable(name: "development_aggregates");
        migrationBuilder.DropTable(name: "teacher_development");
        migrationBuilder.DropTable(name: "route_history");
        migrationBuilder.DropTable(name: "route_choices");
        migrationBuilder.DropTable(name: "barrier_answers");
        migrationBuilder.DropTable(name: "profile_points");
        migrationBuilder.DropTable(name: "teacher_situations");
    }
}
