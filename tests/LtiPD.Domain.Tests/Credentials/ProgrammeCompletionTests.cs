using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Tests.Credentials;

public sealed class ProgrammeCompletionTests
{
    private static Module M(string code, ModuleKind kind) => new(code, kind, new(code), new("S"), ["mo"], [StudyForm.Online], 10, [], []);

    private static readonly Programme Programme = new("p", 1, "f", new("P"), new("D"), [new MicroObjective("mo", new("a"), ["c1"])],
        [M("i1", ModuleKind.Invariant), M("i2", ModuleKind.Invariant), M("v1", ModuleKind.Variable), M("v2", ModuleKind.Variable)]);

    [Fact]
    public void EveryInvariantModuleAndOneVariableModuleCompleteTheProgramme() =>
        Assert.True(Programme.IsCompletedBy(["i1", "i2", "v2"]));

    [Fact]
    public void AMissingInvariantModuleLeavesItOpen() => Assert.False(Programme.IsCompletedBy(["i1", "v1", "v2"]));

    [Fact]
    public void NoVariableModuleLeavesItOpenWhenThereAreAny() => Assert.False(Programme.IsCompletedBy(["i1", "i2"]));

    [Fact]
    public void AProgrammeWithoutVariableModulesNeedsOnlyItsInvariantOnes() =>
        Assert.True((Programme with { Modules = [M("i1", ModuleKind.Invariant)] }).IsCompletedBy(["i1"]));
}
