using System.Xml.Linq;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments.Charts;
using static LtiPD.Web.Tests.Features.Assessments.Charts.SvgReading;

namespace LtiPD.Web.Tests.Features.Assessments.Charts;

public sealed class PyramidChartTests
{
    private static readonly PyramidLabels Russian = new(
        Title: "Пирамида компетенций",
        Summary: "Процент по каждому компоненту.",
        Social: "Социальный",
        Subject: "Предметный",
        Pedagogical: "Педагогический",
        NoEvidence: "нет данных",
        Caption: "Слабый педагогический компонент: отстаёт от остальных на 35 баллов");

    private static PyramidInput Input(double? social, double? subject, double? pedagogical, PyramidLabels? labels = null)
    {
        var scores = new ComponentScores(social, subject, pedagogical);
        return new PyramidInput(scores, PyramidBalance.Of(scores), labels ?? Russian);
    }

    private static XElement BandOf(XElement svg, string name) =>
        svg.WithClass("g", "band").Single(g => g.Element(S + "title")!.Value.StartsWith(name + ":", StringComparison.Ordinal));

    private static double WidthOf(XElement polygon)
    {
        var points = Points(polygon);
        return points.Max(p => p.X) - points.Min(p => p.X);
    }

    [Fact]
    public void EachBandIsFilledInProportionToItsPercent()
    {
        var svg = Parse(PyramidChart.Render(Input(80, 62.5, 40)));

        foreach (var (name, percent) in new[] { ("Социальный", 80.0), ("Предметный", 62.5), ("Педагогический", 40.0) })
        {
            var band = BandOf(svg, name);
            var shape = band.WithClass("polygon", "band-outline").Single();
            var fill = band.WithClass("polygon", "band-fill").Single();
            Assert.InRange(WidthOf(fill) / WidthOf(shape) * 100, percent - 0.05, percent + 0.05);
            var (shapeBottom, fillBottom) = (Points(shape).Max(p => p.Y), Points(fill).Max(p => p.Y));
            Assert.Equal(shapeBottom, fillBottom);
        }
    }

    [Fact]
    public void SocialIsTheBaseSubjectTheMiddleAndPedagogicalTheApex()
    {
        var svg = Parse(PyramidChart.Render(Input(50, 50, 50)));

        double Bottom(string name) => Points(BandOf(svg, name).WithClass("polygon", "band-outline").Single()).Max(p => p.Y);
        Assert.True(Bottom("Социальный") > Bottom("Предметный"));
        Assert.True(Bottom("Предметный") > Bottom("Педагогический"));
        var apex = Points(BandOf(svg, "Педагогический").WithClass("polygon", "band-outline").Single());
        Assert.Equal(3, apex.Count);
        var widths = new[] { "Социальный", "Предметный", "Педагогический" }.Select(n => WidthOf(BandOf(svg, n).WithClass("polygon", "band-outline").Single())).ToList();
        Assert.True(widths[0] > widths[1] && widths[1] > widths[2], "The bands narrow towards the apex.");
    }

    [Fact]
    public void TheWeakestBandIsMarkedAndTheCaptionShownWhenThePyramidIsDistorted()
    {
        var svg = Parse(PyramidChart.Render(Input(80, 70, 40)));

        var weak = BandOf(svg, "Педагогический");
        Assert.Equal("Педагогический: 40%. " + Russian.Caption, weak.Element(S + "title")!.Value);
        Assert.Single(weak.WithClass("g", "weakest-marker"));
        Assert.Single(svg.WithClass("g", "weakest-marker"), m => m.Ancestors(S + "g").Any(g => HasClass(g, "band")));
        Assert.Equal("3", (string?)weak.WithClass("polygon", "band-outline").Single().Attribute("stroke-width"));
        foreach (var other in new[] { "Социальный", "Предметный" })
        {
            Assert.Empty(BandOf(svg, other).WithClass("g", "weakest-marker"));
            Assert.Equal("1.5", (string?)BandOf(svg, other).WithClass("polygon", "band-outline").Single().Attribute("stroke-width"));
        }
        Assert.Equal(Russian.Caption, string.Concat(svg.WithClass("text", "caption").Select(t => t.Value + " ")).TrimEnd());
    }

    [Fact]
    public void ABalancedPyramidMarksNoBand()
    {
        var labels = Russian with { Caption = "Пирамида сбалансирована" };

        var svg = Parse(PyramidChart.Render(Input(70, 65, 60, labels)));

        Assert.Empty(svg.WithClass("g", "weakest-marker"));
        Assert.All(svg.WithClass("polygon", "band-outline"), o => Assert.Equal("1.5", (string?)o.Attribute("stroke-width")));
        Assert.Equal("Пирамида сбалансирована", svg.WithClass("text", "caption").Single().Value);
    }

    [Fact]
    public void AComponentWithoutEvidenceIsHatchedAndSaysSo()
    {
        var labels = Russian with { Caption = null };

        var svg = Parse(PyramidChart.Render(Input(70, 65, null, labels)));

        var band = BandOf(svg, "Педагогический");
        Assert.Empty(band.WithClass("polygon", "band-fill"));
        Assert.Equal("url(#pyramid-hatch)", (string?)band.WithClass("polygon", "band-shape").Single().Attribute("fill"));
        Assert.Single(svg.Descendants(S + "pattern"), p => (string?)p.Attribute("id") == "pyramid-hatch");
        Assert.NotNull(band.WithClass("polygon", "band-outline").Single().Attribute("stroke-dasharray"));
        Assert.Equal("Педагогическийнет данных", VisibleText(band.WithClass("text", "band-label").Single()));
        Assert.Empty(svg.WithClass("g", "weakest-marker"));
        Assert.Empty(svg.WithClass("text", "caption"));
    }

    [Fact]
    public void TheImageIsNamedAndDescribedWithTheNumbersAndTheCaption()
    {
        var svg = Parse(PyramidChart.Render(Input(80, 70, 40) with { Id = "teacher-pyramid" }));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("false", (string?)svg.Attribute("focusable"));
        Assert.Equal("teacher-pyramid-title teacher-pyramid-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Пирамида компетенций", svg.Element(S + "title")!.Value);
        Assert.Equal(
            "Процент по каждому компоненту. Социальный: 80%; Предметный: 70%; Педагогический: 40%. " + Russian.Caption,
            svg.Element(S + "desc")!.Value);
    }

    [Fact]
    public void LabelsAreEscapedAndNumbersWrittenWithADotUnderARussianCulture()
    {
        var labels = Russian with { Social = "<script>&", Caption = "a < b & \"c\"" };

        var markup = UnderCulture("ru-RU", () => PyramidChart.Render(Input(12.5, 70.25, 45, labels)));

        Assert.DoesNotContain("<script", markup, StringComparison.Ordinal);
        Assert.DoesNotContain("12,5", markup, StringComparison.Ordinal);
        var svg = Parse(markup);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName == "script");
        Assert.Equal("<script>&12.5%", VisibleText(BandOf(svg, "<script>&").WithClass("text", "band-label").Single()));
        Assert.Equal("Предметный70.3%", VisibleText(BandOf(svg, "Предметный").WithClass("text", "band-label").Single()));
        Assert.Equal("a < b & \"c\"", svg.WithClass("text", "caption").Single().Value);
        Assert.All(NumericAttributeValues(svg), value => Number(value));
        Assert.All(svg.Descendants(S + "polygon"), polygon => Points(polygon));
        Assert.Equal(markup, UnderCulture("en-US", () => PyramidChart.Render(Input(12.5, 70.25, 45, labels))));
    }
}
