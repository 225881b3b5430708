using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;
using LtiPD.Domain.Tests.Support;

namespace LtiPD.Domain.Tests.Profiles;

public sealed class KsaMatrixTests
{
    private static readonly CompetencyFramework Framework = new FrameworkBuilder()
        .Subject("math",
            ("limits", [Level.Low, Level.Acceptable, Level.Average]),
            ("series", [Level.Average, Level.High]),
            ("topology", [Level.Advanced]))
        .Competency("comm", Component.Social, "listens")
        .Build();

    [Fact]
    public void OnlyCellsWhereTheElementIsStudiedExist()
    {
        var matrix = KsaMatrix.Build(Framework.FindCompetency("math")!, new Dictionary<string, Level>());
        // 3 + 2 + 1 = 6 cells of the 5 × 3 = 15 possible.
        Assert.Equal(6, matrix.Cells.Count);
        Assert.Null(matrix.Cell(Level.Low, "series"));
        Assert.NotNull(matrix.Cell(Level.Average, "series"));
        // Row by row: Low, Acceptable, Average (limits, series), High, Advanced.
        Assert.Equal(
            [(Level.Low, "limits"), (Level.Acceptable, "limits"), (Level.Average, "limits"), (Level.Average, "series"), (Level.High, "series"), (Level.Advanced, "topology")],
            matrix.Cells.Select(c => (c.Level, c.ElementCode)));
    }

    [Fact]
    public void CellIsFormedUpToTheAttainedLevelAndUnknownWithoutEvidence()
    {
        var matrix = KsaMatrix.Build(Framework.FindCompetency("math")!,
            new Dictionary<string, Level> { ["limits"] = Level.Acceptable, ["series"] = Level.High });

        Assert.Equal(CellState.Formed, matrix.Cell(Level.Low, "limits")!.Value.State);
        Assert.Equal(CellState.Formed, matrix.Cell(Level.Acceptable, "limits")!.Value.State);   // attained == cell level
        Assert.Equal(CellState.NotFormed, matrix.Cell(Level.Average, "limits")!.Value.State);   // Acceptable < Average
        Assert.Equal(CellState.Formed, matrix.Cell(Level.High, "series")!.Value.State);
        Assert.Equal(CellState.Unknown, matrix.Cell(Level.Advanced, "topology")!.Value.State);
        Assert.Equal((4, 1, 1), (matrix.Count(CellState.Formed), matrix.Count(CellState.NotFormed), matrix.Count(CellState.Unknown)));
    }

    [Fact]
    public void ElementLevelsComeFromIndicatorPercentsOfAnAttempt()
    {
        var plan = ScoringPlan.Compile(new InstrumentBuilder()
            .SingleChoice("q1", "math", "limits", "a=1", "b=0")
            .Scenario("q2", "math", "series", "best=4", "ok=2")
            .SingleChoice("q3", "math", "topology", "a=1", "b=0")
            .Build(), Framework);
        // limits 1 → 100 % Advanced; series 2 / 4 = 50 % Average; topology not answered → unknown.
        var score = plan.Score([Answers.Choose("q1", "a"), Answers.Choose("q2", "ok")]);

        var matrix = KsaMatrix.Build(Framework.FindCompetency("math")!, score.IndicatorLevels("math"));

        Assert.Equal(CellState.Formed, matrix.Cell(Level.Average, "limits")!.Value.State);
        Assert.Equal(CellState.Formed, matrix.Cell(Level.Average, "series")!.Value.State);
        Assert.Equal(CellState.NotFormed, matrix.Cell(Level.High, "series")!.Value.State);
        Assert.Equal(CellState.Unknown, matrix.Cell(Level.Advanced, "topology")!.Value.State);
    }

    [Fact]
    public void MatrixIsOnlyForSubjectCompetencies() =>
        Assert.Throws<ArgumentException>(() => KsaMatrix.Build(Framework.FindCompetency("comm")!, new Dictionary<string, Level>()));
}
