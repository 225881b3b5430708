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
            return ContentResult<CompetencyFramework>.Fail([new(null, "$", ProblemCodes.EmptyFile, ContentMessages.EmptyFile())]);
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
            return ContentResult<CompetencyFramework>.Fail([new(null, "$", ProblemCodes.Required, ContentMessages.NullDocument(ContentTerms.Framework))]);
        }

        var problems = new ProblemList();
        var read = new DtoReader(problems);
        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            problems.Add("$.format", ProblemCodes.UnsupportedFormat, ContentMessages.UnsupportedFormat(Format, dto.Format));
        }

        var framework = new CompetencyFramework(
            read.Code(dto.Code, "$.code", ContentTerms.Framework),
            read.Required(dto.Version, "$.version", ContentTerms.FrameworkVersion),
            read.Text(dto.Title, "$.title", ContentTerms.FrameworkTitle),
            read.Text(dto.Description, "$.description", ContentTerms.FrameworkDescription),
            read.Each(dto.Competencies, "$.competencies", ContentTerms.Competency).Select(c => ReadCompetency(read, c.Dto, c.Path)).ToList(),
            read.Each(dto.Tasks, "$.tasks", ContentTerms.PedagogicalTask, required: false).Select(t => ReadTask(read, t.Dto, t.Path)).ToList());

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
            read.Problems.Add($"{path}.levels", ProblemCodes.LevelCount, ContentMessages.NoLevelDescriptors());
        }
        else
        {
            foreach (var (name, text) in dto.Levels)
            {
                if (ContentNames.TryParse<Level>(name, out var level))
                {
                    levels[level] = read.Text(text, $"{path}.levels.{name}", ContentTerms.LevelDescriptor(name));
                }
                else
                {
                    read.Problems.Add($"{path}.levels.{name}", ProblemCodes.UnknownLevel, ContentMessages.NotOneOf(name, ContentTerms.Level, ContentNames.Expected<Level>()));
                }
            }
        }

        return new Competency(
            read.Code(dto.Code, $"{path}.code", ContentTerms.Competency),
            read.Enum<Component>(dto.Component, $"{path}.component", ContentTerms.Component, ProblemCodes.UnknownComponent),
            read.Text(dto.Name, $"{path}.name", ContentTerms.CompetencyName),
            read.Text(dto.Description, $"{path}.description", ContentTerms.CompetencyDescription),
            levels,
            read.Each(dto.Indicators, $"{path}.indicators", ContentTerms.Indicator)
                .Select(i => new Indicator(read.Code(i.Dto.Code, $"{i.Path}.code", ContentTerms.Indicator), read.Text(i.Dto.Text, $"{i.Path}.text", ContentTerms.IndicatorText)))
                .ToList(),
            read.Each(dto.KnowledgeElements, $"{path}.knowledgeElements", ContentTerms.KnowledgeElement, required: false)
                .Select(e => new KnowledgeElement(
                    read.Code(e.Dto.Code, $"{e.Path}.code", ContentTerms.KnowledgeElement),
                    read.Text(e.Dto.Name, $"{e.Path}.name", ContentTerms.KnowledgeElementName),
                    read.Each(e.Dto.Levels, $"{e.Path}.levels", ContentTerms.StudiedAtLevel)
                        .Select(l => read.Enum<Level>(l.Dto, l.Path, ContentTerms.Level, ProblemCodes.UnknownLevel))
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
        read.Problems.Add(path, ProblemCodes.InvalidValue, ContentMessages.NotACaseItemUri(text));
        return null;
    }

    private static PedagogicalTask ReadTask(DtoReader read, TaskDto dto, string path) => new(
        read.Code(dto.Code, $"{path}.code", ContentTerms.PedagogicalTask),
        read.Text(dto.Name, $"{path}.name", ContentTerms.PedagogicalTaskName),
        read.Each(dto.Links, $"{path}.links", ContentTerms.Link)
            .Select(l => new TaskLink(
                read.Code(l.Dto.Competency, $"{l.Path}.competency", ContentTerms.PedagogicalCompetency),
                read.Code(l.Dto.Element, $"{l.Path}.element", ContentTerms.KnowledgeElement),
                read.Enum<Level>(l.Dto.Level, $"{l.Path}.level", ContentTerms.Level, ProblemCodes.UnknownLevel)))
            .ToList());
}
