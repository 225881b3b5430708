using System.Text.Json;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Content;

/// <summary>
/// The native JSON document of a micro-credential programme (format <c>ltipd-programme/1</c>, described in
/// src/LtiPD.Web/Content/README.md). Parsing checks the programme on its own
/// (<see cref="ProgrammeValidator.Validate(Programme)"/>); checking its competencies and instruments needs the framework and
/// the instruments and is a separate call.
/// </summary>
public static class ProgrammeDocument
{
    public const string Format = "ltipd-programme/1";

    public static ContentResult<Programme> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ContentResult<Programme>.Fail([new(null, "$", ProblemCodes.EmptyFile, "The file is empty.")]);
        }

        ProgrammeDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ContentJsonContext.Default.ProgrammeDto);
        }
        catch (JsonException exception)
        {
            return ContentResult<Programme>.Fail([JsonProblems.From(exception)]);
        }

        if (dto is null)
        {
            return ContentResult<Programme>.Fail([new(null, "$", ProblemCodes.Required, "The file holds null instead of a programme object.")]);
        }

        var problems = new ProblemList();
        var read = new DtoReader(problems);
        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            problems.Add("$.format", ProblemCodes.UnsupportedFormat, $"\"format\" must be \"{Format}\"; found \"{dto.Format}\".");
        }

        if (dto.Version is not > 0)
        {
            problems.Add("$.version", ProblemCodes.Required, "The programme version must be a whole number from 1.");
        }

        var programme = new Programme(
            read.Code(dto.Code, "$.code", "programme"),
            dto.Version ?? 0,
            read.Code(dto.Framework, "$.framework", "framework"),
            read.Text(dto.Title, "$.title", "programme title"),
            read.Text(dto.Description, "$.description", "programme description"),
            read.Each(dto.MicroObjectives, "$.microObjectives", "micro-objective").Select(o => new MicroObjective(
                read.Code(o.Dto.Code, $"{o.Path}.code", "micro-objective"),
                read.Text(o.Dto.Text, $"{o.Path}.text", "micro-objective text"),
                Codes(read, o.Dto.Competencies, $"{o.Path}.competencies", "competency"))).ToList(),
            read.Each(dto.Modules, "$.modules", "module").Select(m => ReadModule(read, m.Dto, m.Path)).ToList(),
            ReadCredential(read, dto.Credential, "$.credential"));

        if (problems.Count == 0)
        {
            problems.AddRange(ProgrammeValidator.Validate(programme));
        }

        return ContentResult<Programme>.From(programme, problems.Items);
    }

    private static Module ReadModule(DtoReader read, ModuleDto dto, string path)
    {
        if (dto.Hours is null)
        {
            read.Problems.Add($"{path}.hours", ProblemCodes.Required, "The module has no time allocation in hours.");
        }

        var forms = new List<StudyForm>();
        if (dto.Forms is null || dto.Forms.Count == 0)
        {
            read.Problems.Add($"{path}.forms", ProblemCodes.Required, $"The module offers no form; expected some of {ContentNames.Expected<StudyForm>()}.");
        }
        else
        {
            for (var f = 0; f < dto.Forms.Count; f++)
            {
                forms.Add(read.Enum<StudyForm>(dto.Forms[f], $"{path}.forms[{f}]", "study form", ProblemCodes.InvalidValue));
            }
        }

        return new Module(
            read.Code(dto.Code, $"{path}.code", "module"),
            read.Enum<ModuleKind>(dto.Kind, $"{path}.kind", "module kind", ProblemCodes.UnknownKind),
            read.Text(dto.Title, $"{path}.title", "module title"),
            read.Text(dto.Summary, $"{path}.summary", "module summary"),
            Codes(read, dto.MicroObjectives, $"{path}.microObjectives", "micro-objective"),
            forms,
            dto.Hours ?? 0,
            read.Each(dto.Materials, $"{path}.materials", "material section").Select(s => new MaterialSection(
                read.Text(s.Dto.Heading, $"{s.Path}.heading", "section heading"),
                read.Text(s.Dto.Body, $"{s.Path}.body", "section text"))).ToList(),
            ReadDiagnostics(read, dto.Diagnostics, $"{path}.diagnostics"),
            ReadCredential(read, dto.Credential, $"{path}.credential"));
    }

    /// <summary>A credential is optional; one that is declared needs all four fields (the image is checked by the validator).</summary>
    private static CredentialDeclaration? ReadCredential(DtoReader read, CredentialDto? dto, string path)
    {
        if (dto is null)
            return null;
        if (string.IsNullOrWhiteSpace(dto.Image))
            read.Problems.Add($"{path}.image", ProblemCodes.Required, "The credential has no image: an https URL or a path of the tool starting with \"/\".");
        return new CredentialDeclaration(
            read.Text(dto.Title, $"{path}.title", "credential title"),
            read.Text(dto.Description, $"{path}.description", "credential description"),
            read.Text(dto.Criteria, $"{path}.criteria", "credential criteria"),
            dto.Image ?? "");
    }

    private static IReadOnlyList<Diagnostic> ReadDiagnostics(DtoReader read, DiagnosticsDto? dto, string path)
    {
        if (dto is null)
        {
            read.Problems.Add(path, ProblemCodes.Required, "The module has no diagnostics; name at least one of content, activity, communicative.");
            return [];
        }

        var diagnostics = new List<Diagnostic>();
        foreach (var (aspect, diagnostic) in new[]
                 {
                     (DiagnosticAspect.Content, dto.Content),
                     (DiagnosticAspect.Activity, dto.Activity),
                     (DiagnosticAspect.Communicative, dto.Communicative),
                 })
        {
            if (diagnostic is null)
            {
                continue;
            }

            var at = $"{path}.{ContentNames.Of(aspect)}";
            diagnostics.Add(new Diagnostic(
                aspect, read.Code(diagnostic.Instrument, $"{at}.instrument", "instrument"), ReadCriterion(read, aspect, diagnostic, at), diagnostic.Shared ?? false));
        }

        return diagnostics;
    }

    /// <summary>
    /// Each aspect has one kind of criterion: a test's pass mark (<c>passPercent</c>, required), a practical task's review at or
    /// above a level (<c>reviewedAtLeast</c>, "acceptable" when left out: documents written before it existed meant "handed
    /// in", and a review is the least a handed-in task can be judged by), a self-analysis answered in full
    /// (<c>answeredInFull</c>, true when left out). A criterion of another aspect is refused rather than ignored.
    /// </summary>
    private static EvidenceCriterion ReadCriterion(DtoReader read, DiagnosticAspect aspect, DiagnosticDto dto, string at)
    {
        if (aspect != DiagnosticAspect.Content && dto.PassPercent is not null)
        {
            read.Problems.Add($"{at}.passPercent", ProblemCodes.InvalidValue,
                $"Only a content test has a pass mark; the {ContentNames.Of(aspect)} diagnostic states {Expected(aspect)}.");
        }

        if (aspect != DiagnosticAspect.Activity && dto.ReviewedAtLeast is not null)
        {
            read.Problems.Add($"{at}.reviewedAtLeast", ProblemCodes.InvalidValue,
                $"Only a practical task is reviewed at a level; the {ContentNames.Of(aspect)} diagnostic states {Expected(aspect)}.");
        }

        if (aspect != DiagnosticAspect.Communicative && dto.AnsweredInFull is not null)
        {
            read.Problems.Add($"{at}.answeredInFull", ProblemCodes.InvalidValue,
                $"Only a self-analysis is judged by being answered in full; the {ContentNames.Of(aspect)} diagnostic states {Expected(aspect)}.");
        }

        switch (aspect)
        {
            case DiagnosticAspect.Content:
                return EvidenceCriterion.PassMark(dto.PassPercent ?? 0);
            case DiagnosticAspect.Activity:
                return EvidenceCriterion.ReviewedAtLeast(dto.ReviewedAtLeast is null
                    ? Level.Acceptable
                    : read.Enum<Level>(dto.ReviewedAtLeast, $"{at}.reviewedAtLeast", "level", ProblemCodes.InvalidValue));
            default:
                if (dto.AnsweredInFull is false)
                {
                    read.Problems.Add($"{at}.answeredInFull", ProblemCodes.InvalidValue,
                        "A self-analysis counts when it is answered in full; \"answeredInFull\": false states no criterion. Leave it out or set it to true.");
                }

                return EvidenceCriterion.AnsweredInFull;
        }
    }

    private static string Expected(DiagnosticAspect aspect) => aspect switch
    {
        DiagnosticAspect.Content => "\"passPercent\"",
        DiagnosticAspect.Activity => "\"reviewedAtLeast\"",
        _ => "\"answeredInFull\"",
    };

    private static IReadOnlyList<string> Codes(DtoReader read, List<string?>? codes, string path, string what)
    {
        if (codes is null || codes.Count == 0)
        {
            read.Problems.Add(path, ProblemCodes.Required, $"There must be at least one {what}.");
            return [];
        }

        return codes.Select((c, i) => read.Code(c, $"{path}[{i}]", what)).ToList();
    }
}
