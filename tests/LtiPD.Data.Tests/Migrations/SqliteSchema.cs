using Microsoft.Data.Sqlite;

namespace LtiPD.Data.Tests.Migrations;

/// <summary>
/// Reads a SQLite schema from sqlite_master (which keeps each object's CREATE statement, and so the
/// constraint names that no pragma reports) and from the pragmas for columns, foreign keys and indexes.
/// </summary>
internal static class SqliteSchema
{
    // EF's own tables (__EFMigrationsHistory, __EFMigrationsLock) exist only where Migrate() ran.
    // LIKE treats '_' as a wildcard, hence the escapes.
    private const string NotEfTable = "tbl_name NOT LIKE '\\_\\_EFMigrations%' ESCAPE '\\'";

    public static IReadOnlyList<string> Read(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();

        var lines = SchemaText.Rows(connection, "object",
            $"SELECT type, tbl_name, name, sql FROM sqlite_master WHERE {NotEfTable}").ToList();

        foreach (var table in Strings(connection, $"SELECT name FROM sqlite_master WHERE type = 'table' AND {NotEfTable}"))
        {
            var tableParameter = ("$table", (object)table);
            lines.AddRange(SchemaText.Rows(connection, $"column {table}",
                "SELECT cid, name, type, \"notnull\", dflt_value, pk FROM pragma_table_info($table)", tableParameter));
            // The id only numbers the foreign keys in creation order, so it is left out.
            lines.AddRange(SchemaText.Rows(connection, $"foreign key {table}",
                "SELECT seq, \"from\", \"table\", \"to\", on_update, on_delete, \"match\" FROM pragma_foreign_key_list($table)", tableParameter));
            // seq is creation order as well; origin tells a declared index from a key's automatic one.
            lines.AddRange(SchemaText.Rows(connection, $"index {table}",
                "SELECT name, \"unique\", origin, partial FROM pragma_index_list($table)", tableParameter));

            foreach (var index in Strings(connection, "SELECT name FROM pragma_index_list($table)", tableParameter))
            {
                lines.AddRange(SchemaText.Rows(connection, $"index column {table}.{index}",
                    "SELECT seqno, cid, name FROM pragma_index_info($index)", ("$index", index)));
            }
        }
        return lines;
    }

    private static List<string> Strings(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
            values.Add(reader.GetString(0));
        return values;
    }
}
