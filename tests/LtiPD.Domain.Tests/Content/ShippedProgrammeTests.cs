using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Tests.Content;

public sealed class ShippedProgrammeTests
{
    [Fact]
    public void EveryShippedProgrammeParsesValidatesAgainstFrameworkAndInstrumentsAndIsFullyTranslated()
    {
        var framework = ShippedContent.DefaultFramework();
        var instruments = ShippedContent.InstrumentFiles.Select(ShippedContent.Instrument).ToList();

        var files = ShippedContent.ProgrammeFiles.ToList();

        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var programme = ShippedContent.Programme(file);
            Assert.Empty(ProgrammeValidator.Validate(programme, framework, instruments));
            Assert.Empty(TranslationCheck.Missing(programme));
        }
    }

    [Fact]
    public void ShippedProgrammeHasInvariantAndVariableModulesWithMaterialsFormsAndHours()
    {
        var programme = ShippedContent.Programme(Assert.Single(ShippedContent.ProgrammeFiles));

        Assert.InRange(programme.Modules.Count, 4, 6);
        Assert.Contains(programme.Modules, m => m.Kind == ModuleKind.Invariant);
        Assert.Contains(programme.Modules, m => m.Kind == ModuleKind.Variable);
        Assert.All(programme.Modules, m =>
        {
            Assert.InRange(m.Materials.Count, 2, 5);
            Assert.NotEmpty(m.Forms);
            Assert.True(m.Hours > 0);
            Assert.NotEmpty(m.Diagnostics);
        });
    }

    [Fact]
    public void ShippedModulesTogetherCoverAllThreeComponentsAndAllThreeDiagnosticAspects()
    {
        var framework = ShippedContent.DefaultFramework();
        var programme = ShippedContent.Programme(Assert.Single(ShippedContent.ProgrammeFiles));

        var components = programme.Modules.SelectMany(m => programme.ComponentsOf(m, framework)).ToHashSet();
        var aspects = programme.Modules.SelectMany(m => m.Diagnostics).Select(d => d.Aspect).ToHashSet();

        Assert.Equal(Enum.GetValues<Component>().ToHashSet(), components);
        Assert.Equal(Enum.GetValues<DiagnosticAspect>().ToHashSet(), aspects);
    }
}
