using System.Text.Json;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;

namespace LtiPD.Domain.Content;

/// <summary>
/// The JSON document of a programme's target profiles (format <c>ltipd-targets/1</c>): one profile per career stage, optionally
/// narrowed to a training stage, each mapping competency codes to target levels. Parsing checks the document on its own
/// (<see cref="TargetProfileValidator.Validate(TargetProfileSet)"/>); checking it against the programme and its framework is a
/// separate call. <see cref="Write"/> writes what <see cref="Parse"/> reads back equal, so designers can export and import.
/// </summary>
public static class TargetProfileDocument
{
    public const string Format = "ltipd-targets/1";

    public static ContentResult<TargetProfileSet> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
            return ContentResult<TargetProfileSet>.Fail([new(null, "$", ProblemCodes.EmptyFile, ContentMessages.EmptyFile())]);

        TargetsDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ContentJsonContext.Default.TargetsDto);
        }
        catch (JsonException exception)
        {
            return ContentResult<TargetProfileSet>.Fail([JsonProblems.From(exception)]);
        }

        if (dto is null)
            return ContentResult<TargetProfileSet>.Fail([new(null, "$", ProblemCodes.Required, ContentMessages.NullDocument(ContentTerms.TargetProfile))]);

        var problems = new ProblemList();
        var read = new DtoReader(problems);
        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
            problems.Add("$.format", ProblemCodes.UnsupportedFormat, ContentMessages.UnsupportedFormat(Format, dto.Format));

        var programme = read.Code(dto.Programme, "$.programme", ContentTerms.Programme);
        var profiles = read.Each(dto.Profiles, "$.profiles", ContentTerms.TargetProfile)
            .Select(p => ReadProfile(read, programme, p.Dto, p.Path))
            .ToList();
        var set = new TargetProfileSet(profiles);
        if (problems.Count == 0)
            problems.AddRange(TargetProfileValidator.Validate(set));

        return ContentResult<TargetProfileSet>.From(set, problems.Items);
    }

    /// <summary>Writes the profiles of one programme, general profiles first within a stage, competencies in ordinal order.</summary>
    /// <exception cref="ArgumentException">No profile, or profiles of more than one programme.</exception>
    public static string Write(TargetProfileSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        if (set.Profiles.Count == 0)
            throw new ArgumentException("A target profile document needs at least one profile.", nameof(set));
        var programme = set.Profiles[0].ProgrammeCode;
        if (set.Profiles.Any(p => !string.Equals(p.ProgrammeCode, programme, StringComparison.Ordinal)))
            throw new ArgumentException("A target profile document holds the profiles of one programme.", nameof(set));

        var dto = new TargetsDto
        {
            Format = Format,
            Programme = programme,
            Profiles = set.Profiles
                .OrderBy(p => p.Stage)
                .ThenBy(p => p.Training is null ? -1 : (int)p.Training)
                .Select(p => (TargetProfileDto?)new TargetProfileDto
                {
                    Stage = ContentNames.Of(p.Stage),
                    Training = p.Training is { } training ? ContentNames.Of(training) : null,
                    Targets = p.Targets
                        .OrderBy(t => t.Key, StringComparer.Ordinal)
                        .ToDictionary(t => t.Key, t => (string?)ContentNames.Of(t.Value), StringComparer.Ordinal),
                }).ToList(),
        };
        return JsonSerializer.Serialize(dto, ContentJsonContext.Readable.TargetsDto) + "\n";
    }

    private static TargetProfile ReadProfile(DtoReader read, string programme, TargetProfileDto dto, string path)
    {
        var stage = read.Enum<CareerStage>(dto.Stage, $"{path}.stage", ContentTerms.CareerStage, ProblemCodes.InvalidValue);
        TrainingStage? training = dto.Training is null
            ? null
            : read.Enum<TrainingStage>(dto.Training, $"{path}.training", ContentTerms.TrainingStage, ProblemCodes.InvalidValue);
        var targets = new Dictionary<string, Level>(StringComparer.Ordinal);
        if (dto.Targets is null || dto.Targets.Count == 0)
        {
            read.Problems.Add($"{path}.targets", ProblemCodes.Required, ContentMessages.ProfileWithoutTargets());
        }
        else
        {
            foreach (var (code, level) in dto.Targets)
            {
                var at = $"{path}.targets['{code}']";
                targets[read.Code(code, at, ContentTerms.Competency)] =
                    read.Enum<Level>(level, at, ContentTerms.Level, ProblemCodes.UnknownLevel);
            }
        }

        return new TargetProfile(programme, stage, training, targets);
    }
}
