using System.Text.Json;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// The spelling of enum values in content files: camelCase of the C# name ("advanced",
/// "likertSelfAssessment"). Parsed by hand rather than by a JSON converter so that a wrong value
/// becomes a problem with its path, not an exception.
/// </summary>
public static class ContentNames
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static bool TryParse<T>(string? name, out T value)
        where T : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (string.Equals(Of(candidate), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string Expected<T>()
        where T : struct, Enum => string.Join(", ", Enum.GetValues<T>().Select(v => $"\"{Of(v)}\""));

    /// <summary>What the five levels are called on pages and in exported files.</summary>
    public static LocalizedText LevelName(Level level) => level switch
    {
        Level.Low => new("Low", "Низкий", "Төмен"),
        Level.Acceptable => new("Acceptable", "Допустимый", "Қолайлы"),
        Level.Average => new("Average", "Средний", "Орташа"),
        Level.High => new("High", "Высокий", "Жоғары"),
        Level.Advanced => new("Advanced", "Продвинутый", "Озық"),
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>What the three components are called on pages and in exported files.</summary>
    public static LocalizedText ComponentName(Component component) => component switch
    {
        Component.Social => new("Social competence", "Социальная компетентность", "Әлеуметтік құзыреттілік"),
        Component.Subject => new("Subject competence", "Предметная компетентность", "Пәндік құзыреттілік"),
        Component.Pedagogical => new("Pedagogical competence", "Педагогическая компетентность", "Педагогикалық құзыреттілік"),
        _ => throw new ArgumentOutOfRangeException(nameof(component)),
    };

    internal static bool IsValidCode(string? code) =>
        !string.IsNullOrWhiteSpace(code) && code.All(c => !char.IsWhiteSpace(c) && c != ',' && c != '"');

    internal static ItemKind[] ItemKindsFor(InstrumentKind kind) => kind switch
    {
        InstrumentKind.LikertSelfAssessment => [ItemKind.Likert],
        InstrumentKind.KnowledgeTest => [ItemKind.SingleChoice, ItemKind.MultipleChoice],
        InstrumentKind.SituationalJudgement => [ItemKind.Scenario],
        InstrumentKind.PracticalTask => [ItemKind.RubricTask],
        InstrumentKind.PeerFeedback => [ItemKind.Likert],
        _ => [],
    };
}
