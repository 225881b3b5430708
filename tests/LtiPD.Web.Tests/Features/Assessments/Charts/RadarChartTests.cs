using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Web.Features.Assessments.Charts;
using static LtiPD.Web.Tests.Features.Assessments.Charts.SvgReading;

namespace LtiPD.Web.Tests.Features.Assessments.Charts;

public sealed class RadarChartTests
{
    private static readonly RadarChartOptions Russian = new()
    {
        Title = "Профиль компетенций",
        Summary = "Процент по каждой компетенции.",
        NoEvidence = "нет данных",
        Id = "profile-radar",
    };

    private static RadarAxis[] FiveAxes() =>
    [
        new("Empathy", 50, "Average"),
        new("Communication", 80, "Advanced"),
        new("Tolerance", 12.5, "Low"),
        new("Leadership", 100, "Advanced"),
        new("Reflection", 0, "Low"),
    ];

    [Fact]
    public void DrawsOneVertexPerAxisInWellFormedSvg()
    {
        var svg = Parse(RadarChart.Render(FiveAxes(), null));

        var area = Assert.Single(svg.WithClass("polygon", "area"));
        Assert.Equal(5, Points(area).Count);
        Assert.Equal(5, svg.WithClass("circle", "vertex").Count());
        Assert.Equal(5, svg.WithClass("text", "axis-label").Count());
    }

    [Fact]
    public void AVertexAtFiftyPercentSitsHalfwayBetweenTheCentreAndTheOuterRing()
    {
        var svg = Parse(RadarChart.Render(FiveAxes(), null));

        var outer = Points(Assert.Single(svg.WithClass("polygon", "outer")));
        var vertices = Points(Assert.Single(svg.WithClass("polygon", "area")));
        var centre = (X: outer.Average(p => p.X), Y: outer.Average(p => p.Y));
        Assert.Equal(340, centre.X, 1);
        Assert.Equal(220, centre.Y, 1);

        // Axis 0 (50 %) points straight up: halfway between the centre and the top of the outer ring.
        Assert.Equal(centre.X, outer[0].X, 2);
        Assert.Equal((centre.X + outer[0].X) / 2, vertices[0].X, 2);
        Assert.Equal((centre.Y + outer[0].Y) / 2, vertices[0].Y, 2);
        Assert.Equal(Distance(centre, outer[0]) / 2, Distance(centre, vertices[0]), 1);

        // Axis 3 (100 %) is on the outer ring, axis 4 (0 %) at the centre, axis 2 (12.5 %) an eighth of the way out.
        Assert.Equal(outer[3].X, vertices[3].X, 2);
        Assert.Equal(outer[3].Y, vertices[3].Y, 2);
        Assert.Equal(centre.X, vertices[4].X, 1);
        Assert.Equal(centre.Y, vertices[4].Y, 1);
        Assert.Equal(Distance(centre, outer[2]) * 0.125, Distance(centre, vertices[2]), 1);
    }

    [Fact]
    public void AnAxisWithoutEvidenceHasNoVertexAtTheCentreButANoEvidenceMarker()
    {
        RadarAxis[] axes = [new("Empathy", 60, "High"), new("Tolerance", null, null), new("Leadership", 40, "Average"), new("Reflection", 20, "Acceptable")];

        var svg = Parse(RadarChart.Render(axes, Russian));

        var outer = Points(Assert.Single(svg.WithClass("polygon", "outer")));
        var centre = (X: outer.Average(p => p.X), Y: outer.Average(p => p.Y));
        var vertices = Points(Assert.Single(svg.WithClass("polygon", "area")));
        Assert.Equal(3, vertices.Count);
        Assert.All(vertices, v => Assert.True(Distance(centre, v) > 1, $"A vertex sits at the centre: {v}."));

        var marker = Assert.Single(svg.WithClass("g", "no-evidence"));
        Assert.Equal("Tolerance: нет данных", marker.Element(S + "title")?.Value);
        var circle = marker.Element(S + "circle")!;
        Assert.True(Distance(centre, (Number(circle, "cx"), Number(circle, "cy"))) > Distance(centre, outer[1]),
            "The marker stands outside the outer ring, off the scale.");

        var label = svg.WithClass("text", "axis-label").Single(t => VisibleText(t).StartsWith("Tolerance", StringComparison.Ordinal));
        Assert.Equal("Toleranceнет данных", VisibleText(label));
        Assert.Equal("4 4", (string?)svg.WithClass("line", "spoke").Single(l => HasClass(l, "no-evidence")).Attribute("stroke-dasharray"));
        var acrossGap = Assert.Single(svg.WithClass("line", "across-gap"));
        Assert.NotNull(acrossGap.Attribute("stroke-dasharray"));
        Assert.Equal(3, svg.WithClass("line", "edge").Count());
    }

    [Fact]
    public void LabelsAreEscapedAndAppearAsText()
    {
        RadarAxis[] axes = [new("<script>&", 30, "<b>"), new("A \"quoted\" 'one'", 60, null), new("Bell\u0007", 90, null)];
        var options = new RadarChartOptions { Title = "</title><script>alert(1)</script>", NoEvidence = "&nbsp;" };

        var markup = RadarChart.Render(axes, options);

        Assert.DoesNotContain("<script", markup, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", markup, StringComparison.Ordinal);
        var svg = Parse(markup);
        Assert.DoesNotContain(svg.Descendants(), e => e.Name.LocalName is "script" or "b");
        Assert.Equal("</title><script>alert(1)</script>", svg.Element(S + "title")?.Value);
        var labels = svg.WithClass("text", "axis-label").Select(VisibleText).ToList();
        Assert.Contains("<script>&30% (<b>)", labels);
        Assert.Contains("A \"quoted\" 'one'60%", labels);
        Assert.Contains("Bell90%", labels);
    }

    [Fact]
    public void NumbersAreWrittenWithADotUnderARussianCulture()
    {
        var markup = UnderCulture("ru-RU", () => RadarChart.Render(FiveAxes(), Russian));

        var svg = Parse(markup);
        var tolerance = svg.WithClass("text", "axis-label").Single(t => VisibleText(t).StartsWith("Tolerance", StringComparison.Ordinal));
        Assert.Equal("Tolerance12.5% (Low)", VisibleText(tolerance));
        Assert.Contains("Tolerance: 12.5% (Low)", svg.Element(S + "desc")!.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("12,5", markup, StringComparison.Ordinal);
        Assert.All(NumericAttributeValues(svg), value => Number(value));
        Assert.All(svg.Descendants(S + "polygon"), polygon => Points(polygon));
        Assert.Equal(markup, UnderCulture("en-US", () => RadarChart.Render(FiveAxes(), Russian)));
    }

    [Fact]
    public void TheImageIsNamedAndDescribedForAssistiveTechnology()
    {
        var svg = Parse(RadarChart.Render(FiveAxes(), Russian));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("false", (string?)svg.Attribute("focusable"));
        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.Null(svg.Attribute("height"));
        Assert.Equal("0 0 680 440", (string?)svg.Attribute("viewBox"));
        var title = svg.Element(S + "title")!;
        var desc = svg.Element(S + "desc")!;
        Assert.Equal(["profile-radar-title", "profile-radar-desc"], ((string?)svg.Attribute("aria-labelledby"))!.Split(' '));
        Assert.Equal("profile-radar-title", (string?)title.Attribute("id"));
        Assert.Equal("profile-radar-desc", (string?)desc.Attribute("id"));
        Assert.Equal("Профиль компетенций", title.Value);
        Assert.Equal(
            "Процент по каждой компетенции. Empathy: 50% (Average); Communication: 80% (Advanced); Tolerance: 12.5% (Low); Leadership: 100% (Advanced); Reflection: 0% (Low).",
            desc.Value);
    }

    [Fact]
    public void GridRingsAreDrawnAtTheThresholdsOfThePolicy()
    {
        var options = new RadarChartOptions { Thresholds = RadarChartOptions.ThresholdsOf(new ScoringPolicy(25, 50, 75, 90)) };

        var svg = Parse(RadarChart.Render(FiveAxes(), options));

        var rings = svg.WithClass("polygon", "ring").Select(Points).ToList();
        Assert.Equal(5, rings.Count);
        var outer = rings[^1];
        var centre = (X: outer.Average(p => p.X), Y: outer.Average(p => p.Y));
        Assert.Equal([25.0, 50.0, 75.0, 90.0, 100.0], rings.Select(r => Math.Round(Distance(centre, r[0]) / Distance(centre, outer[0]) * 100, 1)));
        Assert.Equal(["25%", "50%", "75%", "90%", "100%"], svg.Descendants(S + "g").Single(g => HasClass(g, "ring-labels")).Elements(S + "text").Select(t => t.Value));
    }

    [Fact]
    public void LabelsStandOutsideTheRingAnchoredAwayFromThePlot()
    {
        RadarAxis[] axes = [new("Top", 50, null), new("Right", 50, null), new("Bottom", 50, null), new("Left", 50, null)];

        var svg = Parse(RadarChart.Render(axes, null));

        var labels = svg.WithClass("text", "axis-label").ToList();
        Assert.Equal(["middle", "start", "middle", "end"], labels.Select(l => (string?)l.Attribute("text-anchor")));
        var outer = Points(Assert.Single(svg.WithClass("polygon", "outer")));
        var centre = (X: outer.Average(p => p.X), Y: outer.Average(p => p.Y));
        var radius = Distance(centre, outer[0]);
        Assert.True(labels[0].Elements(S + "tspan").All(t => Number(t, "y") < centre.Y - radius), "The top label is above the ring.");
        Assert.True(labels[1].Elements(S + "tspan").All(t => Number(t, "x") > centre.X + radius), "The right label starts right of the ring.");
        Assert.True(labels[2].Elements(S + "tspan").All(t => Number(t, "y") > centre.Y + radius), "The bottom label is below the ring.");
        Assert.True(labels[3].Elements(S + "tspan").All(t => Number(t, "x") < centre.X - radius), "The left label ends left of the ring.");
    }

    [Fact]
    public void ALongLabelIsWrappedToTwoLinesAndShortenedWithTheFullLabelInATitle()
    {
        const string longLabel = "Organisation of students' independent research work in the laboratory";
        RadarAxis[] axes = [new(longLabel, 70, "High"), new("Short and sweet label", 40, null), new("Empathy", 20, null)];

        var svg = Parse(RadarChart.Render(axes, null));

        var labels = svg.WithClass("text", "axis-label").ToList();
        var nameLines = labels[0].Elements(S + "tspan").Where(t => !HasClass(t, "value")).Select(t => t.Value).ToList();
        Assert.Equal(2, nameLines.Count);
        Assert.All(nameLines, line => Assert.True(line.Length <= 20, line));
        Assert.EndsWith("…", nameLines[1], StringComparison.Ordinal);
        Assert.Equal(longLabel, labels[0].Element(S + "title")?.Value);

        Assert.Equal(["Short and sweet", "label"], labels[1].Elements(S + "tspan").Where(t => !HasClass(t, "value")).Select(t => t.Value));
        Assert.Null(labels[1].Element(S + "title"));
    }

    [Fact]
    public void FewerThanThreeAxesAreDrawnAsBarsWithAHatchedBarForNoEvidence()
    {
        RadarAxis[] axes = [new("Empathy", 25, "Acceptable"), new("Tolerance", null, null)];

        var svg = Parse(RadarChart.Render(axes, Russian));

        Assert.Empty(svg.Descendants(S + "polygon"));
        var rows = svg.WithClass("g", "bar").ToList();
        Assert.Equal(2, rows.Count);
        var track = rows[0].WithClass("rect", "track").Single();
        var fill = rows[0].WithClass("rect", "fill").Single();
        Assert.Equal(0.25, Number(fill, "width") / Number(track, "width"), 3);
        Assert.Equal("25% (Acceptable)", rows[0].WithClass("text", "value").Single().Value);
        Assert.Equal(4, rows[0].WithClass("line", "tick").Count());

        Assert.Empty(rows[1].WithClass("rect", "fill"));
        Assert.Equal("url(#profile-radar-hatch)", (string?)rows[1].WithClass("rect", "track").Single().Attribute("fill"));
        Assert.Single(svg.Descendants(S + "pattern"), p => (string?)p.Attribute("id") == "profile-radar-hatch");
        Assert.Equal("нет данных", rows[1].WithClass("text", "value").Single().Value);
    }

    [Fact]
    public void RefusesAPercentOutsideTheScaleAndThresholdsThatDoNotRise()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RadarChart.Render([new("A", 101, null), new("B", 1, null), new("C", 1, null)], null));
        Assert.Throws<ArgumentOutOfRangeException>(() => RadarChart.Render([new("A", double.NaN, null)], null));
        Assert.Throws<ArgumentException>(() => RadarChart.Render(FiveAxes(), new RadarChartOptions { Thresholds = [40, 20] }));
        Assert.Throws<ArgumentException>(() => RadarChart.Render(FiveAxes(), new RadarChartOptions { Id = "x\" onload=\"alert(1)" }));
    }
}
