using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// Indexes the nightly development job reads by. Per batch of people: colleagues' ratings of a person (attempts by subject; only
/// ratings, so that one's own attempts keep using IX_attempts_owner) and a person's module completions across courses. Without
/// them every batch scanned the deployment's attempts and every completion, so a full recompute grew with the square of the
/// number of teachers. For the plan: attempts by last change, results by when they were computed.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261204000000_DevelopmentIndexes")]
public sealed class DevelopmentIndexes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateIndex(
            name: "IX_attempts_subject",
            table: "attempts",
            columns: new[] { "PlatformId", "DeploymentId", "SubjectUserId" },
            filter: "\"SubjectUserId\" IS NOT NULL");

        migrationBuilder.CreateIndex(
            name: "IX_attempts_updated",
            table: "attempts",
            column: "UpdatedAt");

        migrationBuilder.CreateIndex(
            name: "IX_module_completions_person",
            table: "module_completions",
            columns: new[] { "PlatformId", "DeploymentId", "UserId" });

        migrationBuilder.CreateIndex(
            name: "IX_teacher_development_computed",
            table: "teacher_development",
            column: "ComputedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_teacher_development_computed", table: "teacher_development");
        migrationBuilder.DropIndex(name: "IX_module_completions_person", table: "module_completions");
        migrationBuilder.DropIndex(name: "IX_attempts_updated", table: "attempts");
        migrationBuilder.DropIndex(name: "IX_attempts_subject", table: "attempts");
    }
}
