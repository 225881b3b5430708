using System.Reflection;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Competencies.Interchange;
using LtiPD.Domain.Content;

namespace LtiPD.Domain.Tests.Content;

/// <summary>
/// A refused file's problems read in the reader's language: every sentence of the catalogue has a Russian and a Kazakh text,
/// and the readers and validators hand those texts on with the codes and paths unchanged.
/// </summary>
public sealed class ContentMessagesTests
{
    /// <summary>A programme whose module develops a micro-objective the programme does not have.</summary>
    private static readonly string Programme =
        ProgrammeDocumentTests.Valid.Replace("\"microObjectives\": [\"mo-1\"]", "\"microObjectives\": [\"mo-9\"]", StringComparison.Ordinal);

    public static TheoryData<string> Messages() => [.. Catalogue().Select(m => m.Name)];

    [Theory]
    [MemberData(nameof(Messages))]
    public void EveryMessageHasItsOwnRussianAndKazakhText(string name)
    {
        var text = Catalogue().Single(m => m.Name == name).Text;

        Assert.False(string.IsNullOrWhiteSpace(text.En));
        Assert.False(string.IsNullOrWhiteSpace(text.Ru));
        Assert.False(string.IsNullOrWhiteSpace(text.Kk));
        Assert.NotEqual(text.En, text.Ru);
        Assert.NotEqual(text.En, text.Kk);
        Assert.NotEqual(text.Ru, text.Kk);
    }

    [Fact]
    public void EveryTermHasARussianAndAKazakhName()
    {
        var terms = typeof(ContentTerms).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(p => (LocalizedText)p.GetValue(null)!)
            .Append(ContentTerms.LevelDescriptor("high"))
            .ToList();

        Assert.All(terms, t => Assert.False(string.IsNullOrWhiteSpace(t.Ru) || string.IsNullOrWhiteSpace(t.Kk), t.En));
        Assert.Equal(terms.Count, terms.Select(t => t.Ru).Distinct().Count());
        Assert.Equal(terms.Count, terms.Select(t => t.Kk).Distinct().Count());
    }

    [Fact]
    public void AProgrammeModuleNamingAnUnknownMicroObjectiveIsReportedInRussianAndKazakh()
    {
        var problem = Assert.Single(ProgrammeDocument.Parse(Programme).Problems);

        Assert.Equal(("$.modules[0].microObjectives[0]", ProblemCodes.UnknownMicroObjective), (problem.Field, problem.Code));
        Assert.Equal("Module \"m-1\" develops micro-objective \"mo-9\", which the programme does not have.", problem.Message);
        Assert.Equal("Модуль «m-1» развивает микроцель «mo-9», которой нет в программе.", problem.Text.For("ru"));
        Assert.Equal("«m-1» модулі бағдарламада жоқ «mo-9» микромақсатын дамытады.", problem.Text.For("kk-KZ"));
    }

    [Fact]
    public void AMissingCodeNamesWhatLacksItInTheReadersLanguage()
    {
        var problems = ProgrammeDocument.Parse(Programme.Replace("\"code\": \"m-1\", ", "", StringComparison.Ordinal)).Problems;

        var problem = Assert.Single(problems, p => p.Field == "$.modules[0].code");
        Assert.Equal("The module code is missing.", problem.Message);
        Assert.Equal("Модуль: не указан код.", problem.Text.For("ru"));
        Assert.Equal("Модуль: коды көрсетілмеген.", problem.Text.For("kk"));
    }

    [Fact]
    public void AMalformedFileIsExplainedInTheReadersLanguageWithItsLineAndPosition()
    {
        var problem = Assert.Single(ProgrammeDocument.Parse("{ \"format\": ").Problems);

        Assert.Equal(ProblemCodes.InvalidJson, problem.Code);
        Assert.StartsWith("Файл не подходит для этого формата (строка 1, позиция ", problem.Text.For("ru"), StringComparison.Ordinal);
        Assert.Contains("бұл дұрыс құрылмаған JSON", problem.Text.For("kk"), StringComparison.Ordinal);
    }

    [Fact]
    public void AMoodleCsvWithAWrongHeaderIsReportedInRussianAndKazakh()
    {
        var problem = MoodleCsv.Import("Parent,ID number\n", "en").Problems[0];

        Assert.Equal((1, ProblemCodes.WrongHeader), (problem.Row, problem.Code));
        Assert.Equal("Столбец 1 заголовка должен называться «Parent ID number»; указано «Parent».", problem.Text.For("ru"));
        Assert.Equal("Тақырып жолының 1-бағаны «Parent ID number» болуы керек; көрсетілгені: «Parent».", problem.Text.For("kk"));
    }

    [Fact]
    public void AnUnknownLanguageFallsBackToEnglish()
    {
        var problem = Assert.Single(CaseFramework.Import("{}").Problems);

        Assert.Equal("The package has no CFDocument.", problem.Text.For("de"));
        Assert.Equal("В пакете нет CFDocument.", problem.Text.For("ru-RU"));
    }

    /// <summary>Every sentence of the catalogue, each method called with sample arguments of its parameter types.</summary>
    private static IEnumerable<(string Name, LocalizedText Text)> Catalogue() =>
        typeof(ContentMessages).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(LocalizedText))
            .Select(m => ($"{m.Name}({string.Join(", ", m.GetParameters().Select(p => p.ParameterType.Name))})",
                (LocalizedText)m.Invoke(null, [.. m.GetParameters().Select(p => Sample(p.ParameterType))])!));

    private static object Sample(Type type) =>
        type == typeof(string) ? "x-1"
        : type == typeof(int) ? 3
        : type == typeof(long) || type == typeof(long?) ? 4L
        : type == typeof(double) ? -0.5
        : type == typeof(LocalizedText) ? ContentTerms.Module
        : type == typeof(IReadOnlyList<string>) ? new[] { "knowledgeTest", "situationalJudgement" }
        : throw new NotSupportedException($"No sample for {type}.");
}
