using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// A started login now travels sealed in its own state (LtiPD.Lti.Login.PendingLogins) instead of a pending_logins row, so the
/// table goes; a login begun before the upgrade cannot be finished after it and is started again from the LMS.
/// launch_sessions.PendingState holds such a state while platform storage confirms it, so it is as long as a state may be.
/// Written by hand to match the model exactly (tests/LtiPD.Data.Tests compares them).
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261206000000_SealedLoginState")]
public sealed class SealedLoginState : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "pending_logins");
        // Widening a varchar is a change of the catalogue only: no row is rewritten.
        migrationBuilder.AlterColumn<string>(
            name: "PendingState", table: "launch_sessions", type: "character varying(2048)", maxLength: 2048, nullable: true,
            oldClrType: typeof(string), oldType: "character varying(64)", oldMaxLength: 64, oldNullable: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(
            name: "PendingState", table: "launch_sessions", type: "character varying(64)", maxLength: 64, nullable: true,
            oldClrType: typeof(string), oldType: "character varying(2048)", oldMaxLength: 2048, oldNullable: true);

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

        migrationBuilder.CreateIndex(name: "IX_pending_logins_ExpiresAt", table: "pending_logins", column: "ExpiresAt");
    }
}
