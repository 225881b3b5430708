using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Content;

/// <summary>
/// Checks a programme so that a module page never meets a reference it cannot follow: unique codes, micro-objectives that
/// exist, sensible hours, forms and thresholds, and (with the framework and instruments) competencies that exist and
/// diagnostics that name an instrument of the right kind for their aspect.
/// </summary>
public static class ProgrammeValidator
{
    /// <summary>Rules that need only the programme.</summary>
    public static IReadOnlyList<ContentProblem> Validate(Programme programme)
    {
        var problems = new ProblemList();
        var objectiveCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var o = 0; o < programme.MicroObjectives.Count; o++)
        {
            if (!objectiveCodes.Add(programme.MicroObjectives[o].Code))
            {
                problems.Add($"$.microObjectives[{o}].code", ProblemCodes.DuplicateCode,
                    ContentMessages.CodeUsedTwice(ContentTerms.MicroObjective, programme.MicroObjectives[o].Code));
            }
        }

        CheckCredentialImage(programme.Credential, "$.credential.image", problems);
        var moduleCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < programme.Modules.Count; m++)
        {
            var module = programme.Modules[m];
            var path = $"$.modules[{m}]";
            if (!moduleCodes.Add(module.Code))
            {
                problems.Add($"{path}.code", ProblemCodes.DuplicateCode, ContentMessages.CodeUsedTwice(ContentTerms.Module, module.Code));
            }

            for (var i = 0; i < module.MicroObjectiveCodes.Count; i++)
            {
                if (!objectiveCodes.Contains(module.MicroObjectiveCodes[i]))
                {
                    problems.Add($"{path}.microObjectives[{i}]", ProblemCodes.UnknownMicroObjective,
                        ContentMessages.UnknownMicroObjective(module.Code, module.MicroObjectiveCodes[i]));
                }
            }

            if (module.Hours is < 1 or > 1000)
            {
                problems.Add($"{path}.hours", ProblemCodes.InvalidValue, ContentMessages.HoursOutOfRange(module.Code, module.Hours));
            }

            if (module.Forms.Distinct().Count() != module.Forms.Count)
            {
                problems.Add($"{path}.forms", ProblemCodes.DuplicateCode, ContentMessages.StudyFormTwice(module.Code));
            }

            if (module.Diagnostics.Count == 0)
            {
                problems.Add($"{path}.diagnostics", ProblemCodes.Required,
                    ContentMessages.ModuleWithoutDiagnostics(module.Code));
            }

            CheckCredentialImage(module.Credential, $"{path}.credential.image", problems);
            foreach (var diagnostic in module.Diagnostics)
            {
                var at = $"{path}.diagnostics.{ContentNames.Of(diagnostic.Aspect)}";
                var criterion = diagnostic.Criterion;
                var expected = diagnostic.Aspect switch
                {
                    DiagnosticAspect.Content => CriterionKind.PassMark,
                    DiagnosticAspect.Activity => CriterionKind.ReviewedAtLeast,
                    _ => CriterionKind.AnsweredInFull,
                };
                if (criterion.Kind != expected)
                {
                    problems.Add(at, ProblemCodes.InvalidValue,
                        ContentMessages.CriterionKindMismatch(ContentNames.Of(diagnostic.Aspect), module.Code, ContentNames.Of(expected), ContentNames.Of(criterion.Kind)));
                }
                else if (criterion.Kind == CriterionKind.PassMark && criterion.PassPercent is not (> 0 and <= 100))
                {
                    problems.Add($"{at}.passPercent", ProblemCodes.InvalidValue,
                        ContentMessages.PassPercentOutOfRange(module.Code));
                }
                else if (criterion.Kind == CriterionKind.ReviewedAtLeast && !(criterion.Level is { } level && Enum.IsDefined(level)))
                {
                    problems.Add($"{at}.reviewedAtLeast", ProblemCodes.InvalidValue,
                        ContentMessages.ReviewLevelMissing(module.Code, ContentNames.Expected<Level>()));
                }
            }
        }

        return problems.Items;
    }

    /// <summary>
    /// A badge image is an absolute https URL or a path of the tool ("/…", not "//…", which a browser reads as another host):
    /// a verifier fetches it from the credential, so it must be somewhere anyone can reach over TLS.
    /// </summary>
    private static void CheckCredentialImage(CredentialDeclaration? credential, string path, ProblemList problems)
    {
        if (credential is null || credential.Image.Length == 0)
            return;
        var image = credential.Image;
        var local = image.StartsWith('/') && !image.StartsWith("//", StringComparison.Ordinal) && Uri.IsWellFormedUriString(image, UriKind.Relative);
        var remote = Uri.TryCreate(image, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
        if (!local && !remote)
            problems.Add(path, ProblemCodes.InvalidValue, ContentMessages.CredentialImageInvalid(image));
    }

    /// <summary>All rules, including that competencies exist in the framework and diagnostics name fitting instruments.</summary>
    public static IReadOnlyList<ContentProblem> Validate(Programme programme, CompetencyFramework framework, IReadOnlyCollection<Instrument> instruments)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(framework);
        var problems = new ProblemList();
        problems.AddRange(Validate(programme));
        if (!string.Equals(programme.FrameworkCode, framework.Code, StringComparison.Ordinal))
        {
            problems.Add("$.framework", ProblemCodes.WrongFramework,
                ContentMessages.WrittenForOtherFramework(ContentTerms.Programme, programme.FrameworkCode, framework.Code));
        }

        for (var o = 0; o < programme.MicroObjectives.Count; o++)
        {
            var objective = programme.MicroObjectives[o];
            for (var c = 0; c < objective.CompetencyCodes.Count; c++)
            {
                if (framework.FindCompetency(objective.CompetencyCodes[c]) is null)
                {
                    problems.Add($"$.microObjectives[{o}].competencies[{c}]", ProblemCodes.UnknownCompetency,
                        ContentMessages.ObjectiveUnknownCompetency(objective.Code, objective.CompetencyCodes[c]));
                }
            }
        }

        for (var m = 0; m < programme.Modules.Count; m++)
        {
            var module = programme.Modules[m];
            foreach (var diagnostic in module.Diagnostics)
            {
                var at = $"$.modules[{m}].diagnostics.{ContentNames.Of(diagnostic.Aspect)}.instrument";
                var instrument = instruments.FirstOrDefault(i => string.Equals(i.Code, diagnostic.InstrumentCode, StringComparison.Ordinal));
                var allowed = KindsFor(diagnostic.Aspect);
                if (instrument is null)
                {
                    problems.Add(at, ProblemCodes.UnknownInstrument,
                        ContentMessages.UnknownInstrument(module.Code, diagnostic.InstrumentCode));
                }
                else if (!allowed.Contains(instrument.Kind))
                {
                    problems.Add(at, ProblemCodes.KindMismatch,
                        ContentMessages.InstrumentKindMismatch(
                            ContentNames.Of(diagnostic.Aspect), module.Code, allowed.Select(ContentNames.Of).ToList(), instrument.Code, ContentNames.Of(instrument.Kind)));
                }
            }
        }

        return problems.Items;
    }

    /// <summary>
    /// Which instruments serve each aspect (seed 001): tests for content, practical tasks for activity, self-analysis for the
    /// communicative aspect. Peer feedback is about a colleague, so it never stands as a teacher's own evidence.
    /// </summary>
    public static IReadOnlyList<InstrumentKind> KindsFor(DiagnosticAspect aspect) => aspect switch
    {
        DiagnosticAspect.Content => [InstrumentKind.KnowledgeTest, InstrumentKind.SituationalJudgement],
        DiagnosticAspect.Activity => [InstrumentKind.PracticalTask],
        DiagnosticAspect.Communicative => [InstrumentKind.LikertSelfAssessment],
        _ => [],
    };
}
