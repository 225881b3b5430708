using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Grades a teacher and a registrar can trust: a course's choice to let LtiPD create one gradebook column per item
/// (course_grade_settings), an instructor's review comment kept with the review (attempt_reviews) and sent with the reviewed
/// grade (grade_deliveries.Comment), and the submission time a re-scored grade keeps (grade_deliveries.SubmittedAt). Written by
/// hand to match the model exactly (tests/LtiPD.Data.Tests compares them); DateTimeOffset is timestamp with time zone.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261202020000_CourseGradeSettings")]
public sealed class CourseGradeSettings : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // A grade whose course had no column for it was a failure (status 2, no_course_column); it is now the neutral state 4:
        // kept in LtiPD, not sent, and not listed among refused grades.
        migrationBuilder.Sql("""UPDATE grade_deliveries SET "Status" = 4, "LastError" = NULL WHERE "Status" = 2 AND "LastError" = 'no_course_column';""");
        migrationBuilder.AddColumn<string>(name: "Comment", table: "grade_deliveries", type: "character varying(2000)", maxLength: 2000, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "SubmittedAt", table: "grade_deliveries", type: "timestamp with time zone", nullable: true);

        migrationBuilder.CreateTable(
            name: "attempt_reviews",
            columns: table => new
            {
                AttemptId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                ReviewedBy = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_attempt_reviews", x => x.AttemptId);
                table.ForeignKey(
                    name: "FK_attempt_reviews_attempts_AttemptId",
                    column: x => x.AttemptId,
                    principalTable: "attempts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "course_grade_settings",
            columns: table => new
            {
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                CreateColumns = table.Column<bool>(type: "boolean", nullable: false),
                ChangedBy = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_course_grade_settings", x => new { x.PlatformId, x.DeploymentId, x.ContextId });
                table.ForeignKey(
                    name: "FK_course_grade_settings_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "course_grade_settings");
        migrationBuilder.DropTable(name: "attempt_reviews");
        migrationBuilder.DropColumn(name: "SubmittedAt", table: "grade_deliveries");
        migrationBuilder.DropColumn(name: "Comment", table: "grade_deliveries");
        migrationBuilder.Sql("""UPDATE grade_deliveries SET "Status" = 2, "LastError" = 'no_course_column' WHERE "Status" = 4;""");
    }
}
