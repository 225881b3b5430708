using System.Text.Json;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Competencies.Interchange;

namespace LtiPD.Domain.Content;

/// <summary>
/// The native JSON document of a competency framework (format <c>ltipd-framework/1</c>, described in
/// src/LtiPD.Web/Content/README.md): all three languages in one file, so it is how frameworks are
/// shipped and stored.
/// </summary>
public static class FrameworkDocument
{
    public const string Format = "ltipd-framework/1";

    /// <summary>Reads a framework document and checks it with <see cref="FrameworkValidator"/>.</summary>
    public static ContentResult<CompetencyFramework> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ContentResult<CompetencyFramework>.Fail([new(null, "$", ProblemCodes.EmptyFile, "The file is empty.")]);
        }

        FrameworkDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ContentJsonContext.Default.FrameworkDto);
        }
        catch (JsonException exception)
        {
            return ContentResult<CompetencyFramework>.Fail([JsonProblems.From(exception)]);
        }

        if (dto is null)
        {
            return ContentResult<CompetencyFramework>.Fail([new(null, "$", ProblemCodes.Required, "The file holds null instead of a framework object.")]);
        }

        var problems = new ProblemList();
        var read = new DtoReader(problems);
        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            problems.Add("$.format", ProblemCodes.UnsupportedFormat, $"\"format\" must be \"{Format}\"; found \"{dto.Format}\".");
        }

        var framework = new CompetencyFramework(
            read.Code(dto.Code, "$.code", "framework"),
            read.Required(dto.Version, "$.version", "framework version"),
            read.Text(dto.Title, "$.title", "framework title"),
            read.Text(dto.Description, "$.description", "framework description"),
            read.Each(dto.Competencies, "$.competencies", "competency").Select(c => ReadCompetency(read, c.Dto, c.Path)).ToList(),
            read.Each(dto.Tasks, "$.tasks", "pedagogical task", required: false).Select(t => ReadTask(read, t.Dto, t.Path)).ToList());

        if (problems.Count == 0)
        {
            problems.AddRange(FrameworkValidator.Validate(framework));
        }

        return ContentResult<CompetencyFramework>.From(framework, problems.Items);
    }

    /// <summary>Writes a framework as a native document; <see cref="Parse"/> reads it back equal.</summary>
    public static string Write(CompetencyFramework framework)
    {
        var dto = new FrameworkDto
        {
            Format = Format,
            Code = framework.Code,
            Version = framework.Version,
            Title = ToDto(framework.Title),
            Description = ToDto(framework.Description),
            Competencies = framework.Competencies.Select(c => (CompetencyDto?)new CompetencyDto
            {
                Code = c.Code,
                Component = ContentNames.Of(c.Component),
                Name = ToDto(c.Name),
                Description = ToDto(c.Description),
                Levels = Enum.GetValues<Level>()
                    .Where(c.LevelDescriptors.ContainsKey)
                    .ToDictionary(ContentNames.Of, l => (TextDto?)ToDto(c.LevelDescriptors[l])),
                Indicators = c.Indicators.Select(i => (IndicatorDto?)new IndicatorDto { Code = i.Code, Text = ToDto(i.Text) }).ToList(),
                KnowledgeElements = c.KnowledgeElements.Count == 0
                    ? null
                    : c.KnowledgeElements.Select(e => (KnowledgeElementDto?)new KnowledgeElementDto
                    {
                        Code = e.Code,
                        Name = ToDto(e.Name),
                        Levels = e.StudiedAt.Order().Select(l => (string?)ContentNames.Of(l)).ToList(),
                    }).ToList(),
                CaseUri = c.CaseUri?.AbsoluteUri,
            }).ToList(),
            Tasks = framework.Tasks.Count == 0
                ? null
                : framework.Tasks.Select(t => (TaskDto?)new TaskDto
                {
                    Code = t.Code,
                    Name = ToDto(t.Name),
                    Links = t.Links.Select(l => (TaskLinkDto?)new TaskLinkDto
                    {
                        Competency = l.PedagogicalCompetencyCode,
                        Element = l.KnowledgeElementCode,
                        Level = ContentNames.Of(l.Required),
                    }).ToList(),
                }).ToList(),
        };
        return JsonSerializer.Serialize(dto, ContentJsonContext.Readable.FrameworkDto) + "\n";
    }

    internal static TextDto ToDto(LocalizedText text) => new() { En = text.En, Ru = text.Ru, Kk = text.Kk };

    private static Competency ReadCompetency(DtoReader read, CompetencyDto dto, string path)
    {
        var levels = new Dictionary<Level, LocalizedText>();
        if (dto.Levels is null)
        {
            read.Problems.Add($"{path}.levels", ProblemCodes.LevelCount, "The competency has no level descriptors; describe each of the five levels.");
        }
        else
        {
            foreach (var (name, text) in dto.Levels)
            {
                if (ContentNames.TryParse<Level>(name, out var level))
                {
                    levels[level] = read.Text(text, $"{path}.levels.{name}", $"descriptor of level \"{name}\"");
                }
                else
                {
                    read.Problems.Add($"{path}.levels.{name}", ProblemCodes.UnknownLevel, $"\"{name}\" is not a level; expected one of {ContentNames.Expected<Level>()}.");
                }
            }
        }

        return new Competency(
            read.Code(dto.Code, $"{path}.code", "competency"),
            read.Enum<Component>(dto.Component, $"{path}.component", "component", ProblemCodes.UnknownComponent),
            read.Text(dto.Name, $"{path}.name", "competency name"),
            read.Text(dto.Description, $"{path}.description", "competency description"),
            levels,
            read.Each(dto.Indicators, $"{path}.indicators", "indicator")
                .Select(i => new Indicator(read.Code(i.Dto.Code, $"{i.Path}.code", "indicator"), read.Text(i.Dto.Text, $"{i.Path}.text", "indicator text")))
                .ToList(),
            read.Each(dto.KnowledgeElements, $"{path}.knowledgeElements", "knowledge element", required: false)
                .Select(e => new KnowledgeElement(
                    read.Code(e.Dto.Code, $"{e.Path}.code", "knowledge element"),
                    read.Text(e.Dto.Name, $"{e.Path}.name", "knowledge element name"),
                    read.Each(e.Dto.Levels, $"{e.Path}.levels", "level the element is studied at")
                        .Select(l => read.Enum<Level>(l.Dto, l.Path, "level", ProblemCodes.UnknownLevel))
                        .ToHashSet()))
                .ToList(),
            ReadCaseUri(read, dto.CaseUri, $"{path}.caseUri"));
    }

    /// <summary>An optional CASE item URI: absolute http(s), or a problem (it is published in credentials as a link).</summary>
    private static Uri? ReadCaseUri(DtoReader read, string? text, string path)
    {
        if (text is null)
            return null;
        if (CaseItemUri.TryParse(text) is { } uri)
            return uri;
        read.Problems.Add(path, ProblemCodes.InvalidValue, $"\"{text}\" is not an absolute http or https URI of a CASE item.");
        return null;
    }

    private static PedagogicalTask ReadTask(DtoReader read, TaskDto dto, string path) => new(
        read.Code(dto.Code, $"{path}.code", "pedagogical task"),
        read.Text(dto.Name, $"{path}.name", "pedagogical task name"),
        read.Each(dto.Links, $"{path}.links", "link")
            .Select(l => new TaskLink(
                read.Code(l.Dto.Competency, $"{l.Path}.competency", "pedagogical competency"),
                read.Code(l.Dto.Element, $"{l.Path}.element", "knowledge element"),
                read.Enum<Level>(l.Dto.Level, $"{l.Path}.level", "level", ProblemCodes.UnknownLevel)))
            .ToList());
}
