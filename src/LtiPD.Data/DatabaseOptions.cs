using System.ComponentModel.DataAnnotations;

namespace LtiPD.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Bound from the "Database" section. The embedded SQLite file needs no setup at all.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    [Required(ErrorMessage = "Database:ConnectionString must be set.")]
    public string ConnectionString { get; set; } = "Data Source=data/ltipd.db";

    /// <summary>Apply pending migrations on start (the default; turn off when a deploy step migrates).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
