using BenchmarkDotNet.Attributes;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Benchmarks;

/// <summary>
/// Scoring a cohort: 10,000 attempts of a 60-item instrument (Likert, some reverse-keyed, single and
/// multiple choice, scenarios, rubric tasks) over 10 competencies of the three components, each
/// attempt scored to competency levels and then to component scores and the pyramid. The plan is
/// compiled once in setup, as the tool does per instrument version; answers are pseudo-random with a
/// fixed seed (about 8 % skipped, some rubric tasks still pending).
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Attempts = 10_000;
    private const int ItemCount = 60;

    private ScoringPlan _plan = null!;
    private IReadOnlyList<Answer>[] _attempts = null!;
    private readonly ScoringPolicy _policy = ScoringPolicy.Default;

    [GlobalSetup]
    public void Setup()
    {
        var text = new LocalizedText("x");
        var competencies = new List<Competency>();
        for (var c = 0; c < 10; c++)
        {
            // 4 social, 3 subject, 3 pedagogical; 3 indicators each.
            var component = c < 4 ? Component.Social : c < 7 ? Component.Subject : Component.Pedagogical;
            var indicators = Enumerable.Range(0, 3).Select(i => new Indicator($"c{c}.i{i}", text)).ToList();
            var elements = component == Component.Subject
                ? indicators.Select(i => new KnowledgeElement(i.Code, text, new HashSet<Level> { Level.Average })).ToList()
                : [];
            competencies.Add(new Competency($"c{c}", component, text, text, new Dictionary<Level, LocalizedText>(), indicators, elements));
        }
        var framework = new CompetencyFramework("bench", "1", text, text, competencies, []);

        var items = new List<Item>();
        for (var i = 0; i < ItemCount; i++)
        {
            var c = i % 10;
            var indicator = $"c{c}.i{i / 10 % 3}";
            var kind = (ItemKind)(i % 5);
            IReadOnlyList<ItemOption> options = kind switch
            {
                ItemKind.SingleChoice => [new("a", text, 0), new("b", text, 1), new("c", text, 0), new("d", text, 0)],
                ItemKind.MultipleChoice => [new("a", text, 1), new("b", text, 0), new("c", text, 1), new("d", text, 0), new("e", text, 0)],
                ItemKind.Scenario => [new("a", text, 3), new("b", text, 2), new("c", text, 1), new("d", text, 0)],
                _ => [],
            };
            var rubric = kind == ItemKind.RubricTask
                ? new Rubric([new RubricCriterion("aims", text, 4), new RubricCriterion("methods", text, 4), new RubricCriterion("assessment", text, 2)])
                : null;
            items.Add(new Item($"q{i}", $"c{c}", indicator, kind, text, kind == ItemKind.Likert && i % 3 == 0, options, rubric));
        }
        var instrument = new Instrument("bench", 1, InstrumentKind.KnowledgeTest, "bench", text, text, items);
        _plan = ScoringPlan.Compile(instrument, framework, _policy);

        var random = new Random(20261123);
        string[] codes = ["a", "b", "c", "d", "e"];
        _attempts = new IReadOnlyList<Answer>[Attempts];
        for (var a = 0; a < Attempts; a++)
        {
            var answers = new List<Answer>(ItemCount);
            foreach (var item in items)
            {
                if (random.Next(100) < 8)
                    continue;
                answers.Add(item.Kind switch
                {
                    ItemKind.Likert => new Answer(item.Code, LikertValue: random.Next(1, 6)),
                    ItemKind.SingleChoice or ItemKind.Scenario => new Answer(item.Code, SelectedOptions: [codes[random.Next(4)]]),
                    ItemKind.MultipleChoice => new Answer(item.Code, SelectedOptions: codes.Where(_ => random.Next(2) == 0).ToArray()),
                    _ => random.Next(100) < 15
                        ? new Answer(item.Code, Text: "submitted")
                        : new Answer(item.Code, Text: "submitted", RubricPoints: new Dictionary<string, int>
                        {
                            ["aims"] = random.Next(5),
                            ["methods"] = random.Next(5),
                            ["assessment"] = random.Next(3),
                        }),
                });
            }
            _attempts[a] = answers;
        }
    }

    [Benchmark(Description = "10,000 attempts × 60 items: score, levels, component scores, pyramid")]
    public double ScoreCohort()
    {
        var checksum = 0.0;
        for (var a = 0; a < _attempts.Length; a++)
        {
            var score = _plan.Score(_attempts[a]);
            var pyramid = PyramidBalance.Of(ComponentScores.From(score.Competencies), _policy);
            checksum += score.Grade.ScoreGiven + (pyramid.BalanceIndex ?? 0) + (int)pyramid.Distortion;
        }
        return checksum;
    }
}
