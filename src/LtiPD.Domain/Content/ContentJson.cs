using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

// The wire shapes of the native format. Every member is nullable so that a missing field becomes
// a problem with its path when the DTO is mapped to a record, instead of a deserializer exception.
internal sealed class TextDto
{
    public string? En { get; set; }

    public string? Ru { get; set; }

    public string? Kk { get; set; }
}

internal sealed class FrameworkDto
{
    public string? Format { get; set; }

    public string? Code { get; set; }

    public string? Version { get; set; }

    public TextDto? Title { get; set; }

    public TextDto? Description { get; set; }

    public List<CompetencyDto?>? Competencies { get; set; }

    public List<TaskDto?>? Tasks { get; set; }
}

internal sealed class CompetencyDto
{
    public string? Code { get; set; }

    public string? Component { get; set; }

    public TextDto? Name { get; set; }

    public TextDto? Description { get; set; }

    public Dictionary<string, TextDto?>? Levels { get; set; }

    public List<IndicatorDto?>? Indicators { get; set; }

    public List<KnowledgeElementDto?>? KnowledgeElements { get; set; }

    public string? CaseUri { get; set; }
}

internal sealed class IndicatorDto
{
    public string? Code { get; set; }

    public TextDto? Text { get; set; }
}

internal sealed class KnowledgeElementDto
{
    public string? Code { get; set; }

    public TextDto? Name { get; set; }

    public List<string?>? Levels { get; set; }
}

internal sealed class TaskDto
{
    public string? Code { get; set; }

    public TextDto? Name { get; set; }

    public List<TaskLinkDto?>? Links { get; set; }
}

internal sealed class TaskLinkDto
{
    public string? Competency { get; set; }

    public string? Element { get; set; }

    public string? Level { get; set; }
}

internal sealed class InstrumentDto
{
    public string? Format { get; set; }

    public string? Code { get; set; }

    public int? Version { get; set; }

    public string? Kind { get; set; }

    public string? Framework { get; set; }

    public TextDto? Title { get; set; }

    public TextDto? Introduction { get; set; }

    public List<ItemDto?>? Items { get; set; }
}

internal sealed class ItemDto
{
    public string? Code { get; set; }

    public string? Competency { get; set; }

    public string? Indicator { get; set; }

    public string? Kind { get; set; }

    public TextDto? Text { get; set; }

    public bool? ReverseKeyed { get; set; }

    public List<OptionDto?>? Options { get; set; }

    public RubricDto? Rubric { get; set; }
}

internal sealed class OptionDto
{
    public string? Code { get; set; }

    public TextDto? Text { get; set; }

    public double? Score { get; set; }
}

internal sealed class RubricDto
{
    public List<CriterionDto?>? Criteria { get; set; }
}

internal sealed class CriterionDto
{
    public string? Code { get; set; }

    public TextDto? Description { get; set; }

    public int? MaxPoints { get; set; }
}

internal sealed class ProgrammeDto
{
    public string? Format { get; set; }

    public string? Code { get; set; }

    public int? Version { get; set; }

    public string? Framework { get; set; }

    public TextDto? Title { get; set; }

    public TextDto? Description { get; set; }

    public List<MicroObjectiveDto?>? MicroObjectives { get; set; }

    public List<ModuleDto?>? Modules { get; set; }

    public CredentialDto? Credential { get; set; }
}

internal sealed class CredentialDto
{
    public TextDto? Title { get; set; }

    public TextDto? Description { get; set; }

    public TextDto? Criteria { get; set; }

    public string? Image { get; set; }
}

internal sealed class MicroObjectiveDto
{
    public string? Code { get; set; }

    public TextDto? Text { get; set; }

    public List<string?>? Competencies { get; set; }
}

internal sealed class ModuleDto
{
    public string? Code { get; set; }

    public string? Kind { get; set; }

    public TextDto? Title { get; set; }

    public TextDto? Summary { get; set; }

    public List<string?>? MicroObjectives { get; set; }

    public List<string?>? Forms { get; set; }

    public int? Hours { get; set; }

    public List<MaterialDto?>? Materials { get; set; }

    public DiagnosticsDto? Diagnostics { get; set; }

    public CredentialDto? Credential { get; set; }
}

internal sealed class MaterialDto
{
    public TextDto? Heading { get; set; }

    public TextDto? Body { get; set; }
}

internal sealed class DiagnosticsDto
{
    public DiagnosticDto? Content { get; set; }

    public DiagnosticDto? Activity { get; set; }

    public DiagnosticDto? Communicative { get; set; }
}

internal sealed class DiagnosticDto
{
    public string? Instrument { get; set; }

    public double? PassPercent { get; set; }

    public string? ReviewedAtLeast { get; set; }

    public bool? AnsweredInFull { get; set; }

    public bool? Shared { get; set; }
}

internal sealed class TargetsDto
{
    public string? Format { get; set; }

    public string? Programme { get; set; }

    public List<TargetProfileDto?>? Profiles { get; set; }
}

internal sealed class TargetProfileDto
{
    public string? Stage { get; set; }

    public string? Training { get; set; }

    public Dictionary<string, string?>? Targets { get; set; }
}

// Unknown members are refused: a misspelt "knowledgeElement" or "kz" would otherwise be dropped
// silently and a teacher would see English where a translation was intended.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(FrameworkDto))]
[JsonSerializable(typeof(InstrumentDto))]
[JsonSerializable(typeof(ProgrammeDto))]
[JsonSerializable(typeof(TargetsDto))]
internal sealed partial class ContentJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Writes Cyrillic and Kazakh letters as themselves rather than \u escapes, so stored documents
    /// stay readable and diffable; the output is never embedded in HTML.
    /// </summary>
    // Created on first use: a static initializer would run before the generated Default exists.
    private static ContentJsonContext? _readable;

    public static ContentJsonContext Readable => _readable ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}

internal static class JsonProblems
{
    public static ContentProblem From(JsonException exception)
    {
        var path = string.IsNullOrEmpty(exception.Path) ? "$" : exception.Path;
        return new(null, path, ProblemCodes.InvalidJson,
            ContentMessages.InvalidJson(exception.LineNumber, exception.BytePositionInLine ?? 0, Reason(exception.Message, path)));
    }

    /// <summary>
    /// Our own words for what went wrong: the serializer's message names .NET types ("could not be converted to
    /// System.String") that mean nothing to the administrator who uploaded the file.
    /// </summary>
    private static LocalizedText Reason(string message, string path) =>
        message.Contains("could not be mapped", StringComparison.Ordinal) ? ContentMessages.JsonNotAField(path)
        : message.Contains("could not be converted", StringComparison.Ordinal) ? ContentMessages.JsonWrongKind(path)
        : ContentMessages.JsonMalformed();
}
