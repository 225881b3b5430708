using System.Buffers;
using System.Text;
using System.Text.Json;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// The points of one moment of a teacher's profile history as profile_point_sets.Points stores them: a JSON array of
/// [competency code, component, percent, level]. Positional rather than named, because a full rebuild writes and reads
/// 200,000 of these and the names would be most of the text; the moment's time is the row's own column.
/// </summary>
public static class ProfilePointsText
{
    public static string Write(IReadOnlyList<ProfilePoint> points)
    {
        var buffer = new ArrayBufferWriter<byte>(32 * points.Count + 2);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var point in points)
            {
                json.WriteStartArray();
                json.WriteStringValue(point.CompetencyCode);
                json.WriteNumberValue((int)point.Component);
                json.WriteNumberValue(point.Percent);
                json.WriteNumberValue((int)point.Level);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The points of a moment taken at <paramref name="at"/>, in the order written.</summary>
    /// <exception cref="JsonException">The text is not what <see cref="Write"/> writes.</exception>
    public static List<ProfilePoint> Read(string text, DateTimeOffset at)
    {
        var points = new List<ProfilePoint>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text));
        Expect(ref reader, JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            Expect(ref reader, JsonTokenType.String);
            var code = reader.GetString()!;
            Expect(ref reader, JsonTokenType.Number);
            var component = (Component)reader.GetInt32();
            Expect(ref reader, JsonTokenType.Number);
            var percent = reader.GetDouble();
            Expect(ref reader, JsonTokenType.Number);
            var level = (Level)reader.GetInt32();
            Expect(ref reader, JsonTokenType.EndArray);
            points.Add(new ProfilePoint(at, code, component, percent, level));
        }
        if (reader.TokenType != JsonTokenType.EndArray)
            throw new JsonException($"A profile point set ends with {reader.TokenType} instead of the end of its array.");
        return points;
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type)
    {
        if (!reader.Read() || reader.TokenType != type)
            throw new JsonException($"A profile point set has {reader.TokenType} where {type} belongs.");
    }
}
