using System.Text.Json.Serialization;

namespace LtiPD.Web.Features.Assessments;

/// <summary>Source-generated JSON for what the assessment pages store and answer (no reflection at run time).</summary>
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(AutosaveAnswer))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class AssessmentJson : JsonSerializerContext;

/// <summary>What the page's script receives after saving one answer as the teacher goes.</summary>
public sealed record AutosaveAnswer(bool Saved, int Answered, int Total, string? Error, string? Message);
