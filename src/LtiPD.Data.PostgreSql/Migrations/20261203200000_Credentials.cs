using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Open Badges 3.0 credentials (docs/credentials.md): the issued credentials with their status-list bit and revocation
/// (credentials, one per person and achievement) and the credential signing keys, kept apart from the LTI tool keys
/// (credential_keys). Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them); DateTimeOffset is timestamp with time zone.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261203200000_Credentials")]
public sealed class Credentials : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "credential_keys",
            columns: table => new
            {
                Kid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                ProtectedPrivateKey = table.Column<string>(type: "text", nullable: false),
                CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                RetiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
            },
            constraints: table => table.PrimaryKey("PK_credential_keys", x => x.Kid));

        migrationBuilder.CreateTable(
            name: "credentials",
            columns: table => new
            {
                Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "integer", nullable: false),
                DeploymentId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                UserId = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                UserName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                AchievementKey = table.Column<string>(type: "character varying(201)", maxLength: 201, nullable: false),
                Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                Jwt = table.Column<string>(type: "text", nullable: false),
                StatusList = table.Column<int>(type: "integer", nullable: false),
                StatusIndex = table.Column<int>(type: "integer", nullable: false),
                IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                RevokedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                RevokedBy = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_credentials", x => x.Id);
                table.ForeignKey(
                    name: "FK_credentials_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_credentials_owner",
            table: "credentials",
            columns: new[] { "PlatformId", "DeploymentId", "UserId", "AchievementKey" },
            unique: true);
        migrationBuilder.CreateIndex(
            name: "IX_credentials_status",
            table: "credentials",
            columns: new[] { "StatusList", "StatusIndex" },
            unique: true);
        migrationBuilder.CreateIndex(
            name: "IX_credentials_course",
            table: "credentials",
            columns: new[] { "PlatformId", "DeploymentId", "ContextId" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "credentials");
        migrationBuilder.DropTable(name: "credential_keys");
    }
}
