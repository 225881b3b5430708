using System.Xml.Linq;
using static LtiPD.Web.Features.Assessments.Charts.Svg;

namespace LtiPD.Web.Features.Assessments.Charts;

/// <summary>
/// A radar (spider) chart of percents, drawn on the server as inline SVG (no script, so it works
/// in any LMS iframe and on a phone). The page shows a table with the same numbers; the chart is a
/// supplement to it.
/// </summary>
/// <remarks>
/// <para>Layout: spokes start at the top and go clockwise in the order given; the centre is 0 and
/// the outer ring 100; a grid ring is drawn at each level threshold, labelled with its percent.</para>
/// <para>An axis without evidence has no vertex: its spoke is dashed, a crossed hollow marker sits
/// just outside the outer ring, and its label says "no evidence" in place of a percent. The
/// outline joins the neighbouring vertices with a dashed edge, so a missing value is never
/// drawn as zero (a vertex at the centre) and the dashed edge is not read as a measured one.</para>
/// <para>A radar of one or two spokes is a line, not a shape, so fewer than three axes are drawn
/// as horizontal bars, with the same thresholds as tick marks.</para>
/// </remarks>
public static class RadarChart
{
    // Wide enough that a 20-character label in Cyrillic (about 170 units at 12 bold) fits left of the plot.
    private const double Width = 680;
    private const double Height = 440;
    private const double Cx = 340;
    private const double Cy = 220;
    private const double Radius = 140;
    private const double LabelGap = 16;
    private const double FontSize = 12;
    private const double LineHeight = 14;
    private const int LabelLineChars = 20;
    private const int LabelLines = 2;

    private const double BarLeft = 8;
    private const double BarWidth = 440;
    private const double BarHeight = 14;
    private const double RowHeight = 48;
    private const int BarLabelChars = 80;

    /// <param name="axes">The spokes, in the order they are drawn clockwise from the top.</param>
    /// <param name="options">Localized words, thresholds and id; defaults when null.</param>
    /// <returns>An &lt;svg&gt; element as markup, every label escaped, ready for Html.Raw.</returns>
    public static string Render(IReadOnlyList<RadarAxis> axes, RadarChartOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(axes);
        options ??= new RadarChartOptions();
        CheckOptions(options);
        for (var i = 0; i < axes.Count; i++)
        {
            ArgumentNullException.ThrowIfNull(axes[i], nameof(axes));
            CheckPercent(axes[i].Percent, $"axis {i} ('{axes[i].Label}')", nameof(axes));
        }

        return Serialize(axes.Count >= 3 ? Radar(axes, options) : Bars(axes, options));
    }

    private static XElement Radar(IReadOnlyList<RadarAxis> axes, RadarChartOptions options)
    {
        var svg = Root(options.Id, Width, Height, options.Title, Description(axes, options), "chart radar-chart");
        svg.Add(new XElement(N("rect"),
            new XAttribute("width", Num(Width)), new XAttribute("height", Num(Height)), new XAttribute("fill", "#ffffff")));

        var n = axes.Count;
        var grid = new XElement(N("g"), new XAttribute("class", "grid"), new XAttribute("fill", "none"), new XAttribute("stroke", Grid));
        foreach (var threshold in options.Thresholds)
            grid.Add(Ring(n, threshold, "ring", "1"));
        grid.Add(Ring(n, 100, "ring outer", "1.5"));
        for (var i = 0; i < n; i++)
        {
            var (x, y) = At(i, n, 100);
            var spoke = new XElement(N("line"),
                new XAttribute("class", axes[i].Percent is null ? "spoke no-evidence" : "spoke"),
                new XAttribute("x1", Num(Cx)), new XAttribute("y1", Num(Cy)),
                new XAttribute("x2", Num(x)), new XAttribute("y2", Num(y)),
                new XAttribute("stroke-width", "1"));
            if (axes[i].Percent is null)
                spoke.Add(new XAttribute("stroke-dasharray", "4 4"));
            grid.Add(spoke);
        }
        svg.Add(grid);
        svg.Add(RingLabels(options.Thresholds));

        var data = new XElement(N("g"), new XAttribute("class", "data"));
        var known = Enumerable.Range(0, n).Where(i => axes[i].Percent is not null).ToList();
        if (known.Count >= 3)
        {
            data.Add(new XElement(N("polygon"),
                new XAttribute("class", "area"),
                new XAttribute("points", Points(known.Select(i => At(i, n, axes[i].Percent!.Value)))),
                new XAttribute("fill", DataColour), new XAttribute("fill-opacity", "0.18"), new XAttribute("stroke", "none")));
        }
        data.Add(Outline(axes, known));
        foreach (var i in known)
        {
            var (x, y) = At(i, n, axes[i].Percent!.Value);
            data.Add(new XElement(N("circle"),
                new XAttribute("class", "vertex"),
                new XAttribute("cx", Num(x)), new XAttribute("cy", Num(y)), new XAttribute("r", "4"),
                new XAttribute("fill", DataColour), new XAttribute("stroke", "#ffffff"), new XAttribute("stroke-width", "1"),
                new XElement(N("title"), Clean(axes[i].Label) + ": " + Value(axes[i], options))));
        }
        svg.Add(data);

        for (var i = 0; i < n; i++)
        {
            if (axes[i].Percent is null)
                svg.Add(NoEvidenceMarker(i, n, axes[i], options));
            svg.Add(AxisLabel(i, n, axes[i], options));
        }
        return svg;
    }

    /// <summary>The point on spoke <paramref name="i"/> of <paramref name="n"/> at <paramref name="percent"/> of the radius; spoke 0 points up, the rest follow clockwise.</summary>
    private static (double X, double Y) At(int i, int n, double percent)
    {
        var angle = Angle(i, n);
        var r = Radius * percent / 100;
        return (Cx + r * Math.Cos(angle), Cy + r * Math.Sin(angle));
    }

    private static double Angle(int i, int n) => -Math.PI / 2 + 2 * Math.PI * i / n;

    private static XElement Ring(int n, double percent, string cssClass, string strokeWidth) =>
        new(N("polygon"),
            new XAttribute("class", cssClass),
            new XAttribute("points", Points(Enumerable.Range(0, n).Select(i => At(i, n, percent)))),
            new XAttribute("stroke-width", strokeWidth));

    /// <summary>The percent of each ring, just right of the top spoke, so a reader can place a vertex on the scale.</summary>
    private static XElement RingLabels(IReadOnlyList<double> thresholds)
    {
        var labels = new XElement(N("g"), new XAttribute("class", "ring-labels"),
            new XAttribute("font-size", "11"), new XAttribute("fill", Muted), new XAttribute("aria-hidden", "true"));
        foreach (var percent in thresholds.Append(100))
        {
            labels.Add(new XElement(N("text"),
                new XAttribute("x", Num(Cx + 3)), new XAttribute("y", Num(Cy - Radius * percent / 100 - 2)),
                Svg.Percent(percent)));
        }
        return labels;
    }

    /// <summary>
    /// The outline, edge by edge between consecutive vertices: solid when the two spokes are
    /// neighbours, dashed when it passes over a spoke without evidence.
    /// </summary>
    private static XElement Outline(IReadOnlyList<RadarAxis> axes, List<int> known)
    {
        var n = axes.Count;
        var outline = new XElement(N("g"), new XAttribute("class", "outline"),
            new XAttribute("stroke", DataColour), new XAttribute("stroke-width", "2"), new XAttribute("fill", "none"));
        var edges = known.Count >= 3 ? known.Count : known.Count - 1;
        for (var k = 0; k < edges; k++)
        {
            var from = known[k];
            var to = known[(k + 1) % known.Count];
            var (x1, y1) = At(from, n, axes[from].Percent!.Value);
            var (x2, y2) = At(to, n, axes[to].Percent!.Value);
            var acrossGap = (to - from + n) % n != 1;
            var edge = new XElement(N("line"),
                new XAttribute("class", acrossGap ? "edge across-gap" : "edge"),
                new XAttribute("x1", Num(x1)), new XAttribute("y1", Num(y1)),
                new XAttribute("x2", Num(x2)), new XAttribute("y2", Num(y2)));
            if (acrossGap)
                edge.Add(new XAttribute("stroke-dasharray", "3 4"), new XAttribute("stroke-width", "1.5"));
            outline.Add(edge);
        }
        return outline;
    }

    /// <summary>A hollow crossed circle just outside the outer ring: placed on the scale it would read as a value.</summary>
    private static XElement NoEvidenceMarker(int i, int n, RadarAxis axis, RadarChartOptions options)
    {
        var (x, y) = At(i, n, 100 + 6 / Radius * 100);
        return new XElement(N("g"),
            new XAttribute("class", "no-evidence"),
            new XElement(N("title"), Clean(axis.Label) + ": " + Clean(options.NoEvidence)),
            new XElement(N("circle"),
                new XAttribute("cx", Num(x)), new XAttribute("cy", Num(y)), new XAttribute("r", "4"),
                new XAttribute("fill", "#ffffff"), new XAttribute("stroke", Muted), new XAttribute("stroke-width", "1.5")),
            new XElement(N("line"),
                new XAttribute("x1", Num(x - 2.8)), new XAttribute("y1", Num(y + 2.8)),
                new XAttribute("x2", Num(x + 2.8)), new XAttribute("y2", Num(y - 2.8)),
                new XAttribute("stroke", Muted), new XAttribute("stroke-width", "1.5")));
    }

    /// <summary>
    /// The label beyond the end of the spoke, anchored away from the plot: text on the right half
    /// starts at the point, on the left half ends at it, near the vertical spokes is centred; labels
    /// above the chart grow upwards and below it downwards.
    /// </summary>
    private static XElement AxisLabel(int i, int n, RadarAxis axis, RadarChartOptions options)
    {
        var angle = Angle(i, n);
        var (cos, sin) = (Math.Cos(angle), Math.Sin(angle));
        var x = Cx + (Radius + LabelGap) * cos;
        var y = Cy + (Radius + LabelGap) * sin;
        var anchor = Math.Abs(cos) < 0.2 ? "middle" : cos > 0 ? "start" : "end";

        var label = Clean(axis.Label);
        var (lines, shortened) = Wrap(label, LabelLineChars, LabelLines);
        var count = lines.Count + 1;
        var first = sin < -0.5 ? y - (count - 1) * LineHeight
            : sin > 0.5 ? y + FontSize
            : y - (count - 1) * LineHeight / 2 + FontSize * 0.35;

        var text = new XElement(N("text"),
            new XAttribute("class", "axis-label"),
            new XAttribute("x", Num(x)), new XAttribute("y", Num(first)),
            new XAttribute("text-anchor", anchor),
            new XAttribute("font-size", Num(FontSize)), new XAttribute("fill", Ink));
        if (shortened)
            text.Add(new XElement(N("title"), label));
        for (var line = 0; line < lines.Count; line++)
        {
            text.Add(new XElement(N("tspan"),
                new XAttribute("x", Num(x)), new XAttribute("y", Num(first + line * LineHeight)),
                new XAttribute("font-weight", "600"),
                lines[line]));
        }
        var value = new XElement(N("tspan"),
            new XAttribute("class", axis.Percent is null ? "value no-evidence" : "value"),
            new XAttribute("x", Num(x)), new XAttribute("y", Num(first + lines.Count * LineHeight)),
            Value(axis, options));
        if (axis.Percent is null)
            value.Add(new XAttribute("font-style", "italic"), new XAttribute("fill", Muted));
        text.Add(value);
        return text;
    }

    private static XElement Bars(IReadOnlyList<RadarAxis> axes, RadarChartOptions options)
    {
        var height = Math.Max(axes.Count, 1) * RowHeight + 8;
        var svg = Root(options.Id, Width, height, options.Title, Description(axes, options), "chart bar-chart");
        svg.Add(new XElement(N("defs"), HatchPattern(options.Id + "-hatch")));
        for (var i = 0; i < axes.Count; i++)
        {
            var axis = axes[i];
            var top = 4 + i * RowHeight;
            var barTop = top + 22;
            var label = Clean(axis.Label);
            var (lines, shortened) = Wrap(label, BarLabelChars, 1);
            var row = new XElement(N("g"), new XAttribute("class", axis.Percent is null ? "bar no-evidence" : "bar"));

            var text = new XElement(N("text"),
                new XAttribute("class", "axis-label"),
                new XAttribute("x", Num(BarLeft)), new XAttribute("y", Num(top + 14)),
                new XAttribute("font-size", Num(FontSize)), new XAttribute("font-weight", "600"), new XAttribute("fill", Ink));
            if (shortened)
                text.Add(new XElement(N("title"), label));
            text.Add(lines[0]);
            row.Add(text);

            var track = new XElement(N("rect"),
                new XAttribute("class", "track"),
                new XAttribute("x", Num(BarLeft)), new XAttribute("y", Num(barTop)),
                new XAttribute("width", Num(BarWidth)), new XAttribute("height", Num(BarHeight)),
                new XAttribute("stroke", axis.Percent is null ? Muted : Grid), new XAttribute("stroke-width", "1"));
            if (axis.Percent is { } percent)
            {
                track.Add(new XAttribute("fill", "#ffffff"));
                row.Add(track);
                row.Add(new XElement(N("rect"),
                    new XAttribute("class", "fill"),
                    new XAttribute("x", Num(BarLeft)), new XAttribute("y", Num(barTop)),
                    new XAttribute("width", Num(BarWidth * percent / 100)), new XAttribute("height", Num(BarHeight)),
                    new XAttribute("fill", DataColour)));
            }
            else
            {
                track.Add(new XAttribute("fill", $"url(#{options.Id}-hatch)"), new XAttribute("stroke-dasharray", "4 3"));
                row.Add(track);
            }
            foreach (var threshold in options.Thresholds)
            {
                var tx = BarLeft + BarWidth * threshold / 100;
                row.Add(new XElement(N("line"),
                    new XAttribute("class", "tick"),
                    new XAttribute("x1", Num(tx)), new XAttribute("y1", Num(barTop - 3)),
                    new XAttribute("x2", Num(tx)), new XAttribute("y2", Num(barTop + BarHeight + 3)),
                    new XAttribute("stroke", Grid), new XAttribute("stroke-width", "1")));
            }
            var value = new XElement(N("text"),
                new XAttribute("class", axis.Percent is null ? "value no-evidence" : "value"),
                new XAttribute("x", Num(BarLeft + BarWidth + 12)), new XAttribute("y", Num(barTop + BarHeight - 2)),
                new XAttribute("font-size", Num(FontSize)), new XAttribute("fill", axis.Percent is null ? Muted : Ink),
                Value(axis, options));
            if (axis.Percent is null)
                value.Add(new XAttribute("font-style", "italic"));
            row.Add(value);
            svg.Add(row);
        }
        return svg;
    }

    /// <summary>"42.5% (Average)", "42.5%" without a level name, or the no-evidence words.</summary>
    private static string Value(RadarAxis axis, RadarChartOptions options) =>
        axis.Percent is not { } percent ? Clean(options.NoEvidence)
        : string.IsNullOrWhiteSpace(axis.LevelName) ? Svg.Percent(percent)
        : Svg.Percent(percent) + " (" + Clean(axis.LevelName) + ")";

    /// <summary>The summary, then every axis with its value: what a screen reader announces in place of the picture.</summary>
    private static string Description(IReadOnlyList<RadarAxis> axes, RadarChartOptions options)
    {
        var values = string.Join("; ", axes.Select(a => Clean(a.Label) + ": " + Value(a, options)));
        var summary = Clean(options.Summary).Trim();
        if (values.Length > 0)
            values += ".";
        return summary.Length == 0 ? values : values.Length == 0 ? summary : summary + " " + values;
    }

    private static void CheckOptions(RadarChartOptions options)
    {
        CheckId(options.Id, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Thresholds, nameof(options));
        var previous = 0.0;
        foreach (var threshold in options.Thresholds)
        {
            if (!(threshold > previous && threshold < 100))
                throw new ArgumentException($"Thresholds must rise strictly within 0–100 (exclusive); {Num(threshold)} follows {Num(previous)}.", nameof(options));
            previous = threshold;
        }
    }
}
