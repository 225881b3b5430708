using System.Buffers;
using System.Text;
using System.Text.Json;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// Reads what <see cref="ResultRecord.MeasuresFromJson"/> needs from a stored record in one forward pass: the stage and time,
/// the indicator and competency scores, the grade and the evidence; the item scores and answer problems are skipped unread.
/// The nightly job reads two records per teacher, and the serializer's record converters (constructor arguments buffered per
/// property, the whole shape described by metadata) were a sixth of the job's CPU; this reader takes the same JSON
/// <see cref="ResultRecord.ToJson"/> writes (camelCase names, enums as names or numbers, unknown properties skipped).
/// </summary>
internal static class MeasuresJson
{
    public static ResultRecord Read(string json)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, buffer);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            return ReadRecord(ref reader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ResultRecord ReadRecord(ref Utf8JsonReader reader)
    {
        var format = 0;
        var stage = RecordStage.Submitted;
        var recordedAt = default(DateTimeOffset);
        AttemptScore? score = null;
        AttemptEvidence? evidence = null;
        Start(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("format"u8)) { reader.Read(); format = reader.GetInt32(); }
            else if (reader.ValueTextEquals("stage"u8)) { reader.Read(); stage = EnumValue<RecordStage>(ref reader); }
            else if (reader.ValueTextEquals("recordedAt"u8)) { reader.Read(); recordedAt = reader.GetDateTimeOffset(); }
            else if (reader.ValueTextEquals("score"u8)) { reader.Read(); score = ReadScore(ref reader); }
            else if (reader.ValueTextEquals("evidence"u8)) { reader.Read(); evidence = ReadEvidence(ref reader); }
            else Skip(ref reader);
        }
        return new ResultRecord(format, stage, recordedAt,
            score ?? throw new JsonException("A result record has no score."),
            evidence ?? throw new JsonException("A result record has no evidence."));
    }

    private static AttemptScore ReadScore(ref Utf8JsonReader reader)
    {
        string? instrumentCode = null;
        var instrumentVersion = 0;
        var indicators = new List<IndicatorScore>();
        var competencies = new List<CompetencyScore>();
        var grade = default(LmsGrade);
        Start(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("instrumentCode"u8)) { reader.Read(); instrumentCode = reader.GetString(); }
            else if (reader.ValueTextEquals("instrumentVersion"u8)) { reader.Read(); instrumentVersion = reader.GetInt32(); }
            else if (reader.ValueTextEquals("indicators"u8))
            {
                reader.Read();
                Start(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    indicators.Add(ReadIndicator(ref reader));
            }
            else if (reader.ValueTextEquals("competencies"u8))
            {
                reader.Read();
                Start(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    competencies.Add(ReadCompetency(ref reader));
            }
            else if (reader.ValueTextEquals("grade"u8)) { reader.Read(); grade = ReadGrade(ref reader); }
            else Skip(ref reader);
        }
        return new AttemptScore(instrumentCode ?? "", instrumentVersion, [], indicators, competencies, grade, []);
    }

    private static IndicatorScore ReadIndicator(ref Utf8JsonReader reader)
    {
        string? competency = null, code = null;
        var scores = new Scores();
        Start(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("competencyCode"u8)) { reader.Read(); competency = reader.GetString(); }
            else if (reader.ValueTextEquals("code"u8)) { reader.Read(); code = reader.GetString(); }
            else if (!scores.TryRead(ref reader)) Skip(ref reader);
        }
        return new IndicatorScore(competency ?? "", code ?? "", scores.Answered, scores.Pending, scores.ItemCount, scores.Percent, scores.Level, scores.Evidence);
    }

    private static CompetencyScore ReadCompetency(ref Utf8JsonReader reader)
    {
        string? code = null;
        var component = Component.Social;
        var scores = new Scores();
        Start(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("code"u8)) { reader.Read(); code = reader.GetString(); }
            else if (reader.ValueTextEquals("component"u8)) { reader.Read(); component = EnumValue<Component>(ref reader); }
            else if (!scores.TryRead(ref reader)) Skip(ref reader);
        }
        return new CompetencyScore(code ?? "", component, scores.Answered, scores.Pending, scores.ItemCount, scores.Percent, scores.Level, scores.Evidence);
    }

    /// <summary>The fields indicator and competency scores share.</summary>
    private struct Scores
    {
        public int Answered, Pending, ItemCount;
        public double? Percent;
        public Level? Level;
        public Evidence Evidence;

        /// <summary>Reads the value of the current property when it is one of these fields.</summary>
        public bool TryRead(ref Utf8JsonReader reader)
        {
            if (reader.ValueTextEquals("answered"u8)) { reader.Read(); Answered = reader.GetInt32(); }
            else if (reader.ValueTextEquals("pending"u8)) { reader.Read(); Pending = reader.GetInt32(); }
            else if (reader.ValueTextEquals("itemCount"u8)) { reader.Read(); ItemCount = reader.GetInt32(); }
            else if (reader.ValueTextEquals("percent"u8)) { reader.Read(); Percent = reader.TokenType == JsonTokenType.Null ? null : reader.GetDouble(); }
            else if (reader.ValueTextEquals("level"u8)) { reader.Read(); Level = reader.TokenType == JsonTokenType.Null ? null : EnumValue<Level>(ref reader); }
            else if (reader.ValueTextEquals("evidence"u8)) { reader.Read(); Evidence = EnumValue<Evidence>(ref reader); }
            else return false;
            return true;
        }
    }

    private static LmsGrade ReadGrade(ref Utf8JsonReader reader)
    {
        double given = 0, maximum = 0;
        var complete = false;
        Start(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("scoreGiven"u8)) { reader.Read(); given = reader.GetDouble(); }
            else if (reader.ValueTextEquals("scoreMaximum"u8)) { reader.Read(); maximum = reader.GetDouble(); }
            else if (reader.ValueTextEquals("gradingComplete"u8)) { reader.Read(); complete = reader.GetBoolean(); }
            else Skip(ref reader);
        }
        return new LmsGrade(given, maximum, complete);
    }

    private static AttemptEvidence ReadEvidence(ref Utf8JsonReader reader)
    {
        var enough = false;
        int answered = 0, itemCount = 0, minimum = 0;
        var unanswered = new List<string>();
        Start(ref reader, JsonTokenType.StartObject);
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("enough"u8)) { reader.Read(); enough = reader.GetBoolean(); }
            else if (reader.ValueTextEquals("answered"u8)) { reader.Read(); answered = reader.GetInt32(); }
            else if (reader.ValueTextEquals("itemCount"u8)) { reader.Read(); itemCount = reader.GetInt32(); }
            else if (reader.ValueTextEquals("minimumAnswered"u8)) { reader.Read(); minimum = reader.GetInt32(); }
            else if (reader.ValueTextEquals("unanswered"u8))
            {
                reader.Read();
                Start(ref reader, JsonTokenType.StartArray);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    unanswered.Add(reader.GetString()!);
            }
            else Skip(ref reader);
        }
        return new AttemptEvidence(enough, answered, itemCount, minimum, unanswered);
    }

    /// <summary>Moves to the start of the value expected here (the first token of the document, or the value already read).</summary>
    private static void Start(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType == JsonTokenType.None)
            reader.Read();
        if (reader.TokenType != expected)
            throw new JsonException($"Expected {expected} at byte {reader.TokenStartIndex}, found {reader.TokenType}.");
    }

    /// <summary>Moves to the next property name of the object being read; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
            throw new JsonException("The record ends inside an object.");
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Skips the value of the property just read.</summary>
    private static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    /// <summary>An enum written by name (as the serializer's string enum converter writes it) or by number.</summary>
    private static T EnumValue<T>(ref Utf8JsonReader reader)
        where T : struct, Enum
    {
        if (reader.TokenType == JsonTokenType.Number)
            return (T)Enum.ToObject(typeof(T), reader.GetInt32());
        Span<char> buffer = stackalloc char[64];
        ReadOnlySpan<char> name = reader.ValueSpan.Length <= buffer.Length && !reader.HasValueSequence
            ? buffer[..reader.CopyString(buffer)]
            : reader.GetString();
        return Enum.TryParse<T>(name, ignoreCase: true, out var value)
            ? value
            : throw new JsonException($"\"{name}\" is not a {typeof(T).Name}.");
    }
}
