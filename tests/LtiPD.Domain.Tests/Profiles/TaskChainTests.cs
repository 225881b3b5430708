using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Domain.Tests.Profiles;

public sealed class TaskChainTests
{
    /// <summary>Plan a lesson on series: explain limits (Average), then series (High), then assess series (Average).</summary>
    private static readonly PedagogicalTask Lesson = new("lesson", new LocalizedText("Plan a lesson"),
    [
        new TaskLink("explaining", "limits", Level.Average),
        new TaskLink("explaining", "series", Level.High),
        new TaskLink("assessing", "series", Level.Average),
    ]);

    [Fact]
    public void TaskIsSolvableWhenEveryLinkIsFormed()
    {
        var result = TaskChain.Evaluate(Lesson,
            Levels(("explaining", Level.High), ("assessing", Level.Average)),
            Levels(("limits", Level.Average), ("series", Level.Advanced)));

        Assert.Equal(TaskSolvability.Solvable, result.Solvability);
        Assert.All(result.Links, l => Assert.Equal(LinkState.Formed, l.State));
        Assert.Null(result.FirstMissing);
    }

    [Fact]
    public void FirstMissingLinkInChainOrderNamesCompetencyElementAndShortSide()
    {
        // Link 0: explaining High ≥ Average, limits Average ≥ Average → formed.
        // Link 1: explaining High ≥ High, series Average < High → missing, subject side.
        // Link 2: assessing Acceptable < Average → missing too, but not first.
        var result = TaskChain.Evaluate(Lesson,
            Levels(("explaining", Level.High), ("assessing", Level.Acceptable)),
            Levels(("limits", Level.Average), ("series", Level.Average)));

        Assert.Equal(TaskSolvability.NotSolvable, result.Solvability);
        var missing = result.FirstMissing!;
        Assert.Equal((1, "explaining", "series", LinkSide.Subject), (missing.Position, missing.Link.PedagogicalCompetencyCode, missing.Link.KnowledgeElementCode, missing.BelowRequired));
        Assert.Equal(LinkSide.Pedagogical, result.Links[2].BelowRequired);
    }

    [Fact]
    public void BothSidesShortAreReportedTogether()
    {
        var result = TaskChain.Evaluate(Lesson, Levels(("explaining", Level.Low)), Levels(("limits", Level.Low)));
        Assert.Equal(LinkSide.Both, result.FirstMissing!.BelowRequired);
        Assert.Equal(0, result.FirstMissing.Position);
    }

    [Fact]
    public void LinkWithoutEvidenceIsUnknownNotMissing()
    {
        // Nothing known about "assessing": links 0 and 1 formed, link 2 unknown.
        var result = TaskChain.Evaluate(Lesson,
            Levels(("explaining", Level.High)),
            Levels(("limits", Level.High), ("series", Level.High)));

        Assert.Equal(TaskSolvability.Undetermined, result.Solvability);
        Assert.Null(result.FirstMissing);
        Assert.Equal(2, result.FirstUnknown!.Position);
        Assert.Equal(LinkState.Unknown, result.FirstUnknown.State);
        Assert.Null(result.FirstUnknown.PedagogicalLevel);
    }

    [Fact]
    public void KnownShortSideMakesALinkMissingEvenWhenTheOtherSideIsUnknown()
    {
        // Link 0: explaining Low < Average, limits unknown → missing (the known side already breaks it).
        var result = TaskChain.Evaluate(Lesson, Levels(("explaining", Level.Low)), Levels());
        Assert.Equal(TaskSolvability.NotSolvable, result.Solvability);
        Assert.Equal((0, LinkSide.Pedagogical), (result.FirstMissing!.Position, result.FirstMissing.BelowRequired));
        Assert.Null(result.FirstMissing.ElementLevel);
    }

    private static Dictionary<string, Level> Levels(params (string Code, Level Level)[] levels) =>
        levels.ToDictionary(l => l.Code, l => l.Level);
}
