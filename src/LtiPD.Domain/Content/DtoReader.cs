using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// Maps DTO members to record values, adding a problem for each missing or wrong member. It always
/// returns a value (a placeholder when the member is bad) so the walk goes on and finds every problem;
/// callers return the record only when no problem was added.
/// </summary>
internal sealed class DtoReader(ProblemList problems)
{
    public ProblemList Problems { get; } = problems;

    public string Code(string? value, string path, LocalizedText what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problems.Add(path, ProblemCodes.Required, ContentMessages.CodeMissing(what));
            return string.Empty;
        }

        if (!ContentNames.IsValidCode(value))
        {
            Problems.Add(path, ProblemCodes.InvalidCode, ContentMessages.CodeWithSpaces(what, value));
        }

        return value;
    }

    public string Required(string? value, string path, LocalizedText what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problems.Add(path, ProblemCodes.Required, ContentMessages.Missing(what));
            return string.Empty;
        }

        return value;
    }

    public LocalizedText Text(TextDto? dto, string path, LocalizedText what)
    {
        if (dto is null)
        {
            Problems.Add(path, ProblemCodes.Required, ContentMessages.Missing(what));
            return new(string.Empty);
        }

        if (string.IsNullOrWhiteSpace(dto.En))
        {
            Problems.Add($"{path}.en", ProblemCodes.Required, ContentMessages.NoEnglishText(what));
        }

        return new(dto.En?.Trim() ?? string.Empty, NullIfBlank(dto.Ru), NullIfBlank(dto.Kk));
    }

    public T Enum<T>(string? value, string path, LocalizedText what, string code)
        where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problems.Add(path, ProblemCodes.Required, ContentMessages.MissingOneOf(what, ContentNames.Expected<T>()));
            return default;
        }

        if (!ContentNames.TryParse<T>(value, out var parsed))
        {
            Problems.Add(path, code, ContentMessages.NotOneOf(value, what, ContentNames.Expected<T>()));
        }

        return parsed;
    }

    public IEnumerable<(T Dto, string Path)> Each<T>(List<T?>? list, string path, LocalizedText what, bool required = true)
        where T : class
    {
        if (list is null || list.Count == 0)
        {
            if (required)
            {
                Problems.Add(path, ProblemCodes.Required, ContentMessages.AtLeastOne(what));
            }

            yield break;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            if (list[i] is { } item)
            {
                yield return (item, itemPath);
            }
            else
            {
                Problems.Add(itemPath, ProblemCodes.Required, ContentMessages.NullEntry(what));
            }
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
