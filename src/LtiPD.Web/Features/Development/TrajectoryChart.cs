using System.Globalization;
using System.Xml.Linq;
using LtiPD.Domain.Development;
using static LtiPD.Web.Features.Assessments.Charts.Svg;

namespace LtiPD.Web.Features.Development;

/// <summary>Texts of a trajectory chart in the reader's language.</summary>
public sealed record TrajectoryLabels(string Title, string Description, string TargetLabel);

/// <summary>
/// A competency's levels over time as a server-drawn SVG line chart: levels 1–5 upward, time to the right from the first point to
/// now, a dashed line at the stage target. Drawn in a 320-unit-wide box with 13-unit text, so text stays at least 11 px where the
/// chart is shown narrowest (an 800 px LMS frame with two charts a row); the page gives the same data as a table.
/// </summary>
public static class TrajectoryChart
{
    private const double Width = 320;
    private const double Height = 170;
    private const double Left = 30;
    private const double Right = 12;
    private const double Top = 12;
    private const double Bottom = 36;
    private const double FontSize = 13;

    public static string Render(string id, IReadOnlyList<ProfilePoint> points, Domain.Competencies.Level? target, DateTimeOffset now, TrajectoryLabels labels, CultureInfo culture)
    {
        CheckId(id, nameof(id));
        var svg = Root(id, Width, Height, labels.Title, labels.Description, "chart trajectory");
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double Y(double level) => Top + plotHeight - (level - 1) / 4 * plotHeight;

        for (var level = 1; level <= 5; level++)
        {
            svg.Add(new XElement(N("line"), new XAttribute("x1", Num(Left)), new XAttribute("x2", Num(Width - Right)),
                new XAttribute("y1", Num(Y(level))), new XAttribute("y2", Num(Y(level))), new XAttribute("stroke", Grid),
                new XAttribute("stroke-width", "0.5")));
            svg.Add(new XElement(N("text"), new XAttribute("x", Num(Left - 8)), new XAttribute("y", Num(Y(level) + FontSize * 0.35)),
                new XAttribute("text-anchor", "end"), new XAttribute("font-size", Num(FontSize)), new XAttribute("fill", Ink),
                level.ToString(CultureInfo.InvariantCulture)));
        }
        if (points.Count == 0)
            return Serialize(svg);

        var start = points[0].At;
        var end = now > points[^1].At ? now : points[^1].At;
        var span = Math.Max((end - start).TotalDays, 1);
        double X(DateTimeOffset at) => Left + (at - start).TotalDays / span * plotWidth;

        if (target is { } t)
        {
            svg.Add(new XElement(N("line"), new XAttribute("x1", Num(Left)), new XAttribute("x2", Num(Width - Right)),
                new XAttribute("y1", Num(Y((int)t))), new XAttribute("y2", Num(Y((int)t))), new XAttribute("stroke", Alert),
                new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-dasharray", "5 4")));
        }
        var coordinates = points.Select(p => (X(p.At), Y((int)p.Level))).ToList();
        // Levels hold until the next point: a step line says "this was the level from then on", which a sloped line would not.
        var steps = new List<(double, double)>();
        for (var i = 0; i < coordinates.Count; i++)
        {
            if (i > 0)
                steps.Add((coordinates[i].Item1, coordinates[i - 1].Item2));
            steps.Add(coordinates[i]);
        }
        steps.Add((X(end), coordinates[^1].Item2));
        svg.Add(new XElement(N("polyline"), new XAttribute("points", Points(steps)), new XAttribute("fill", "none"),
            new XAttribute("stroke", DataColour), new XAttribute("stroke-width", "2")));
        foreach (var (x, y) in coordinates)
        {
            svg.Add(new XElement(N("circle"), new XAttribute("cx", Num(x)), new XAttribute("cy", Num(y)), new XAttribute("r", "3.5"),
                new XAttribute("fill", DataColour)));
        }
        var baseline = Height - Bottom + FontSize + 6;
        svg.Add(new XElement(N("text"), new XAttribute("x", Num(Left)), new XAttribute("y", Num(baseline)), new XAttribute("font-size", Num(FontSize)),
            new XAttribute("fill", Ink), start.ToString("MM.yyyy", culture)));
        svg.Add(new XElement(N("text"), new XAttribute("x", Num(Width - Right)), new XAttribute("y", Num(baseline)), new XAttribute("text-anchor", "end"),
            new XAttribute("font-size", Num(FontSize)), new XAttribute("fill", Ink), end.ToString("MM.yyyy", culture)));
        return Serialize(svg);
    }
}
