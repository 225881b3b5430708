using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LtiPD.Data.Tests.Migrations;

/// <summary>
/// A database schema as text: one line per catalogue row ("kind: column=value, ..."), sorted, so two schemas
/// compare as lists of lines and a difference reads as the rows that one side has and the other lacks.
/// </summary>
internal static partial class SchemaText
{
    /// <summary>Every row of <paramref name="sql"/> as a line, whitespace in values collapsed.</summary>
    public static IEnumerable<string> Rows(DbConnection connection, string kind, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var line = new StringBuilder(kind).Append(':');
            for (var i = 0; i < reader.FieldCount; i++)
                line.Append(i == 0 ? " " : ", ").Append(reader.GetName(i)).Append('=').Append(Value(reader, i));
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>Fails unless both schemas have the same lines, listing the lines each lacks.</summary>
    public static void AssertEqual(string expectedName, IReadOnlyList<string> expected, string actualName, IReadOnlyList<string> actual)
    {
        Assert.NotEmpty(expected);
        var sortedExpected = expected.Order(StringComparer.Ordinal).ToList();
        var sortedActual = actual.Order(StringComparer.Ordinal).ToList();
        if (sortedExpected.SequenceEqual(sortedActual))
            return;

        var message = new StringBuilder($"The schemas differ ({expectedName}: {expected.Count} rows, {actualName}: {actual.Count} rows).")
            .AppendLine();
        message.AppendLine($"Only in {expectedName}:");
        foreach (var line in sortedExpected.Except(sortedActual))
            message.Append("  - ").AppendLine(line);
        message.AppendLine($"Only in {actualName}:");
        foreach (var line in sortedActual.Except(sortedExpected))
            message.Append("  + ").AppendLine(line);
        Assert.Fail(message.ToString());
    }

    private static string Value(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal)
            ? "NULL"
            : Whitespace().Replace(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "", " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
