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
                    $"The micro-objective code \"{programme.MicroObjectives[o].Code}\" is used more than once.");
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
                problems.Add($"{path}.code", ProblemCodes.DuplicateCode, $"The module code \"{module.Code}\" is used more than once.");
            }

            for (var i = 0; i < module.MicroObjectiveCodes.Count; i++)
            {
                if (!objectiveCodes.Contains(module.MicroObjectiveCodes[i]))
                {
                    problems.Add($"{path}.microObjectives[{i}]", ProblemCodes.UnknownMicroObjective,
                        $"Module \"{module.Code}\" develops micro-objective \"{module.MicroObjectiveCodes[i]}\", which the programme does not have.");
                }
            }

            if (module.Hours is < 1 or > 1000)
            {
                problems.Add($"{path}.hours", ProblemCodes.InvalidValue, $"Module \"{module.Code}\" must take from 1 to 1000 hours; found {module.Hours}.");
            }

            if (module.Forms.Distinct().Count() != module.Forms.Count)
            {
                problems.Add($"{path}.forms", ProblemCodes.DuplicateCode, $"Module \"{module.Code}\" lists a study form more than once.");
            }

            if (module.Diagnostics.Count == 0)
            {
                problems.Add($"{path}.diagnostics", ProblemCodes.Required,
                    $"Module \"{module.Code}\" has no diagnostics; name at least one of content, activity, communicative.");
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
                        $"The {ContentNames.Of(diagnostic.Aspect)} diagnostic of module \"{module.Code}\" is judged by {ContentNames.Of(expected)}, not {ContentNames.Of(criterion.Kind)}.");
                }
                else if (criterion.Kind == CriterionKind.PassMark && criterion.PassPercent is not (> 0 and <= 100))
                {
                    problems.Add($"{at}.passPercent", ProblemCodes.InvalidValue,
                        $"The content test of module \"{module.Code}\" needs a pass threshold above 0 and at most 100 (percent of its maximum).");
                }
                else if (criterion.Kind == CriterionKind.ReviewedAtLeast && !(criterion.Level is { } level && Enum.IsDefined(level)))
                {
                    problems.Add($"{at}.reviewedAtLeast", ProblemCodes.InvalidValue,
                        $"The practical task of module \"{module.Code}\" needs the level its review must reach, one of {ContentNames.Expected<Level>()}.");
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
            problems.Add(path, ProblemCodes.InvalidValue, $"The credential image \"{image}\" must be an https URL or a path of the tool starting with \"/\".");
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
                $"The programme is written for framework \"{programme.FrameworkCode}\", not \"{framework.Code}\".");
        }

        for (var o = 0; o < programme.MicroObjectives.Count; o++)
        {
            var objective = programme.MicroObjectives[o];
            for (var c = 0; c < objective.CompetencyCodes.Count; c++)
            {
                if (framework.FindCompetency(objective.CompetencyCodes[c]) is null)
                {
                    problems.Add($"$.microObjectives[{o}].competencies[{c}]", ProblemCodes.UnknownCompetency,
                        $"Micro-objective \"{objective.Code}\" names competency \"{objective.CompetencyCodes[c]}\", which the framework does not have.");
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
                        $"Module \"{module.Code}\" names instrument \"{diagnostic.InstrumentCode}\", which does not exist.");
                }
                else if (!allowed.Contains(instrument.Kind))
                {
                    problems.Add(at, ProblemCodes.KindMismatch,
                        $"The {ContentNames.Of(diagnostic.Aspect)} diagnostic of module \"{module.Code}\" must be a {string.Join(" or ", allowed.Select(ContentNames.Of))} instrument; \"{instrument.Code}\" is {ContentNames.Of(instrument.Kind)}.");
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
