using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Tests.Support;

/// <summary>Small frameworks written in the test that uses them: no data files.</summary>
public sealed class FrameworkBuilder(string code = "fw")
{
    private readonly List<Competency> _competencies = [];
    private readonly List<PedagogicalTask> _tasks = [];

    public FrameworkBuilder Competency(string competencyCode, Component component, params string[] indicatorCodes)
    {
        _competencies.Add(new Competency(competencyCode, component, Text(competencyCode), Text(""), new Dictionary<Level, LocalizedText>(),
            indicatorCodes.Select(i => new Indicator(i, Text(i))).ToList(), []));
        return this;
    }

    /// <summary>A subject competency whose elements are also its indicators, as in the real frameworks.</summary>
    public FrameworkBuilder Subject(string competencyCode, params (string Element, Level[] StudiedAt)[] elements)
    {
        _competencies.Add(new Competency(competencyCode, Component.Subject, Text(competencyCode), Text(""), new Dictionary<Level, LocalizedText>(),
            elements.Select(e => new Indicator(e.Element, Text(e.Element))).ToList(),
            elements.Select(e => new KnowledgeElement(e.Element, Text(e.Element), e.StudiedAt.ToHashSet())).ToList()));
        return this;
    }

    public FrameworkBuilder Task(string taskCode, params TaskLink[] links)
    {
        _tasks.Add(new PedagogicalTask(taskCode, Text(taskCode), links));
        return this;
    }

    public CompetencyFramework Build() => new(code, "1.0", Text(code), Text(""), _competencies, _tasks);

    public static LocalizedText Text(string en) => new(en);
}

/// <summary>Items written in one line each; options are given as "code=score".</summary>
public sealed class InstrumentBuilder(string frameworkCode = "fw")
{
    private readonly List<Item> _items = [];

    public InstrumentBuilder Likert(string code, string competency, string indicator, bool reverse = false) =>
        Add(new Item(code, competency, indicator, ItemKind.Likert, FrameworkBuilder.Text(code), reverse, [], null));

    public InstrumentBuilder SingleChoice(string code, string competency, string indicator, params string[] options) =>
        Add(new Item(code, competency, indicator, ItemKind.SingleChoice, FrameworkBuilder.Text(code), false, Options(options), null));

    public InstrumentBuilder MultipleChoice(string code, string competency, string indicator, params string[] options) =>
        Add(new Item(code, competency, indicator, ItemKind.MultipleChoice, FrameworkBuilder.Text(code), false, Options(options), null));

    public InstrumentBuilder Scenario(string code, string competency, string indicator, params string[] options) =>
        Add(new Item(code, competency, indicator, ItemKind.Scenario, FrameworkBuilder.Text(code), false, Options(options), null));

    /// <param name="criteria">"code=maxPoints".</param>
    public InstrumentBuilder RubricTask(string code, string competency, string indicator, params string[] criteria) =>
        Add(new Item(code, competency, indicator, ItemKind.RubricTask, FrameworkBuilder.Text(code), false, [],
            new Rubric(criteria.Select(c => c.Split('=')).Select(c => new RubricCriterion(c[0], FrameworkBuilder.Text(c[0]), int.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture))).ToList())));

    public InstrumentBuilder Add(Item item)
    {
        _items.Add(item);
        return this;
    }

    public Instrument Build(string code = "inst", int version = 1) =>
        new(code, version, InstrumentKind.KnowledgeTest, frameworkCode, FrameworkBuilder.Text(code), FrameworkBuilder.Text(""), _items);

    private static List<ItemOption> Options(string[] options) =>
        options.Select(o => o.Split('=')).Select(o => new ItemOption(o[0], FrameworkBuilder.Text(o[0]), double.Parse(o[1], System.Globalization.CultureInfo.InvariantCulture))).ToList();
}

public static class Answers
{
    public static Answer Likert(string item, int value) => new(item, LikertValue: value);

    public static Answer Choose(string item, params string[] options) => new(item, SelectedOptions: options);

    /// <param name="points">"criterion=points".</param>
    public static Answer Rubric(string item, params string[] points) =>
        new(item, Text: "my lesson plan", RubricPoints: points.Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)));

    public static Answer Submitted(string item) => new(item, Text: "my lesson plan");
}
