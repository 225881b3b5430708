using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Competency frameworks and instruments (stored as their native JSON documents), attempts, responses and
/// peer invitations. Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them).
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
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                Document = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_frameworks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "instruments",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Version = table.Column<int>(type: "integer", nullable: false),
                Kind = table.Column<int>(type: "integer", nullable: false),
                FrameworkCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                Document = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_instruments", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "attempts",
            columns: table => new
            {
                Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                ResourceLinkId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                UserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                InstrumentCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                InstrumentVersion = table.Column<int>(type: "integer", nullable: false),
                SubjectUserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                Status = table.Column<int>(type: "integer", nullable: false),
                StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                ScoreGiven = table.Column<double>(type: "double precision", nullable: true),
                ScoreMaximum = table.Column<double>(type: "double precision", nullable: true),
                GradingComplete = table.Column<bool>(type: "boolean", nullable: false),
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
                Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                SubjectUserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                SubjectName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                PeerUserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                PeerName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
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
                AttemptId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                ItemCode = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                LikertValue = table.Column<int>(type: "integer", nullable: true),
                SelectedOptions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                Text = table.Column<string>(type: "text", nullable: true),
                FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                FileContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                FileContent = table.Column<byte[]>(type: "bytea", nullable: true),
                RubricPoints = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                ScoredBy = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
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
