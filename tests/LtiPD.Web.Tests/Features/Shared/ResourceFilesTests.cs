using System.Xml.Linq;

namespace LtiPD.Web.Tests.Features.Shared;

/// <summary>
/// The three resource files say the same things: every key in each of them, and Russian and Kazakh written in their own
/// words, not left in English. A key added to one file only, or copied across untranslated, fails here before a reader sees it.
/// </summary>
public sealed class ResourceFilesTests
{
    /// <summary>
    /// Values that are the same in every language because they hold no words: a format of placeholders and a protocol name.
    /// </summary>
    private static readonly HashSet<string> SameInEveryLanguage = new(StringComparer.Ordinal)
    {
        "Lms.WithStatus", // "HTTP {0}: {1}": the status code and the LMS's own message.
        "Evidence.Name",  // "{0}: {1}": the kind of evidence and the instrument's code.
    };

    private static readonly IReadOnlyDictionary<string, string> English = Load("SharedResource.resx");

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    public void EveryKeyIsInEnglishAndInTheTranslationAlike(string language)
    {
        var translated = Load($"SharedResource.{language}.resx");

        Assert.Empty(translated.Keys.Except(English.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(English.Keys.Except(translated.Keys).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("ru")]
    [InlineData("kk")]
    public void NoTranslatedSentenceIsTheEnglishOne(string language)
    {
        var translated = Load($"SharedResource.{language}.resx");

        var untranslated = translated
            .Where(t => !SameInEveryLanguage.Contains(t.Key) && English.TryGetValue(t.Key, out var en) && en == t.Value)
            .Select(t => $"{t.Key} = {t.Value}").ToList();

        Assert.Empty(untranslated);
    }

    [Fact]
    public void EveryRefusalCodeTheTranslationsNameHasAnEnglishSentence()
    {
        var codes = Load("SharedResource.ru.resx").Keys.Concat(Load("SharedResource.kk.resx").Keys).Where(k => k.StartsWith("Error.", StringComparison.Ordinal));

        Assert.All(codes, key => Assert.False(string.IsNullOrWhiteSpace(English.GetValueOrDefault(key)), key));
    }

    private static Dictionary<string, string> Load(string file)
    {
        var path = Path.Combine(Repository(), "src", "LtiPD.Web", "Resources", file);
        var entries = XDocument.Load(path).Root!.Elements("data")
            .Select(d => (Key: (string)d.Attribute("name")!, Value: (string?)d.Element("value") ?? "")).ToList();
        var duplicates = entries.GroupBy(e => e.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"{file} defines {string.Join(", ", duplicates)} more than once.");
        return entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LtiPD.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException("The repository root (LtiPD.sln) is not above " + AppContext.BaseDirectory);
    }
}
