using System.Xml.Linq;
using LtiPD.Domain.Competencies;
using static LtiPD.Web.Features.Assessments.Charts.Svg;

namespace LtiPD.Web.Features.Assessments.Charts;

/// <summary>
/// The pyramid of seed 001 drawn on the server as inline SVG: an isosceles triangle cut into
/// three horizontal bands of equal height.
/// </summary>
/// <remarks>
/// <para>Layout, bottom to top: <b>Social</b> is the base band (seed 001: the base of the pyramid
/// and the foundation of the other two); <b>Subject</b> is the middle band, the knowledge that
/// rests on it; <b>Pedagogical</b> is the apex, the methods that turn that knowledge into teaching
/// (a cell B[i, j] applies pedagogical competence i to subject element j within the social
/// context). Stacked bands rather than two side-by-side upper blocks keep every component on the
/// same horizontal scale, so widths can be compared at a glance.</para>
/// <para>Each band is filled by its own shape scaled horizontally about the axis of symmetry to
/// the component's percent: at every height the fill is that percent of the band's width. A
/// balanced profile keeps the triangle's outline; a weak component shows as a notch in it, as in
/// seed 001's figures of a distorted pyramid.</para>
/// <para>The name and percent of each band stand to its right, outside the shape, so a narrow
/// fill never hides them. A component without evidence is hatched, outlined with a dashed line
/// and says "no evidence" (passed in) in place of a percent. When the balance is distorted, the
/// weakest band gets a thick outline and a "!" marker, its name is bold, and the passed-in caption
/// stands under the base with the same marker: shape, symbol and words, not colour alone.</para>
/// </remarks>
public static class PyramidChart
{
    private const double Width = 600;
    private const double ApexX = 220;
    private const double ApexY = 16;
    private const double BaseY = 316;
    private const double HalfBase = 200;
    private const double BandGap = 4;
    private const double FontSize = 13;
    private const double LineHeight = 18;
    // Cyrillic letters at 13 units are about 8 wide (bold 8.6): 16 characters of a name fit right of the base
    // band with the weakest marker, 60 of the caption fit under the base.
    private const int NameLineChars = 16;
    private const int NameLines = 3;
    private const int CaptionLineChars = 60;
    private const string Outline = "#374151";

    /// <summary>Bottom to top.</summary>
    private static readonly Component[] Bands = [Component.Social, Component.Subject, Component.Pedagogical];

    /// <returns>An &lt;svg&gt; element as markup, every label escaped, ready for Html.Raw.</returns>
    public static string Render(PyramidInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(input.Scores, nameof(input));
        ArgumentNullException.ThrowIfNull(input.Balance, nameof(input));
        ArgumentNullException.ThrowIfNull(input.Labels, nameof(input));
        CheckId(input.Id, nameof(input));
        foreach (var component in Bands)
            CheckPercent(input.Scores.Of(component), component.ToString(), nameof(input));

        var labels = input.Labels;
        var caption = Clean(labels.Caption).Trim();
        var captionLines = caption.Length == 0 ? [] : Wrap(caption, CaptionLineChars, int.MaxValue).Lines;
        var height = BaseY + 12 + (captionLines.Count == 0 ? 0 : 16 + captionLines.Count * LineHeight);
        Component? weakest = input.Balance.IsDistorted ? input.Balance.Weakest : null;

        var svg = Root(input.Id, Width, height, labels.Title, Description(input, caption), "chart pyramid-chart");
        svg.Add(new XElement(N("defs"), HatchPattern(input.Id + "-hatch")));
        svg.Add(new XElement(N("rect"),
            new XAttribute("width", Num(Width)), new XAttribute("height", Num(height)), new XAttribute("fill", "#ffffff")));
        for (var k = 0; k < Bands.Length; k++)
            svg.Add(Band(k, input, weakest == Bands[k], caption));

        for (var line = 0; line < captionLines.Count; line++)
        {
            var y = BaseY + 16 + (line + 1) * LineHeight;
            if (line == 0 && weakest is not null)
                svg.Add(Marker(28, y - FontSize * 0.35));
            svg.Add(new XElement(N("text"),
                new XAttribute("class", "caption"),
                new XAttribute("x", Num(weakest is null ? 20 : 44)), new XAttribute("y", Num(y)),
                new XAttribute("font-size", Num(FontSize)), new XAttribute("fill", Ink),
                captionLines[line]));
        }
        return Serialize(svg);
    }

    private static XElement Band(int k, PyramidInput input, bool isWeakest, string caption)
    {
        var component = Bands[k];
        var name = Clean(input.Labels.NameOf(component));
        var percent = input.Scores.Of(component);
        var value = percent is { } p ? Svg.Percent(p) : Clean(input.Labels.NoEvidence);
        var css = "band " + component.ToString().ToLowerInvariant();

        // Band k spans [bottom, top] with a small gap to its neighbours; the apex band keeps the apex.
        var bandHeight = (BaseY - ApexY) / Bands.Length;
        var bottom = k == 0 ? BaseY : BaseY - k * bandHeight - BandGap / 2;
        var top = k == Bands.Length - 1 ? ApexY : BaseY - (k + 1) * bandHeight + BandGap / 2;

        var title = name + ": " + value;
        if (isWeakest)
        {
            css += " weakest";
            if (caption.Length > 0)
                title += ". " + caption;
        }
        if (percent is null)
            css += " no-evidence";

        var group = new XElement(N("g"), new XAttribute("class", css), new XElement(N("title"), title));
        group.Add(new XElement(N("polygon"),
            new XAttribute("class", "band-shape"),
            new XAttribute("points", Shape(bottom, top, 1)),
            new XAttribute("fill", percent is null ? $"url(#{input.Id}-hatch)" : "#ffffff"),
            new XAttribute("stroke", "none")));
        if (percent is { } fill)
        {
            group.Add(new XElement(N("polygon"),
                new XAttribute("class", "band-fill"),
                new XAttribute("points", Shape(bottom, top, fill / 100)),
                new XAttribute("fill", ColourOf(component))));
        }
        var outline = new XElement(N("polygon"),
            new XAttribute("class", "band-outline"),
            new XAttribute("points", Shape(bottom, top, 1)),
            new XAttribute("fill", "none"),
            new XAttribute("stroke", isWeakest ? Alert : percent is null ? Muted : Outline),
            new XAttribute("stroke-width", isWeakest ? "3" : "1.5"),
            new XAttribute("stroke-linejoin", "round"));
        if (percent is null)
            outline.Add(new XAttribute("stroke-dasharray", "5 4"));
        group.Add(outline);

        // Text to the right of the band's slanted side, at its middle height.
        var middle = (bottom + top) / 2;
        var x = ApexX + HalfWidthAt(middle) + 16;
        if (isWeakest)
        {
            group.Add(Marker(x + 8, middle - 1));
            x += 22;
        }
        var (lines, shortened) = Wrap(name, NameLineChars, NameLines);
        var first = middle - (lines.Count * LineHeight) / 2 + FontSize * 0.35;
        var text = new XElement(N("text"),
            new XAttribute("class", "band-label"),
            new XAttribute("x", Num(x)), new XAttribute("y", Num(first)),
            new XAttribute("font-size", Num(FontSize)), new XAttribute("fill", isWeakest ? Alert : Ink));
        if (shortened)
            text.Add(new XElement(N("title"), name));
        for (var line = 0; line < lines.Count; line++)
        {
            text.Add(new XElement(N("tspan"),
                new XAttribute("x", Num(x)), new XAttribute("y", Num(first + line * LineHeight)),
                new XAttribute("font-weight", isWeakest ? "700" : "600"),
                lines[line]));
        }
        var valueSpan = new XElement(N("tspan"),
            new XAttribute("class", percent is null ? "value no-evidence" : "value"),
            new XAttribute("x", Num(x)), new XAttribute("y", Num(first + lines.Count * LineHeight)),
            value);
        if (percent is null)
            valueSpan.Add(new XAttribute("font-style", "italic"), new XAttribute("fill", Muted));
        text.Add(valueSpan);
        group.Add(text);
        return group;
    }

    /// <summary>
    /// The band between <paramref name="bottom"/> and <paramref name="top"/>, its width scaled by
    /// <paramref name="scale"/> about the axis; a triangle when the top is the apex.
    /// </summary>
    private static string Shape(double bottom, double top, double scale)
    {
        var bottomHalf = HalfWidthAt(bottom) * scale;
        var topHalf = HalfWidthAt(top) * scale;
        (double, double)[] points = top <= ApexY
            ? [(ApexX, top), (ApexX + bottomHalf, bottom), (ApexX - bottomHalf, bottom)]
            : [(ApexX - topHalf, top), (ApexX + topHalf, top), (ApexX + bottomHalf, bottom), (ApexX - bottomHalf, bottom)];
        return Points(points);
    }

    private static double HalfWidthAt(double y) => HalfBase * (y - ApexY) / (BaseY - ApexY);

    /// <summary>A "!" in a filled circle: marks the weakest component by a symbol as well as by colour.</summary>
    private static XElement Marker(double cx, double cy) =>
        new(N("g"),
            new XAttribute("class", "weakest-marker"),
            new XAttribute("aria-hidden", "true"),
            new XElement(N("circle"),
                new XAttribute("cx", Num(cx)), new XAttribute("cy", Num(cy)), new XAttribute("r", "8"),
                new XAttribute("fill", Alert)),
            new XElement(N("text"),
                new XAttribute("x", Num(cx)), new XAttribute("y", Num(cy + 4.5)),
                new XAttribute("text-anchor", "middle"), new XAttribute("font-size", "13"),
                new XAttribute("font-weight", "700"), new XAttribute("fill", "#ffffff"),
                "!"));

    /// <summary>Fills that hold 3:1 against white (WCAG 1.4.11): teal 5.5:1, blue 6.7:1, purple 7.1:1.</summary>
    private static string ColourOf(Component component) => component switch
    {
        Component.Social => "#0f766e",
        Component.Subject => DataColour,
        _ => "#7e22ce",
    };

    private static string Description(PyramidInput input, string caption)
    {
        var values = string.Join("; ", Bands.Select(c =>
            Clean(input.Labels.NameOf(c)) + ": " + (input.Scores.Of(c) is { } p ? Svg.Percent(p) : Clean(input.Labels.NoEvidence)))) + ".";
        var parts = new[] { Clean(input.Labels.Summary).Trim(), values, caption };
        return string.Join(" ", parts.Where(part => part.Length > 0));
    }
}
