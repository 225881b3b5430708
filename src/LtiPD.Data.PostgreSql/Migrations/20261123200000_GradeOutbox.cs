using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// The grade outbox: one row per attempt with the score and where it goes (AGS 2.0 §3.4), sent by the dispatcher.
/// Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261123200000_GradeOutbox")]
public sealed class GradeOutbox : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "grade_deliveries",
            columns: table => new
            {
                AttemptId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                LineItemsUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                LineItemUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                ResourceLinkId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                ResourceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Label = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                UserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                ScoreGiven = table.Column<double>(type: "double precision", nullable: false),
                ScoreMaximum = table.Column<double>(type: "double precision", nullable: false),
                GradingProgress = table.Column<int>(type: "integer", nullable: false),
                Timestamp = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                Status = table.Column<int>(type: "integer", nullable: false),
                Tries = table.Column<int>(type: "integer", nullable: false),
                NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_grade_deliveries", x => x.AttemptId);
                table.ForeignKey(
                    name: "FK_grade_deliveries_attempts_AttemptId",
                    column: x => x.AttemptId,
                    principalTable: "attempts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_grade_deliveries_context",
            table: "grade_deliveries",
            columns: ["PlatformId", "DeploymentId", "ContextId", "Status"]);

        migrationBuilder.CreateIndex(
            name: "IX_grade_deliveries_due",
            table: "grade_deliveries",
            columns: ["Status", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "grade_deliveries");
    }
}
