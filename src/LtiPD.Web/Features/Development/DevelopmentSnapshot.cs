using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;

namespace LtiPD.Web.Features.Development;

/// <summary>A competency's trajectory as the teacher's page shows it; the points themselves are read from profile_point_sets.</summary>
public sealed record TrajectorySummary(
    string Competency, Component Component, Level? Current, DateTimeOffset? Since, Trend Trend, Level? Target, int? LevelsToTarget, bool Stagnant, int Points);

/// <summary>A programme's route for this teacher, and the target it closes the gaps to.</summary>
public sealed record RouteView(string ProgrammeCode, Domain.Development.Route Route, IReadOnlyList<CompetencyGap> Gaps);

/// <summary>
/// The nightly job's result for one teacher, stored as JSON in teacher_development and rendered by the teacher's page without
/// recomputing. <see cref="Stage"/> is null until the teacher states their years of teaching.
/// </summary>
public sealed record DevelopmentSnapshot(
    CareerStage? Stage,
    TrainingStage Training,
    IReadOnlyList<TrajectorySummary> Trajectories,
    IReadOnlyList<RouteView> Routes,
    IReadOnlyList<IndicatorResult> Indicators)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DevelopmentSnapshot? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<DevelopmentSnapshot>(json, Json);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Json);

    /// <summary>SHA-256 of what a row stores: equal results, equal fingerprints, and the row is not rewritten.</summary>
    public static string Fingerprint(params string?[] parts)
    {
        // The UTF-8 of the parts, each followed by U+001E, hashed part by part: the same digest as hashing them joined, without
        // building the joined text (the snapshot is most of it).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(parts.Max(p => p?.Length ?? 0) + 1));
        try
        {
            foreach (var part in parts)
            {
                var length = Encoding.UTF8.GetBytes(part ?? "", buffer);
                length += Encoding.UTF8.GetBytes("\u001e", buffer.AsSpan(length));
                hash.AppendData(buffer, 0, length);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

/// <summary>
/// The teacher's merged profile as the nightly job keeps it between runs (teacher_development.Levels): levels of competencies and
/// knowledge elements, competency percents, and the three component percents.
/// </summary>
public sealed record StoredLevels(
    Dictionary<string, Level> Competencies,
    Dictionary<string, Level> Elements,
    Dictionary<string, double> Percents,
    double? Social,
    double? Subject,
    double? Pedagogical)
{
    public static StoredLevels Empty => new([], [], [], null, null, null);
}
