using System.Net;
using System.Text.RegularExpressions;
using LtiPD.Domain.Content;

namespace LtiPD.Domain.Competencies.Interchange;

/// <summary>
/// A competency framework as the CSV of Moodle's admin/tool/lpimportcsv (one framework row, then one
/// row per competency, nested by "Parent ID number"). Convention, also in src/LtiPD.Web/Content/README.md:
/// <list type="bullet">
/// <item>Depth 1 (children of the framework) are the components: ID number "social", "subject" or "pedagogical".</item>
/// <item>Depth 2 are competencies; their description is HTML: a paragraph, then a
/// <c>&lt;dl class="ltipd-levels"&gt;</c> with a <c>&lt;dt data-level="low"&gt;</c>/<c>&lt;dd&gt;</c> pair for each level.</item>
/// <item>Depth 3 are indicators; a knowledge element is the indicator with the same code, marked by a
/// <c>&lt;p class="ltipd-studied-at" data-levels="average,high"&gt;</c> paragraph; its Short name is the element name.</item>
/// <item>The framework version is in <c>&lt;p class="ltipd-version" data-version="…"&gt;</c> of the framework description.</item>
/// <item>Pedagogical tasks have no place in Moodle: they are not exported, and an import has none.</item>
/// </list>
/// Texts are single-language (the language is chosen on export and named on import).
/// </summary>
public static partial class MoodleCsv
{
    /// <summary>The header Moodle writes (tool_lpimportcsv language strings, in column order).</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "Parent ID number", "ID number", "Short name", "Description", "Description format", "Scale values",
        "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
        "Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy",
    ];

    private const int ParentColumn = 0;
    private const int IdColumn = 1;
    private const int NameColumn = 2;
    private const int DescriptionColumn = 3;
    private const int FrameworkColumn = 12;

    // FORMAT_HTML in Moodle's weblib.
    private const string HtmlFormat = "1";

    public static string Export(CompetencyFramework framework, string language)
    {
        language = CaseFramework.Language(language);
        string T(LocalizedText text) => text.For(language);
        static string H(string text) => WebUtility.HtmlEncode(text);

        var scale = string.Join(',', Enum.GetValues<Level>().Select(l => ContentNames.LevelName(l).For(language)));

        // Moodle wants one default scale value and the values that count as proficient: "average"
        // (3) is the default, and average and above are proficient.
        const string scaleConfiguration = "[{\"scaleid\":\"\"},{\"id\":3,\"scaledefault\":1,\"proficient\":1},{\"id\":4,\"scaledefault\":0,\"proficient\":1},{\"id\":5,\"scaledefault\":0,\"proficient\":1}]";
        var rows = new List<IReadOnlyList<string>> { Header };
        rows.Add(Row(string.Empty, framework.Code, T(framework.Title),
            $"<p>{H(T(framework.Description))}</p><p class=\"ltipd-version\" data-version=\"{H(framework.Version)}\">{H(framework.Version)}</p>",
            scale, scaleConfiguration, isFramework: true, taxonomy: "domain,competency,indicator"));
        foreach (var component in framework.Competencies.Select(c => c.Component).Distinct())
        {
            var name = ContentNames.ComponentName(component);
            rows.Add(Row(framework.Code, ContentNames.Of(component), T(name), $"<p>{H(T(name))}</p>"));
        }

        foreach (var competency in framework.Competencies)
        {
            var levels = string.Concat(competency.LevelDescriptors.OrderBy(d => d.Key).Select(d =>
                $"<dt data-level=\"{ContentNames.Of(d.Key)}\">{H(T(ContentNames.LevelName(d.Key)))}</dt><dd>{H(T(d.Value))}</dd>"));
            rows.Add(Row(ContentNames.Of(competency.Component), competency.Code, T(competency.Name),
                $"<p>{H(T(competency.Description))}</p><dl class=\"ltipd-levels\">{levels}</dl>"));
            foreach (var indicator in competency.Indicators)
            {
                var element = competency.KnowledgeElements.FirstOrDefault(e => e.Code == indicator.Code);
                var description = $"<p>{H(T(indicator.Text))}</p>";
                if (element is not null)
                {
                    var levelNames = element.StudiedAt.Order().ToList();
                    description += $"<p class=\"ltipd-studied-at\" data-levels=\"{string.Join(',', levelNames.Select(ContentNames.Of))}\">"
                        + $"{H(string.Join(", ", levelNames.Select(l => T(ContentNames.LevelName(l)))))}</p>";
                }

                rows.Add(Row(competency.Code, indicator.Code, element is null ? Short(T(indicator.Text)) : T(element.Name), description));
            }
        }

        return Csv.Write(rows);
    }

    /// <summary>
    /// Reads a Moodle CSV into a framework whose texts are in <paramref name="language"/> (English filled
    /// as the fallback). Returns the whole framework or every bad row and column, never part of one.
    /// </summary>
    public static ContentResult<CompetencyFramework> Import(string csv, string language)
    {
        language = CaseFramework.Language(language);
        if (string.IsNullOrWhiteSpace(csv.TrimStart('\uFEFF')))
        {
            return ContentResult<CompetencyFramework>.Fail([new(1, "file", ProblemCodes.EmptyFile, ContentMessages.EmptyFile())]);
        }

        var (records, unterminated) = Csv.Parse(csv);
        if (unterminated is { } line)
        {
            return ContentResult<CompetencyFramework>.Fail([new(line, "file", ProblemCodes.InvalidCsv, ContentMessages.UnclosedQuote())]);
        }

        var problems = new ProblemList();
        var header = records[0];
        for (var h = 0; h < Header.Count; h++)
        {
            var found = h < header.Fields.Count ? header.Fields[h] : string.Empty;
            if (Normalize(found) != Normalize(Header[h]))
            {
                problems.Add(header.Line, Header[h], ProblemCodes.WrongHeader, ContentMessages.WrongHeaderColumn(h + 1, Header[h], found));
            }
        }

        if (problems.Count > 0)
        {
            return ContentResult<CompetencyFramework>.Fail(problems.Items);
        }

        return new MoodleReader(records.Skip(1).ToList(), language, problems).Read();
    }

    private static string[] Row(string parent, string id, string name, string description, string scale = "", string scaleConfiguration = "", bool isFramework = false, string taxonomy = "") =>
        [parent, id, name, description, HtmlFormat, scale, scaleConfiguration, string.Empty, string.Empty, string.Empty, string.Empty, string.Empty, isFramework ? "1" : "0", taxonomy];

    // Moodle cuts short names at 100 characters (shorten_text in framework_importer); the full
    // indicator text stays in the description, which is what import reads.
    private static string Short(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 99), "…");

    // Older Moodle exports spell the header "Parent id number", "Shortname" or "Cross referenced…".
    private static string Normalize(string header) => string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    private sealed class MoodleReader(List<CsvRecord> records, string language, ProblemList problems)
    {
        public ContentResult<CompetencyFramework> Read()
        {
            foreach (var record in records.Where(r => r.Fields.Count != Header.Count))
            {
                problems.Add(record.Line, "row", ProblemCodes.ColumnCount, ContentMessages.ColumnCount(record.Fields.Count, Header.Count));
            }

            var rows = records.Where(r => r.Fields.Count == Header.Count).ToList();
            var frameworks = rows.Where(r => IsTrue(r.Fields[FrameworkColumn])).ToList();
            if (frameworks.Count != 1)
            {
                problems.Add(frameworks.Count == 0 ? 2 : frameworks[1].Line, Header[FrameworkColumn], ProblemCodes.FrameworkRow,
                    frameworks.Count == 0 ? ContentMessages.NoFrameworkRow() : ContentMessages.ManyFrameworkRows());
                return ContentResult<CompetencyFramework>.Fail(problems.Items);
            }

            var frameworkRow = frameworks[0];
            var frameworkCode = Field(frameworkRow, IdColumn, ContentTerms.FrameworkIdNumber);
            var byId = new Dictionary<string, CsvRecord>(StringComparer.Ordinal);
            foreach (var row in rows.Where(r => r != frameworkRow))
            {
                var id = Field(row, IdColumn, ContentTerms.IdNumber);
                Field(row, NameColumn, ContentTerms.ShortName);
                if (id.Length > 0 && (id == frameworkCode || !byId.TryAdd(id, row)))
                {
                    problems.Add(row.Line, Header[IdColumn], ProblemCodes.DuplicateCode, ContentMessages.IdNumberUsedTwice(id));
                }
            }

            var depth = new Dictionary<CsvRecord, int>();
            foreach (var row in byId.Values)
            {
                depth[row] = Depth(row, byId, frameworkCode);
            }

            var competencies = new List<Competency>();
            foreach (var row in byId.Values.Where(r => depth[r] == 1))
            {
                if (!ContentNames.TryParse<Component>(row.Fields[IdColumn], out _))
                {
                    problems.Add(row.Line, Header[IdColumn], ProblemCodes.UnknownComponent,
                        ContentMessages.TopLevelNotComponent(row.Fields[IdColumn], ContentNames.Expected<Component>()));
                }
            }

            foreach (var row in byId.Values.Where(r => depth[r] == 2).OrderBy(r => r.Line))
            {
                competencies.Add(ReadCompetency(row, byId.Values.Where(r => depth[r] == 3 && r.Fields[ParentColumn] == row.Fields[IdColumn]).OrderBy(r => r.Line)));
            }

            foreach (var row in byId.Values.Where(r => depth[r] > 3))
            {
                problems.Add(row.Line, Header[ParentColumn], ProblemCodes.WrongParent,
                    ContentMessages.NestedTooDeep(row.Fields[IdColumn], depth[row]));
            }

            var description = frameworkRow.Fields[DescriptionColumn];
            var version = VersionPattern().Match(description);
            var framework = new CompetencyFramework(
                frameworkCode,
                version.Success ? WebUtility.HtmlDecode(version.Groups[1].Value) : "1.0",
                Text(frameworkRow.Fields[NameColumn]),
                Text(Paragraph(description)),
                competencies,
                []);
            if (problems.Count == 0)
            {
                problems.AddRange(FrameworkValidator.Validate(framework));
            }

            return ContentResult<CompetencyFramework>.From(framework, problems.Items);
        }

        /// <summary>Depth below the framework (1 = component), or 0 when the chain is broken or loops.</summary>
        private int Depth(CsvRecord row, Dictionary<string, CsvRecord> byId, string frameworkCode)
        {
            var seen = new HashSet<CsvRecord> { row };
            var current = row;
            for (var depth = 1; ; depth++)
            {
                var parent = current.Fields[ParentColumn];
                if (parent.Length == 0 || parent == frameworkCode)
                {
                    return depth;
                }

                if (!byId.TryGetValue(parent, out var next))
                {
                    if (current == row)
                    {
                        problems.Add(row.Line, Header[ParentColumn], ProblemCodes.UnknownParent, ContentMessages.UnknownParentRow(parent));
                    }

                    return 0;
                }

                if (!seen.Add(next))
                {
                    if (next == row)
                    {
                        problems.Add(row.Line, Header[ParentColumn], ProblemCodes.Cycle, ContentMessages.OwnParent(row.Fields[IdColumn]));
                    }

                    return 0;
                }

                current = next;
            }
        }

        private Competency ReadCompetency(CsvRecord row, IEnumerable<CsvRecord> children)
        {
            var code = row.Fields[IdColumn];
            if (!ContentNames.TryParse<Component>(row.Fields[ParentColumn], out var component))
            {
                problems.Add(row.Line, Header[ParentColumn], ProblemCodes.UnknownComponent,
                    ContentMessages.CompetencyNotUnderComponent(code, row.Fields[ParentColumn], ContentNames.Expected<Component>()));
            }

            var description = row.Fields[DescriptionColumn];
            var levels = new Dictionary<Level, LocalizedText>();
            var matches = LevelPattern().Matches(description);
            foreach (Match match in matches)
            {
                if (ContentNames.TryParse<Level>(match.Groups[1].Value, out var level))
                {
                    levels[level] = Text(WebUtility.HtmlDecode(match.Groups[2].Value));
                }
            }

            if (matches.Count != 5 || levels.Count != 5)
            {
                problems.Add(row.Line, Header[DescriptionColumn], ProblemCodes.LevelCount,
                    ContentMessages.MoodleLevelsMissing(code, levels.Count));
            }

            var indicators = new List<Indicator>();
            var elements = new List<KnowledgeElement>();
            foreach (var child in children)
            {
                var text = Paragraph(child.Fields[DescriptionColumn]);
                indicators.Add(new Indicator(child.Fields[IdColumn], Text(text.Length > 0 ? text : child.Fields[NameColumn])));
                var studied = StudiedAtPattern().Match(child.Fields[DescriptionColumn]);
                if (studied.Success)
                {
                    var studiedAt = new HashSet<Level>();
                    foreach (var name in studied.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (ContentNames.TryParse<Level>(name, out var level))
                        {
                            studiedAt.Add(level);
                        }
                        else
                        {
                            problems.Add(child.Line, Header[DescriptionColumn], ProblemCodes.UnknownLevel, ContentMessages.DataLevelNotALevel(name, ContentNames.Expected<Level>()));
                        }
                    }

                    elements.Add(new KnowledgeElement(child.Fields[IdColumn], Text(child.Fields[NameColumn]), studiedAt));
                }
            }

            return new Competency(code, component, Text(row.Fields[NameColumn]), Text(Paragraph(description)), levels, indicators, elements);
        }

        private string Field(CsvRecord row, int column, LocalizedText what)
        {
            var value = row.Fields[column].Trim();
            if (value.Length == 0)
            {
                problems.Add(row.Line, Header[column], ProblemCodes.Required, ContentMessages.FieldEmpty(what));
            }

            return value;
        }

        private LocalizedText Text(string text) => CaseFramework.Slot(text, language);

        private static bool IsTrue(string value) => value.Trim() is "1" or "true" or "TRUE" or "True";

        /// <summary>The first paragraph of an LtiPD description, or the whole text when it is not ours.</summary>
        private static string Paragraph(string html)
        {
            var match = ParagraphPattern().Match(html);
            return WebUtility.HtmlDecode(match.Success ? match.Groups[1].Value : html).Trim();
        }
    }

    [GeneratedRegex("""^\s*<p>(.*?)</p>""", RegexOptions.Singleline)]
    private static partial Regex ParagraphPattern();

    [GeneratedRegex("""<dt data-level="(\w+)">.*?</dt>\s*<dd>(.*?)</dd>""", RegexOptions.Singleline)]
    private static partial Regex LevelPattern();

    [GeneratedRegex("""<p class="ltipd-studied-at" data-levels="([^"]*)">""")]
    private static partial Regex StudiedAtPattern();

    [GeneratedRegex("""<p class="ltipd-version" data-version="([^"]*)">""")]
    private static partial Regex VersionPattern();
}
