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
            return ContentResult<Programme>.Fail([new(null, "$", ProblemCodes.EmptyFile, ContentMessages.EmptyFile())]);
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
            return ContentResult<Programme>.Fail([new(null, "$", ProblemCodes.Required, ContentMessages.NullDocument(ContentTerms.Programme))]);
        }

        var problems = new ProblemList();
        var read = new DtoReader(problems);
        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            problems.Add("$.format", ProblemCodes.UnsupportedFormat, ContentMessages.UnsupportedFormat(Format, dto.Format));
        }

        if (dto.Version is not > 0)
        {
            problems.Add("$.version", ProblemCodes.Required, ContentMessages.VersionNotWholeNumber(ContentTerms.Programme));
        }

        var programme = new Programme(
            read.Code(dto.Code, "$.code", ContentTerms.Programme),
            dto.Version ?? 0,
            read.Code(dto.Framework, "$.framework", ContentTerms.Framework),
            read.Text(dto.Title, "$.title", ContentTerms.ProgrammeTitle),
            read.Text(dto.Description, "$.description", ContentTerms.ProgrammeDescription),
            read.Each(dto.MicroObjectives, "$.microObjectives", ContentTerms.MicroObjective).Select(o => new MicroObjective(
                read.Code(o.Dto.Code, $"{o.Path}.code", ContentTerms.MicroObjective),
                read.Text(o.Dto.Text, $"{o.Path}.text", ContentTerms.MicroObjectiveText),
                Codes(read, o.Dto.Competencies, $"{o.Path}.competencies", ContentTerms.Competency))).ToList(),
            read.Each(dto.Modules, "$.modules", ContentTerms.Module).Select(m => ReadModule(read, m.Dto, m.Path)).ToList(),
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
            read.Problems.Add($"{path}.hours", ProblemCodes.Required, ContentMessages.ModuleWithoutHours());
        }

        var forms = new List<StudyForm>();
        if (dto.Forms is null || dto.Forms.Count == 0)
        {
            read.Problems.Add($"{path}.forms", ProblemCodes.Required, ContentMessages.ModuleWithoutForms(ContentNames.Expected<StudyForm>()));
        }
        else
        {
            for (var f = 0; f < dto.Forms.Count; f++)
            {
                forms.Add(read.Enum<StudyForm>(dto.Forms[f], $"{path}.forms[{f}]", ContentTerms.StudyForm, ProblemCodes.InvalidValue));
            }
        }

        return new Module(
            read.Code(dto.Code, $"{path}.code", ContentTerms.Module),
            read.Enum<ModuleKind>(dto.Kind, $"{path}.kind", ContentTerms.ModuleKind, ProblemCodes.UnknownKind),
            read.Text(dto.Title, $"{path}.title", ContentTerms.ModuleTitle),
            read.Text(dto.Summary, $"{path}.summary", ContentTerms.ModuleSummary),
            Codes(read, dto.MicroObjectives, $"{path}.microObjectives", ContentTerms.MicroObjective),
            forms,
            dto.Hours ?? 0,
            read.Each(dto.Materials, $"{path}.materials", ContentTerms.MaterialSection).Select(s => new MaterialSection(
                read.Text(s.Dto.Heading, $"{s.Path}.heading", ContentTerms.SectionHeading),
                read.Text(s.Dto.Body, $"{s.Path}.body", ContentTerms.SectionText))).ToList(),
            ReadDiagnostics(read, dto.Diagnostics, $"{path}.diagnostics"),
            ReadCredential(read, dto.Credential, $"{path}.credential"));
    }

    /// <summary>A credential is optional; one that is declared needs all four fields (the image is checked by the validator).</summary>
    private static CredentialDeclaration? ReadCredential(DtoReader read, CredentialDto? dto, string path)
    {
        if (dto is null)
            return null;
        if (string.IsNullOrWhiteSpace(dto.Image))
            read.Problems.Add($"{path}.image", ProblemCodes.Required, ContentMessages.CredentialWithoutImage());
        return new CredentialDeclaration(
            read.Text(dto.Title, $"{path}.title", ContentTerms.CredentialTitle),
            read.Text(dto.Description, $"{path}.description", ContentTerms.CredentialDescription),
            read.Text(dto.Criteria, $"{path}.criteria", ContentTerms.CredentialCriteria),
            dto.Image ?? "");
    }

    private static IReadOnlyList<Diagnostic> ReadDiagnostics(DtoReader read, DiagnosticsDto? dto, string path)
    {
        if (dto is null)
        {
            read.Problems.Add(path, ProblemCodes.Required, ContentMessages.ModuleWithoutDiagnostics());
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
                aspect, read.Code(diagnostic.Instrument, $"{at}.instrument", ContentTerms.Instrument), ReadCriterion(read, aspect, diagnostic, at), diagnostic.Shared ?? false));
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
                ContentMessages.PassMarkOutsideContent(ContentNames.Of(aspect), Expected(aspect)));
        }

        if (aspect != DiagnosticAspect.Activity && dto.ReviewedAtLeast is not null)
        {
            read.Problems.Add($"{at}.reviewedAtLeast", ProblemCodes.InvalidValue,
                ContentMessages.ReviewOutsideActivity(ContentNames.Of(aspect), Expected(aspect)));
        }

        if (aspect != DiagnosticAspect.Communicative && dto.AnsweredInFull is not null)
        {
            read.Problems.Add($"{at}.answeredInFull", ProblemCodes.InvalidValue,
                ContentMessages.AnsweredInFullOutsideCommunicative(ContentNames.Of(aspect), Expected(aspect)));
        }

        switch (aspect)
        {
            case DiagnosticAspect.Content:
                return EvidenceCriterion.PassMark(dto.PassPercent ?? 0);
            case DiagnosticAspect.Activity:
                return EvidenceCriterion.ReviewedAtLeast(dto.ReviewedAtLeast is null
                    ? Level.Acceptable
                    : read.Enum<Level>(dto.ReviewedAtLeast, $"{at}.reviewedAtLeast", ContentTerms.Level, ProblemCodes.InvalidValue));
            default:
                if (dto.AnsweredInFull is false)
                {
                    read.Problems.Add($"{at}.answeredInFull", ProblemCodes.InvalidValue,
                        ContentMessages.AnsweredInFullFalse());
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

    private static IReadOnlyList<string> Codes(DtoReader read, List<string?>? codes, string path, LocalizedText what)
    {
        if (codes is null || codes.Count == 0)
        {
            read.Problems.Add(path, ProblemCodes.Required, ContentMessages.AtLeastOne(what));
            return [];
        }

        return codes.Select((c, i) => read.Code(c, $"{path}[{i}]", what)).ToList();
    }
}
