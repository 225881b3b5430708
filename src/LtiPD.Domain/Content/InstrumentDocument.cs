using System.Text.Json;
using LtiPD.Domain.Assessment;

namespace LtiPD.Domain.Content;

/// <summary>
/// The native JSON document of an instrument (format <c>ltipd-instrument/1</c>). Parsing checks the
/// instrument on its own (<see cref="InstrumentValidator.Validate(Instrument)"/>); checking it
/// against its framework needs the framework and is a separate call.
/// </summary>
public static class InstrumentDocument
{
    public const string Format = "ltipd-instrument/1";

    public static ContentResult<Instrument> Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ContentResult<Instrument>.Fail([new(null, "$", ProblemCodes.EmptyFile, ContentMessages.EmptyFile())]);
        }

        InstrumentDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ContentJsonContext.Default.InstrumentDto);
        }
        catch (JsonException exception)
        {
            return ContentResult<Instrument>.Fail([JsonProblems.From(exception)]);
        }

        if (dto is null)
        {
            return ContentResult<Instrument>.Fail([new(null, "$", ProblemCodes.Required, ContentMessages.NullDocument(ContentTerms.Instrument))]);
        }

        var problems = new ProblemList();
        var read = new DtoReader(problems);
        if (!string.Equals(dto.Format, Format, StringComparison.Ordinal))
        {
            problems.Add("$.format", ProblemCodes.UnsupportedFormat, ContentMessages.UnsupportedFormat(Format, dto.Format));
        }

        if (dto.Version is not > 0)
        {
            problems.Add("$.version", ProblemCodes.Required, ContentMessages.VersionNotWholeNumber(ContentTerms.Instrument));
        }

        var instrument = new Instrument(
            read.Code(dto.Code, "$.code", ContentTerms.Instrument),
            dto.Version ?? 0,
            read.Enum<InstrumentKind>(dto.Kind, "$.kind", ContentTerms.InstrumentKind, ProblemCodes.UnknownKind),
            read.Code(dto.Framework, "$.framework", ContentTerms.Framework),
            read.Text(dto.Title, "$.title", ContentTerms.InstrumentTitle),
            read.Text(dto.Introduction, "$.introduction", ContentTerms.InstrumentIntroduction),
            read.Each(dto.Items, "$.items", ContentTerms.Item).Select(i => ReadItem(read, i.Dto, i.Path)).ToList());

        if (problems.Count == 0)
        {
            problems.AddRange(InstrumentValidator.Validate(instrument));
        }

        return ContentResult<Instrument>.From(instrument, problems.Items);
    }

    public static string Write(Instrument instrument)
    {
        var dto = new InstrumentDto
        {
            Format = Format,
            Code = instrument.Code,
            Version = instrument.Version,
            Kind = ContentNames.Of(instrument.Kind),
            Framework = instrument.FrameworkCode,
            Title = FrameworkDocument.ToDto(instrument.Title),
            Introduction = FrameworkDocument.ToDto(instrument.Introduction),
            Items = instrument.Items.Select(i => (ItemDto?)new ItemDto
            {
                Code = i.Code,
                Competency = i.CompetencyCode,
                Indicator = i.IndicatorCode,
                Kind = ContentNames.Of(i.Kind),
                Text = FrameworkDocument.ToDto(i.Text),
                ReverseKeyed = i.ReverseKeyed ? true : null,
                Options = i.Options.Count == 0
                    ? null
                    : i.Options.Select(o => (OptionDto?)new OptionDto { Code = o.Code, Text = FrameworkDocument.ToDto(o.Text), Score = o.Score }).ToList(),
                Rubric = i.Rubric is null
                    ? null
                    : new RubricDto
                    {
                        Criteria = i.Rubric.Criteria.Select(c => (CriterionDto?)new CriterionDto
                        {
                            Code = c.Code,
                            Description = FrameworkDocument.ToDto(c.Description),
                            MaxPoints = c.MaxPoints,
                        }).ToList(),
                    },
            }).ToList(),
        };
        return JsonSerializer.Serialize(dto, ContentJsonContext.Readable.InstrumentDto) + "\n";
    }

    private static Item ReadItem(DtoReader read, ItemDto dto, string path)
    {
        var options = read.Each(dto.Options, $"{path}.options", ContentTerms.Option, required: false)
            .Select(o =>
            {
                if (o.Dto.Score is null)
                {
                    read.Problems.Add($"{o.Path}.score", ProblemCodes.Required, ContentMessages.OptionWithoutScore());
                }

                return new ItemOption(read.Code(o.Dto.Code, $"{o.Path}.code", ContentTerms.Option), read.Text(o.Dto.Text, $"{o.Path}.text", ContentTerms.OptionText), o.Dto.Score ?? 0);
            })
            .ToList();

        var rubric = dto.Rubric is null
            ? null
            : new Rubric(read.Each(dto.Rubric.Criteria, $"{path}.rubric.criteria", ContentTerms.RubricCriterion)
                .Select(c =>
                {
                    if (c.Dto.MaxPoints is null)
                    {
                        read.Problems.Add($"{c.Path}.maxPoints", ProblemCodes.Required, ContentMessages.CriterionWithoutMaxPoints());
                    }

                    return new RubricCriterion(
                        read.Code(c.Dto.Code, $"{c.Path}.code", ContentTerms.Criterion),
                        read.Text(c.Dto.Description, $"{c.Path}.description", ContentTerms.CriterionDescription),
                        c.Dto.MaxPoints ?? 0);
                })
                .ToList());

        return new Item(
            read.Code(dto.Code, $"{path}.code", ContentTerms.Item),
            read.Code(dto.Competency, $"{path}.competency", ContentTerms.Competency),
            read.Code(dto.Indicator, $"{path}.indicator", ContentTerms.Indicator),
            read.Enum<ItemKind>(dto.Kind, $"{path}.kind", ContentTerms.ItemKind, ProblemCodes.UnknownKind),
            read.Text(dto.Text, $"{path}.text", ContentTerms.ItemText),
            dto.ReverseKeyed ?? false,
            options,
            rubric);
    }
}
