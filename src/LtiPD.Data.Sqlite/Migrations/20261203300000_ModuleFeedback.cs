using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// The answers a teacher gives after completing a module: three ratings from 1 to 5 and an optional comment, one row per module
/// completion (the key is the completion's id, so there is one answer per person, course and module, and changing it
/// overwrites it). Removing a completion, or its platform, removes the answer with it.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261203300000_ModuleFeedback")]
public sealed class ModuleFeedback : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "module_feedback",
            columns: table => new
            {
                CompletionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Useful = table.Column<int>(type: "INTEGER", nullable: false),
                Relevant = table.Column<int>(type: "INTEGER", nullable: false),
                Recommend = table.Column<int>(type: "INTEGER", nullable: false),
                Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                AnsweredAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_module_feedback", x => x.CompletionId);
                table.ForeignKey(
                    name: "FK_module_feedback_module_completions_CompletionId",
                    column: x => x.CompletionId,
                    principalTable: "module_completions",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "module_feedback");
}
