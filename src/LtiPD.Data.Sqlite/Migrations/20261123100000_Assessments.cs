using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// Competency frameworks and instruments (stored as their native JSON documents), attempts, responses and
/// peer invitations. Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them);
/// DateTimeOffset is INTEGER on SQLite (DateTimeOffsetToBinaryConverter), bool INTEGER, double REAL.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261123100000_Assessments")]
public sealed class Assessments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "frameworks",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Version = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                Document = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_frameworks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "instruments",
            columns: table => new
            {
                Id = table.Column<int>(type: "INTEGER", nullable: false)
                    .Annotation("Sqlite:Autoincrement", true),
                Code = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Version = table.Column<int>(type: "INTEGER", nullable: false),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                FrameworkCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Document = table.Column<string>(type: "TEXT", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_instruments", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "attempts",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                ResourceLinkId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                UserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                InstrumentCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                InstrumentVersion = table.Column<int>(type: "INTEGER", nullable: false),
                SubjectUserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                Status = table.Column<int>(type: "INTEGER", nullable: false),
                StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                ScoreGiven = table.Column<double>(type: "REAL", nullable: true),
                ScoreMaximum = table.Column<double>(type: "REAL", nullable: true),
                GradingComplete = table.Column<bool>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_attempts", x => x.Id);
                table.ForeignKey(
                    name: "FK_attempts_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "peer_invitations",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                SubjectUserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                SubjectName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                PeerUserId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                PeerName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_peer_invitations", x => x.Id);
                table.ForeignKey(
                    name: "FK_peer_invitations_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "responses",
            columns: table => new
            {
                AttemptId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                ItemCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                LikertValue = table.Column<int>(type: "INTEGER", nullable: true),
                SelectedOptions = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                Text = table.Column<string>(type: "TEXT", nullable: true),
                FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                FileContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                FileContent = table.Column<byte[]>(type: "BLOB", nullable: true),
                RubricPoints = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                ScoredBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_responses", x => new { x.AttemptId, x.ItemCode });
                table.ForeignKey(
                    name: "FK_responses_attempts_AttemptId",
                    column: x => x.AttemptId,
                    principalTable: "attempts",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_frameworks_Code_Version",
            table: "frameworks",
            columns: ["Code", "Version"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_instruments_Code_Version",
            table: "instruments",
            columns: ["Code", "Version"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_attempts_context",
            table: "attempts",
            columns: ["PlatformId", "DeploymentId", "ContextId", "InstrumentCode"]);

        migrationBuilder.CreateIndex(
            name: "IX_attempts_owner",
            table: "attempts",
            columns: ["PlatformId", "DeploymentId", "UserId", "InstrumentCode"]);

        migrationBuilder.CreateIndex(
            name: "IX_peer_invitations_pair",
            table: "peer_invitations",
            columns: ["PlatformId", "DeploymentId", "ContextId", "SubjectUserId", "PeerUserId"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_peer_invitations_peer",
            table: "peer_invitations",
            columns: ["PlatformId", "DeploymentId", "PeerUserId"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dependants first, so no foreign key points at a dropped table.
        migrationBuilder.DropTable(name: "responses");
        migrationBuilder.DropTable(name: "peer_invitations");
        migrationBuilder.DropTable(name: "attempts");
        migrationBuilder.DropTable(name: "instruments");
        migrationBuilder.DropTable(name: "frameworks");
    }
}
