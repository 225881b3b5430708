using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace LtiPD.Web.Features.Assessments.Charts;

/// <summary>
/// What the charts share: the SVG root with its accessible name, invariant number formatting,
/// label cleaning and wrapping, and a palette that passes WCAG AA against white.
/// </summary>
/// <remarks>
/// Charts are built as <see cref="XElement"/> trees rather than concatenated strings: the page
/// writes the result with Html.Raw, and LINQ to XML escapes every text node and attribute
/// (a label "&lt;script&gt;" stays text), so no label can turn into markup.
/// </remarks>
internal static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>Body text, #111827 on white: 17.7:1.</summary>
    public const string Ink = "#111827";

    /// <summary>Secondary text, "no evidence" markers and hatching, #4b5563 on white: 7.6:1.</summary>
    public const string Muted = "#4b5563";

    /// <summary>Grid lines and axes, #6b7280 on white: 4.8:1 (above the 3:1 asked of graphics).</summary>
    public const string Grid = "#6b7280";

    /// <summary>Data stroke and fill, #1d4ed8 on white: 6.7:1.</summary>
    public const string DataColour = "#1d4ed8";

    /// <summary>The weakest component, #b91c1c on white: 6.5:1 (white text on it: the same).</summary>
    public const string Alert = "#b91c1c";

    public static XName N(string localName) => Ns + localName;

    /// <summary>
    /// The &lt;svg&gt; root: scales to its container through viewBox and width 100 % (an 800 px LMS
    /// iframe or a phone), is one image for assistive technology (role="img", named by its title
    /// and described by its desc), and is skipped by keyboard focus (focusable="false", which old
    /// Edge and IE otherwise ignore).
    /// </summary>
    public static XElement Root(string id, double width, double height, string title, string description, string cssClass)
    {
        var titleId = id + "-title";
        var descId = id + "-desc";
        return new XElement(N("svg"),
            new XAttribute("id", id),
            new XAttribute("class", cssClass),
            new XAttribute("viewBox", $"0 0 {Num(width)} {Num(height)}"),
            new XAttribute("width", "100%"),
            new XAttribute("role", "img"),
            new XAttribute("aria-labelledby", titleId + " " + descId),
            new XAttribute("focusable", "false"),
            new XAttribute("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"),
            new XElement(N("title"), new XAttribute("id", titleId), Clean(title)),
            new XElement(N("desc"), new XAttribute("id", descId), Clean(description)));
    }

    /// <summary>Diagonal hatching for a part that has no evidence, so it reads differently from an empty (zero) part without relying on colour.</summary>
    public static XElement HatchPattern(string id) =>
        new(N("pattern"),
            new XAttribute("id", id),
            new XAttribute("patternUnits", "userSpaceOnUse"),
            new XAttribute("width", "8"),
            new XAttribute("height", "8"),
            new XAttribute("patternTransform", "rotate(45)"),
            new XElement(N("rect"), new XAttribute("width", "8"), new XAttribute("height", "8"), new XAttribute("fill", "#ffffff")),
            new XElement(N("line"),
                new XAttribute("x1", "0"), new XAttribute("y1", "0"), new XAttribute("x2", "0"), new XAttribute("y2", "8"),
                new XAttribute("stroke", Muted), new XAttribute("stroke-width", "2")));

    public static string Serialize(XElement root) => root.ToString(SaveOptions.DisableFormatting);

    /// <summary>A coordinate: at most two decimals, always with '.', never "-0", whatever the current culture.</summary>
    public static string Num(double value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>A percent as a reader sees it: one decimal at most, always with '.', e.g. "12.5%".</summary>
    public static string Percent(double value)
    {
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return (rounded == 0 ? 0 : rounded).ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }

    public static string Points(IEnumerable<(double X, double Y)> points) =>
        string.Join(' ', points.Select(p => Num(p.X) + "," + Num(p.Y)));

    /// <summary>
    /// Removes characters that XML 1.0 cannot hold (control characters, lone surrogates): LINQ
    /// to XML would refuse to write them, and a label from imported content must not break a page.
    /// </summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
                continue;
            }
            if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            cleaned ??= new StringBuilder(text, 0, i, text.Length);
        }
        return cleaned?.ToString() ?? text;
    }

    /// <summary>
    /// Breaks a label at spaces into at most <paramref name="maxLines"/> lines of about
    /// <paramref name="maxChars"/> characters (a longer word is cut); what does not fit ends in
    /// "…" and <c>Shortened</c> tells the caller to keep the full label in a &lt;title&gt;.
    /// </summary>
    public static (IReadOnlyList<string> Lines, bool Shortened) Wrap(string text, int maxChars, int maxLines)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (current.Length > 0 && current.Length + 1 + word.Length > maxChars)
            {
                lines.Add(current.ToString());
                current.Clear();
            }
            if (current.Length > 0)
                current.Append(' ');
            current.Append(word);
            while (current.Length > maxChars)
            {
                var cut = SafeCut(current.ToString(), maxChars);
                lines.Add(current.ToString(0, cut));
                current.Remove(0, cut);
            }
        }
        if (current.Length > 0 || lines.Count == 0)
            lines.Add(current.ToString());

        if (lines.Count <= maxLines)
            return (lines, false);
        var last = lines[maxLines - 1];
        var keep = SafeCut(last, Math.Min(last.Length, maxChars - 1));
        lines[maxLines - 1] = last[..keep].TrimEnd() + "…";
        return (lines.GetRange(0, maxLines), true);
    }

    /// <summary>A cut position at or before <paramref name="at"/> that does not split a surrogate pair.</summary>
    private static int SafeCut(string text, int at) =>
        at > 0 && at < text.Length && char.IsLowSurrogate(text[at]) ? at - 1 : at;

    /// <summary>
    /// An id for the root and its defs. Two charts on one page need different ids (a duplicate id
    /// makes aria-labelledby and the hatch pattern point at the other chart), and an id that is not
    /// a plain token would break the url(#…) references.
    /// </summary>
    public static void CheckId(string id, string parameterName)
    {
        var valid = id.Length > 0 && char.IsAsciiLetter(id[0])
            && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
        if (!valid)
            throw new ArgumentException($"Chart id '{id}' must start with a letter and hold only ASCII letters, digits, '-' and '_'.", parameterName);
    }

    public static void CheckPercent(double? percent, string what, string parameterName)
    {
        if (percent is { } p && !(p >= 0 && p <= 100))
            throw new ArgumentOutOfRangeException(parameterName, percent, $"The percent of {what} must be within 0–100.");
    }
}
