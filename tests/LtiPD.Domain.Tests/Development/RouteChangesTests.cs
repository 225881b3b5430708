using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using static LtiPD.Domain.Tests.Development.RouteFixture;

namespace LtiPD.Domain.Tests.Development;

public sealed class RouteChangesTests
{
    [Fact]
    public void TheFirstRouteAddsEveryStepAhead()
    {
        var changes = RouteChanges.Between(null, Plan());

        Assert.Equal(5, changes.Count);
        Assert.All(changes, c => Assert.Equal(RouteChangeKind.Added, c.Kind));
        Assert.Equal([1, 2, 3, 4, 5], changes.Select(c => c.To!.Value));
    }

    [Fact]
    public void EvidenceCompletesAModuleAndRemovesTheModulesWhoseGapClosed()
    {
        var levels = Levels();
        levels["ped-a"] = Level.High;

        var changes = RouteChanges.Between(Plan(), Plan(levels, new HashSet<string> { "inv1" }));

        Assert.Equal(
            [
                new RouteChange(RouteChangeKind.Completed, "inv1", 1, null),
                new RouteChange(RouteChangeKind.Removed, "var-alt", 2, null),
                new RouteChange(RouteChangeKind.Removed, "var-big", 3, null),
            ],
            changes);
    }

    [Fact]
    public void MovingOneModuleToTheFrontMovesOnlyThatModule()
    {
        var changes = RouteChanges.Between(Plan(), Plan(choices: RouteChoices.Empty with { Order = ["var-sub"] }));

        Assert.Equal([new RouteChange(RouteChangeKind.Moved, "var-sub", 5, 1)], changes);
    }

    [Fact]
    public void SkippingIsRecordedAndAnUnchangedRouteHasNoChanges()
    {
        var before = Plan();

        Assert.Empty(RouteChanges.Between(before, Plan()));
        Assert.Equal(
            [new RouteChange(RouteChangeKind.Skipped, "var-big", 3, null)],
            RouteChanges.Between(before, Plan(choices: RouteChoices.Empty with { Skipped = new HashSet<string> { "var-big" } })));
    }
}
