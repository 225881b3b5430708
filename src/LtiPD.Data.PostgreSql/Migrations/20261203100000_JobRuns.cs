using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Runs of the scheduled jobs and their batches, shared by every node (Features/Jobs). Written by hand to match the model
/// exactly (tests/LtiPD.Data.Tests compares them); DateTimeOffset is timestamp with time zone. Hangfire's own tables are not here: Hangfire creates them.
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
                Id = table.Column<long>(type: "bigint", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Job = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Full = table.Column<bool>(type: "boolean", nullable: false),
                State = table.Column<int>(type: "integer", nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                PlannedItems = table.Column<int>(type: "integer", nullable: false),
                ItemsChanged = table.Column<int>(type: "integer", nullable: false),
                Batches = table.Column<int>(type: "integer", nullable: false),
                Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                Node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_job_runs", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "job_batches",
            columns: table => new
            {
                RunId = table.Column<long>(type: "bigint", nullable: false),
                Index = table.Column<int>(type: "integer", nullable: false),
                Keys = table.Column<string>(type: "text", nullable: false),
                State = table.Column<int>(type: "integer", nullable: false),
                LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Attempts = table.Column<int>(type: "integer", nullable: false),
                ItemsChanged = table.Column<int>(type: "integer", nullable: false),
                FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                Problems = table.Column<string>(type: "text", nullable: true),
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
