using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LtiPD.Data.PostgreSql.Migrations;

/// <summary>
/// Grade deliveries used to keep the LMS's own words as their last error, and pages showed them: a hostile or misconfigured
/// LMS could put any text in front of teachers and administrators. Deliveries now keep a code and a status only; the words
/// kept before this migration become the generic "failed" code (the dispatcher's own no_course_column code stays). No schema
/// change, so the schema tests are unaffected; UpgradeTests shows the words go and the rows stay.
/// </summary>
[DbContext(typeof(LtiPdDbContext))]
[Migration("20261202010000_ForgetLmsWords")]
public sealed class ForgetLmsWords : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE grade_deliveries SET "LastError" = 'failed' WHERE "LastError" IS NOT NULL AND "LastError" <> 'no_course_column';""");

    /// <summary>The words are gone; there is nothing to put back.</summary>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
    }
}
