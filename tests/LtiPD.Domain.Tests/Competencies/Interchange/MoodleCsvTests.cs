using LtiPD.Domain.Competencies;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Domain.Content;
using LtiPD.Domain.Tests.Content;

namespace LtiPD.Domain.Tests.Competencies.Interchange;

public sealed class MoodleCsvTests
{
    private const string Header = "\"Parent ID number\",\"ID number\",\"Short name\",\"Description\",\"Description format\",\"Scale values\",\"Scale configuration\",\"Rule type (optional)\",\"Rule outcome (optional)\",\"Rule config (optional)\",\"Cross-referenced competency ID numbers\",\"Exported ID (optional)\",\"Is framework\",\"Taxonomy\"";

    private const string LevelList = "<dl class=\"\"ltipd-levels\"\"><dt data-level=\"\"low\"\">Low</dt><dd>Marks errors only</dd><dt data-level=\"\"acceptable\"\">A</dt><dd>Corrects late</dd><dt data-level=\"\"average\"\">M</dt><dd>Timely, \"\"specific\"\"</dd><dt data-level=\"\"high\"\">H</dt><dd>Systematic</dd><dt data-level=\"\"advanced\"\">X</dt><dd>Leads others</dd></dl>";

    [Theory]
    [InlineData("en")]
    [InlineData("ru")]
    [InlineData("kk")]
    public void ExportThenImportGivesTheSameFrameworkWithoutTasks(string language)
    {
        var framework = ShippedContent.DefaultFramework();

        var imported = MoodleCsv.Import(MoodleCsv.Export(framework, language), language);

        Assert.True(imported.Succeeded, string.Join(Environment.NewLine, imported.Problems));
        Assert.Equal(FrameworkDocument.Write(Projection.OneLanguage(framework, language, withTasks: false)), FrameworkDocument.Write(imported.Value!));
    }

    [Fact]
    public void ExportStartsWithMoodlesHeaderAndOneFrameworkRow()
    {
        var csv = MoodleCsv.Export(ShippedContent.DefaultFramework(), "en");

        var (records, _) = Csv.Parse(csv);
        Assert.Equal(MoodleCsv.Header, records[0].Fields);
        Assert.Single(records, r => r.Fields[12] == "1");
        Assert.Equal("ltipd-default", records[1].Fields[1]);
    }

    [Fact]
    public void HandWrittenCsvWithBomQuotesAndLineBreaksImports()
    {
        var csv = "\uFEFF" + Header + "\r\n"
            + ",pd-fw,\"PD, short\",\"<p>Line one\nline two</p>\",1,,,,,,,,1,\"domain,competency,indicator\"\r\n"
            + "pd-fw,pedagogical,Pedagogical,,1,,,,,,,,0,\r\n"
            + $"pedagogical,fb,Feedback,\"<p>Gives feedback</p>{LevelList}\",1,,,,,,,,0,\r\n"
            + "fb,fb-1,\"Says \"\"why\"\"\",,1,,,,,,,,0,\r\n";

        var result = MoodleCsv.Import(csv, "en");

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        var framework = result.Value!;
        Assert.Equal("pd-fw", framework.Code);
        Assert.Equal("PD, short", framework.Title.En);
        Assert.Equal("Line one\nline two", framework.Description.En);
        var competency = Assert.Single(framework.Competencies);
        Assert.Equal(Component.Pedagogical, competency.Component);
        Assert.Equal("Timely, \"specific\"", competency.LevelDescriptors[Level.Average].En);
        Assert.Equal("Says \"why\"", Assert.Single(competency.Indicators).Text.En);
    }

    [Fact]
    public void OlderMoodleHeaderSpellingIsAccepted()
    {
        var older = "\"Parent id number\",\"Id number\",Shortname,Description,\"Description format\",\"Scale values\",\"Scale configuration\",\"Rule type (optional)\",\"Rule outcome (optional)\",\"Rule config (optional)\",\"Cross referenced competency id numbers\",\"Exported id (optional)\",\"Is framework\",Taxonomy";
        var csv = MoodleCsv.Export(ShippedContent.DefaultFramework(), "en");

        var result = MoodleCsv.Import(older + csv[csv.IndexOf('\n', StringComparison.Ordinal)..], "en");

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void BadRowsAreAllReportedWithRowColumnAndCodeAndNoFrameworkIsReturned()
    {
        var csv = Header + "\n"
            + ",fw,Framework,,1,,,,,,,,1,\n"                                        // row 2
            + "fw,social,Social,,1,,,,,,,,0,\n"                                      // row 3
            + "fw,emotional,Emotional,,1,,,,,,,,0,\n"                                // row 4: unknown component
            + "social,c1,One,<p>No levels</p>,1,,,,,,,,0,\n"                        // row 5: no level list
            + "missing,c2,Two,,1,,,,,,,,0,\n"                                        // row 6: unknown parent
            + "social,c1,Again,,1,,,,,,,,0,\n"                                       // row 7: duplicate ID number
            + "x2,x1,Loop one,,1,,,,,,,,0,\n"                                        // row 8: cycle
            + "x1,x2,Loop two,,1,,,,,,,,0,\n"                                        // row 9: cycle
            + "social,c3,,,1,,,,,,,,0,\n"                                            // row 10: empty short name
            + "social,c4,Short row\n";                                               // row 11: column count

        var result = MoodleCsv.Import(csv, "en");

        Assert.Null(result.Value);
        Assert.Equal(
            [
                (11, "row", ProblemCodes.ColumnCount),
                (7, "ID number", ProblemCodes.DuplicateCode),
                (10, "Short name", ProblemCodes.Required),
                (6, "Parent ID number", ProblemCodes.UnknownParent),
                (8, "Parent ID number", ProblemCodes.Cycle),
                (9, "Parent ID number", ProblemCodes.Cycle),
                (4, "ID number", ProblemCodes.UnknownComponent),
                (5, "Description", ProblemCodes.LevelCount),
                (10, "Description", ProblemCodes.LevelCount),
            ],
            result.Problems.Select(p => (p.Row ?? 0, p.Field, p.Code)));
    }

    [Theory]
    [InlineData("", ProblemCodes.EmptyFile, 1)]
    [InlineData("\uFEFF\r\n", ProblemCodes.EmptyFile, 1)]
    [InlineData("a,b\n\"open,x\n", ProblemCodes.InvalidCsv, 2)]
    public void UnreadableFilesGiveOneProblemAndNoFramework(string csv, string code, int row)
    {
        var result = MoodleCsv.Import(csv, "en");

        Assert.Null(result.Value);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((row, code), (problem.Row ?? 0, problem.Code));
    }

    [Fact]
    public void WrongHeaderNamesEachWrongColumn()
    {
        var csv = Header.Replace("\"Short name\"", "\"Name\"", StringComparison.Ordinal).Replace("\"Taxonomy\"", "\"Tags\"", StringComparison.Ordinal) + "\n,fw,F,,1,,,,,,,,1,\n";

        var result = MoodleCsv.Import(csv, "en");

        Assert.Null(result.Value);
        Assert.Equal(
            [(1, "Short name", ProblemCodes.WrongHeader), (1, "Taxonomy", ProblemCodes.WrongHeader)],
            result.Problems.Select(p => (p.Row ?? 0, p.Field, p.Code)));
    }

    [Fact]
    public void FileWithoutFrameworkRowIsRefused()
    {
        var result = MoodleCsv.Import(Header + "\n,social,Social,,1,,,,,,,,0,\n", "en");

        Assert.Null(result.Value);
        Assert.Equal(ProblemCodes.FrameworkRow, Assert.Single(result.Problems).Code);
    }
}
