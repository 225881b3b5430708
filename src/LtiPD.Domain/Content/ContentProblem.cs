using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// One thing wrong with a content file: where (a CSV row and column, or a JSON path), a stable
/// code a program can switch on, and a sentence the person who wrote the file understands.
/// </summary>
/// <param name="Row">1-based line of the record in a CSV file (the header is row 1); null for JSON.</param>
/// <param name="Field">The CSV column name, or the JSON path such as <c>$.competencies[2].levels.high</c>.</param>
/// <param name="Code">Stable identifier from <see cref="ProblemCodes"/>.</param>
/// <param name="Text">The sentence in English, Russian and Kazakh (<see cref="ContentMessages"/>).</param>
public sealed record ContentProblem(int? Row, string Field, string Code, LocalizedText Text)
{
    /// <summary>
    /// A problem the web layer words with its localizer: the sentence is already in the reader's language, and is shown
    /// as it is whatever language is asked for.
    /// </summary>
    public ContentProblem(int? row, string field, string code, string message)
        : this(row, field, code, new LocalizedText(message))
    {
    }

    /// <summary>The sentence in English (a web-made problem's one sentence): for logs, the command line and tests.</summary>
    public string Message => Text.En;

    public override string ToString() =>
        Row is { } row ? $"row {row}, {Field}: {Message} ({Code})" : $"{Field}: {Message} ({Code})";
}

/// <summary>
/// The result of reading outside content: either a complete value or every problem found, never
/// a partial value, so nothing half-imported can reach the database.
/// </summary>
public sealed class ContentResult<T>
    where T : class
{
    private ContentResult(T? value, IReadOnlyList<ContentProblem> problems)
    {
        Value = value;
        Problems = problems;
    }

    public T? Value { get; }

    public IReadOnlyList<ContentProblem> Problems { get; }

    public bool Succeeded => Value is not null;

    public static ContentResult<T> Ok(T value) => new(value, []);

    public static ContentResult<T> Fail(IReadOnlyList<ContentProblem> problems)
    {
        if (problems.Count == 0)
        {
            throw new ArgumentException("A failed result needs at least one problem.", nameof(problems));
        }

        return new(null, problems);
    }

    /// <summary>The value when there are no problems; otherwise the problems.</summary>
    internal static ContentResult<T> From(T value, IReadOnlyList<ContentProblem> problems) =>
        problems.Count == 0 ? Ok(value) : Fail(problems);
}

/// <summary>Stable problem codes shared by the native format, CASE and Moodle CSV readers.</summary>
public static class ProblemCodes
{
    public const string EmptyFile = "empty-file";
    public const string InvalidJson = "invalid-json";
    public const string InvalidCsv = "invalid-csv";
    public const string UnsupportedFormat = "unsupported-format";
    public const string Required = "required";
    public const string InvalidCode = "invalid-code";
    public const string InvalidValue = "invalid-value";
    public const string DuplicateCode = "duplicate-code";
    public const string UnknownComponent = "unknown-component";
    public const string UnknownLevel = "unknown-level";
    public const string LevelCount = "level-count";
    public const string UnknownKind = "unknown-kind";
    public const string UnknownParent = "unknown-parent";
    public const string WrongParent = "wrong-parent";
    public const string Cycle = "cycle";
    public const string WrongHeader = "wrong-header";
    public const string ColumnCount = "column-count";
    public const string FrameworkRow = "framework-row";
    public const string ElementWithoutIndicator = "element-without-indicator";
    public const string ElementOutsideSubject = "element-outside-subject";
    public const string UnknownCompetency = "unknown-competency";
    public const string UnknownIndicator = "unknown-indicator";
    public const string UnknownElement = "unknown-element";
    public const string WrongFramework = "wrong-framework";
    public const string KindMismatch = "kind-mismatch";
    public const string OptionsNotAllowed = "options-not-allowed";
    public const string OptionsMissing = "options-missing";
    public const string AnswerKey = "answer-key";
    public const string RubricMissing = "rubric-missing";
    public const string RubricNotAllowed = "rubric-not-allowed";
    public const string ReverseKeyNotAllowed = "reverse-key-not-allowed";
    public const string TranslationMissing = "translation-missing";
    public const string UnknownMicroObjective = "unknown-micro-objective";
    public const string UnknownInstrument = "unknown-instrument";
    public const string WrongProgramme = "wrong-programme";
    public const string StageMissing = "stage-missing";
}

/// <summary>Collects problems while a reader walks a file, so every problem is reported at once.</summary>
internal sealed class ProblemList
{
    private readonly List<ContentProblem> _items = [];

    public int Count => _items.Count;

    public IReadOnlyList<ContentProblem> Items => _items;

    public void Add(string field, string code, LocalizedText message) => _items.Add(new(null, field, code, message));

    public void Add(int row, string field, string code, LocalizedText message) => _items.Add(new(row, field, code, message));

    public void AddRange(IEnumerable<ContentProblem> problems) => _items.AddRange(problems);
}
