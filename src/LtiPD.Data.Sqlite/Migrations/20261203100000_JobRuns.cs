using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// Runs of the scheduled jobs and their batches, shared by every node (Features/Jobs). Written by hand to match the model
/// exactly (tests/LtiPD.Data.Tests compares them); DateTimeOffset is INTEGER on SQLite. Hangfire's own tables are not here: Hangfire creates them.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261203100000_JobRuns")]
public sealed class JobRuns : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "job_runs",
            columns: table => new
            {
                Id = table.Column<long>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Job = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                Full = table.Column<bool>(type: "INTEGER", nullable: false),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                PlannedItems = table.Column<int>(type: "INTEGER", nullable: false),
                ItemsChanged = table.Column<int>(type: "INTEGER", nullable: false),
                Batches = table.Column<int>(type: "INTEGER", nullable: false),
                Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_job_runs", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "job_batches",
            columns: table => new
            {
                RunId = table.Column<long>(type: "INTEGER", nullable: false),
                Index = table.Column<int>(type: "INTEGER", nullable: false),
                Keys = table.Column<string>(type: "TEXT", nullable: false),
                State = table.Column<int>(type: "INTEGER", nullable: false),
                LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                ItemsChanged = table.Column<int>(type: "INTEGER", nullable: false),
                FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                Problems = table.Column<string>(type: "TEXT", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_job_batches", x => new { x.RunId, x.Index });
                table.ForeignKey(
                    name: "FK_job_batches_job_runs_RunId",
                    column: x => x.RunId,
                    principalTable: "job_runs",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_job_runs_Job_open",
            table: "job_runs",
            column: "Job",
            unique: true,
            filter: "\"State\" IN (0, 1, 2)");

        migrationBuilder.CreateIndex(
            name: "IX_job_runs_Job_StartedAt",
            table: "job_runs",
            columns: new[] { "Job", "StartedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "job_batches");
        migrationBuilder.DropTable(name: "job_runs");
    }
}
