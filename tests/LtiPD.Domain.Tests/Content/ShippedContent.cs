using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Development;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Tests.Content;

/// <summary>The data files of src/LtiPD.Web/Content, copied next to the test assembly.</summary>
internal static class ShippedContent
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Content");

    public static IEnumerable<string> InstrumentFiles =>
        Directory.GetFiles(Path.Combine(Folder, "instruments"), "*.json").Order(StringComparer.Ordinal);

    public static IEnumerable<string> ProgrammeFiles =>
        Directory.GetFiles(Path.Combine(Folder, "programmes"), "*.json").Order(StringComparer.Ordinal);

    public static Programme Programme(string file)
    {
        var result = ProgrammeDocument.Parse(File.ReadAllText(file));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Value!;
    }

    public static CompetencyFramework DefaultFramework()
    {
        var result = FrameworkDocument.Parse(File.ReadAllText(Path.Combine(Folder, "frameworks", "ltipd-default.json")));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Value!;
    }

    /// <summary>The target profiles shipped beside the programme (Content/targets/teaching-programming.json).</summary>
    public static string TargetsJson() => File.ReadAllText(Path.Combine(Folder, "targets", "teaching-programming.json"));

    public static TargetProfileSet Targets()
    {
        var result = TargetProfileDocument.Parse(TargetsJson());
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Value!;
    }

    public static Instrument Instrument(string file)
    {
        var result = InstrumentDocument.Parse(File.ReadAllText(file));
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Problems));
        return result.Value!;
    }
}
