using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// A module completion belongs to a person in one course, as the attempts that are its evidence do, and its grade goes to
/// that course's gradebook: the unique index that allows one completion (so one grade) now counts the course as well.
/// Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261125000000_CourseModuleCompletions")]
public sealed class CourseModuleCompletions : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_module_completions_owner", table: "module_completions");
        migrationBuilder.CreateIndex(
            name: "IX_module_completions_member",
            table: "module_completions",
            columns: ["PlatformId", "DeploymentId", "ContextId", "UserId", "ProgrammeCode", "ModuleCode"],
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_module_completions_member", table: "module_completions");
        // One completion per person and module again: a module completed in several courses keeps one of them.
        migrationBuilder.Sql("""
            DELETE FROM module_completions WHERE EXISTS (SELECT 1 FROM module_completions o
                WHERE o."PlatformId" = module_completions."PlatformId" AND o."DeploymentId" = module_completions."DeploymentId"
                AND o."UserId" = module_completions."UserId" AND o."ProgrammeCode" = module_completions."ProgrammeCode"
                AND o."ModuleCode" = module_completions."ModuleCode" AND o."Id" < module_completions."Id");
            """);
        migrationBuilder.CreateIndex(
            name: "IX_module_completions_owner",
            table: "module_completions",
            columns: ["PlatformId", "DeploymentId", "UserId", "ProgrammeCode", "ModuleCode"],
            unique: true);
    }
}
