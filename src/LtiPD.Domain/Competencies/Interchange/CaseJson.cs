using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LtiPD.Domain.Competencies.Interchange;

// The subset of the 1EdTech CASE 1.1 CFPackage (REST/JSON binding) that LtiPD writes and reads.
// Names follow the binding exactly; members CASE defines that we do not use are skipped on read.
internal sealed class CfPackage
{
    [JsonPropertyName("CFDocument")]
    public CfDocument? Document { get; set; }

    [JsonPropertyName("CFItems")]
    public List<CfItem?>? Items { get; set; }

    [JsonPropertyName("CFAssociations")]
    public List<CfAssociation?>? Associations { get; set; }

    [JsonPropertyName("CFRubrics")]
    public List<CfRubric?>? Rubrics { get; set; }
}

internal sealed class CfLinkUri
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }
}

internal sealed class CfDocument
{
    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("creator")]
    public string? Creator { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("language")]
    public string? Language { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("adoptionStatus")]
    public string? AdoptionStatus { get; set; }

    [JsonPropertyName("extensions")]
    public CfDocumentExtensions? Extensions { get; set; }
}

internal sealed class CfDocumentExtensions
{
    /// <summary>Our framework code; CASE identifiers must be UUIDs, so the code travels here.</summary>
    [JsonPropertyName("ltipdFrameworkCode")]
    public string? FrameworkCode { get; set; }
}

internal sealed class CfItem
{
    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("fullStatement")]
    public string? FullStatement { get; set; }

    [JsonPropertyName("humanCodingScheme")]
    public string? HumanCodingScheme { get; set; }

    [JsonPropertyName("CFItemType")]
    public string? ItemType { get; set; }

    [JsonPropertyName("notes")]
    public string? Notes { get; set; }

    [JsonPropertyName("language")]
    public string? Language { get; set; }

    [JsonPropertyName("CFDocumentURI")]
    public CfLinkUri? DocumentUri { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }

    [JsonPropertyName("extensions")]
    public CfItemExtensions? Extensions { get; set; }
}

internal sealed class CfItemExtensions
{
    /// <summary>Knowledge element: the levels it is studied at (a column of the sparse KSA matrix).</summary>
    [JsonPropertyName("ltipdStudiedAt")]
    public List<string?>? StudiedAt { get; set; }

    /// <summary>Pedagogical task: its chain of links, in order.</summary>
    [JsonPropertyName("ltipdTaskLinks")]
    public List<CfTaskLink?>? TaskLinks { get; set; }
}

internal sealed class CfTaskLink
{
    [JsonPropertyName("competency")]
    public string? Competency { get; set; }

    [JsonPropertyName("element")]
    public string? Element { get; set; }

    [JsonPropertyName("level")]
    public string? Level { get; set; }
}

internal sealed class CfAssociation
{
    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("associationType")]
    public string? AssociationType { get; set; }

    [JsonPropertyName("sequenceNumber")]
    public int? SequenceNumber { get; set; }

    [JsonPropertyName("originNodeURI")]
    public CfLinkUri? Origin { get; set; }

    [JsonPropertyName("destinationNodeURI")]
    public CfLinkUri? Destination { get; set; }

    [JsonPropertyName("CFDocumentURI")]
    public CfLinkUri? DocumentUri { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }
}

internal sealed class CfRubric
{
    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }

    [JsonPropertyName("CFRubricCriteria")]
    public List<CfRubricCriterion?>? Criteria { get; set; }
}

internal sealed class CfRubricCriterion
{
    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("category")]
    public string? Category { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("CFItemURI")]
    public CfLinkUri? ItemUri { get; set; }

    [JsonPropertyName("position")]
    public int? Position { get; set; }

    [JsonPropertyName("rubricId")]
    public string? RubricId { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }

    [JsonPropertyName("CFRubricCriterionLevels")]
    public List<CfRubricCriterionLevel?>? Levels { get; set; }
}

internal sealed class CfRubricCriterionLevel
{
    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("uri")]
    public string? Uri { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("quality")]
    public string? Quality { get; set; }

    [JsonPropertyName("score")]
    public double? Score { get; set; }

    [JsonPropertyName("position")]
    public int? Position { get; set; }

    [JsonPropertyName("rubricCriterionId")]
    public string? RubricCriterionId { get; set; }

    [JsonPropertyName("lastChangeDateTime")]
    public string? LastChangeDateTime { get; set; }
}

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(CfPackage))]
internal sealed partial class CaseJsonContext : JsonSerializerContext
{
    // Created on first use: a static initializer would run before the generated Default exists.
    private static CaseJsonContext? _readable;

    public static CaseJsonContext Readable => _readable ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
