using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// The first schema, written by hand to build exactly what EnsureCreated() builds from the model
/// (tests/LtiPD.Data.Tests compares the two): identity columns for the int keys, timestamptz for
/// DateTimeOffset, varchar(n) where the model sets a max length and text where it does not.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261123000000_Initial")]
public sealed class Initial : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "data_protection_keys",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                FriendlyName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                Xml = table.Column<string>(type: "text", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_data_protection_keys", x => x.Id));

        migrationBuilder.CreateTable(
            name: "pending_logins",
            columns: table => new
            {
                State = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Nonce = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                ClientId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                StorageTarget = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_pending_logins", x => x.State));

        migrationBuilder.CreateTable(
            name: "platforms",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                ClientId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                AuthUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                TokenUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                JwksUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_platforms", x => x.Id));

        migrationBuilder.CreateTable(
            name: "tool_keys",
            columns: table => new
            {
                Kid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                ProtectedPrivateKey = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_tool_keys", x => x.Kid));

        migrationBuilder.CreateTable(
            name: "used_nonces",
            columns: table => new
            {
                Issuer = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                Value = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                KeepUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_used_nonces", x => new { x.Issuer, x.Value }));

        migrationBuilder.CreateTable(
            name: "deployments",
            columns: table => new
            {
                Id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_deployments", x => x.Id);
                table.ForeignKey(
                    name: "FK_deployments_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "launch_sessions",
            columns: table => new
            {
                Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                ResourceLinkId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
                UserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                Roles = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                ToolRole = table.Column<int>(type: "integer", nullable: false),
                MessageType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                Locale = table.Column<string>(type: "character varying(35)", maxLength: 35, nullable: true),
                DisplayName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                ContextTitle = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                PayloadJson = table.Column<string>(type: "text", nullable: false),
                PendingState = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_launch_sessions", x => x.Id);
                table.ForeignKey(
                    name: "FK_launch_sessions_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_deployments_PlatformId_DeploymentId",
            table: "deployments",
            columns: ["PlatformId", "DeploymentId"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_launch_sessions_ExpiresAt",
            table: "launch_sessions",
            column: "ExpiresAt");

        // EF indexes a foreign key by convention unless another index already starts with its column,
        // which is why deployments.PlatformId has none of its own.
        migrationBuilder.CreateIndex(
            name: "IX_launch_sessions_PlatformId",
            table: "launch_sessions",
            column: "PlatformId");

        migrationBuilder.CreateIndex(
            name: "IX_pending_logins_ExpiresAt",
            table: "pending_logins",
            column: "ExpiresAt");

        migrationBuilder.CreateIndex(
            name: "IX_platforms_Issuer_ClientId",
            table: "platforms",
            columns: ["Issuer", "ClientId"],
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_used_nonces_KeepUntil",
            table: "used_nonces",
            column: "KeepUntil");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dependants first, so no foreign key points at a dropped table.
        migrationBuilder.DropTable(name: "deployments");
        migrationBuilder.DropTable(name: "launch_sessions");
        migrationBuilder.DropTable(name: "data_protection_keys");
        migrationBuilder.DropTable(name: "pending_logins");
        migrationBuilder.DropTable(name: "tool_keys");
        migrationBuilder.DropTable(name: "used_nonces");
        migrationBuilder.DropTable(name: "platforms");
    }
}
