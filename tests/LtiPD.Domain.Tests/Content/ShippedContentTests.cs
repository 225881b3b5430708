using LtiPD.Domain.Assessment;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;

namespace LtiPD.Domain.Tests.Content;

public sealed class ShippedContentTests
{
    [Fact]
    public void DefaultFrameworkParsesAndHasEveryTextInThreeLanguages()
    {
        var framework = ShippedContent.DefaultFramework();

        Assert.Equal("ltipd-default", framework.Code);
        Assert.Equal("1.0", framework.Version);
        Assert.Empty(TranslationCheck.Missing(framework));
    }

    [Fact]
    public void DefaultFrameworkHasTheSeedComponentsLevelsAndASparseSubjectMatrix()
    {
        var framework = ShippedContent.DefaultFramework();

        Assert.Equal(7, framework.Of(Component.Social).Count());
        Assert.Equal(5, framework.Of(Component.Pedagogical).Count());
        var subject = Assert.Single(framework.Of(Component.Subject));
        Assert.InRange(subject.KnowledgeElements.Count, 8, 12);
        Assert.All(subject.KnowledgeElements, e => Assert.InRange(e.StudiedAt.Count, 1, 4));
        Assert.All(framework.Competencies, c => Assert.Equal(5, c.LevelDescriptors.Count));
        Assert.All(framework.Competencies.Where(c => c.Component != Component.Subject), c => Assert.InRange(c.Indicators.Count, 2, 4));
        Assert.InRange(framework.Tasks.Count, 2, 3);
    }

    [Fact]
    public void EveryShippedInstrumentParsesValidatesAgainstTheFrameworkAndIsFullyTranslated()
    {
        var framework = ShippedContent.DefaultFramework();

        foreach (var file in ShippedContent.InstrumentFiles)
        {
            var instrument = ShippedContent.Instrument(file);
            Assert.Empty(InstrumentValidator.Validate(instrument, framework));
            Assert.Empty(TranslationCheck.Missing(instrument));
            Assert.Equal(1, instrument.Version);
        }
    }

    [Fact]
    public void EveryShippedItemMapsToAnIndicatorOfItsCompetency()
    {
        var framework = ShippedContent.DefaultFramework();

        var items = ShippedContent.InstrumentFiles.SelectMany(f => ShippedContent.Instrument(f).Items).ToList();

        Assert.NotEmpty(items);
        Assert.All(items, item => Assert.Contains(framework.FindCompetency(item.CompetencyCode)!.Indicators, i => i.Code == item.IndicatorCode));
    }

    [Fact]
    public void EachInstrumentKindIsShippedOnce()
    {
        var kinds = ShippedContent.InstrumentFiles.Select(f => ShippedContent.Instrument(f).Kind).Order().ToList();

        Assert.Equal(Enum.GetValues<InstrumentKind>(), kinds);
    }

    [Fact]
    public void SelfAssessmentHasFourStatementsPerSocialCompetencyAndAboutAQuarterReverseKeyed()
    {
        var instrument = ShippedContent.Instrument(Path.Combine(ShippedContent.Folder, "instruments", "social-self-assessment.json"));

        Assert.Equal(28, instrument.Items.Count);
        Assert.All(instrument.Items.GroupBy(i => i.CompetencyCode), g => Assert.Equal(4, g.Count()));
        Assert.InRange(instrument.Items.Count(i => i.ReverseKeyed), 6, 9);
    }

    [Fact]
    public void ScenariosHaveFourOptionsScoredFromZeroToThree()
    {
        var instrument = ShippedContent.Instrument(Path.Combine(ShippedContent.Folder, "instruments", "teaching-situations.json"));

        Assert.All(instrument.Items, item =>
        {
            Assert.Equal(4, item.Options.Count);
            Assert.All(item.Options, o => Assert.InRange(o.Score, 0, 3));
            Assert.Equal(3, item.Options.Max(o => o.Score));
        });
    }

    [Fact]
    public void WritingTheDefaultFrameworkAndParsingItBackGivesTheSameDocument()
    {
        var written = FrameworkDocument.Write(ShippedContent.DefaultFramework());

        var again = FrameworkDocument.Parse(written);

        Assert.True(again.Succeeded);
        Assert.Equal(written, FrameworkDocument.Write(again.Value!));
    }

    [Fact]
    public void WritingAnInstrumentAndParsingItBackGivesTheSameDocument()
    {
        foreach (var file in ShippedContent.InstrumentFiles)
        {
            var written = InstrumentDocument.Write(ShippedContent.Instrument(file));
            Assert.Equal(written, InstrumentDocument.Write(InstrumentDocument.Parse(written).Value!));
        }
    }
}
