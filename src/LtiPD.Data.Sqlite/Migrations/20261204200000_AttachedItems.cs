using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.Sqlite.Migrations;

/// <summary>
/// The content items the tool signed in its Deep Linking responses (attached_items), one row per item, with the course it was
/// attached to, the line item it declared and the first launch that named it. Written by hand to match the model exactly
/// (tests/LtiPD.Data.Tests compares them); DateTimeOffset is INTEGER on SQLite.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261204200000_AttachedItems")]
public sealed class AttachedItems : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "attached_items",
            columns: table => new
            {
                Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PlatformId = table.Column<int>(type: "INTEGER", nullable: false),
                DeploymentId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ContextId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                Kind = table.Column<int>(type: "INTEGER", nullable: false),
                ResourceCode = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                Title = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                ScoreMaximum = table.Column<double>(type: "REAL", nullable: true),
                LineItemTag = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                LineItemResourceId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                SignedBy = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                SignedByName = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                LaunchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                LaunchedResourceLinkId = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_attached_items", x => x.Id);
                table.ForeignKey(
                    name: "FK_attached_items_platforms_PlatformId",
                    column: x => x.PlatformId,
                    principalTable: "platforms",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_attached_items_course",
            table: "attached_items",
            columns: new[] { "PlatformId", "DeploymentId", "ContextId", "ResourceCode" });
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "attached_items");
}
