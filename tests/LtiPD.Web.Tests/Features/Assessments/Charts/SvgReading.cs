using System.Globalization;
using System.Xml.Linq;

namespace LtiPD.Web.Tests.Features.Assessments.Charts;

/// <summary>Reads a rendered chart the way a browser would: as XML in the SVG namespace.</summary>
internal static class SvgReading
{
    public static readonly XNamespace S = "http://www.w3.org/2000/svg";

    /// <summary>Parses the markup; throws when it is not well-formed XML.</summary>
    public static XElement Parse(string markup)
    {
        var root = XElement.Parse(markup);
        Assert.Equal(S + "svg", root.Name);
        return root;
    }

    /// <summary>A number attribute, parsed strictly with '.' as the decimal separator.</summary>
    public static double Number(XElement element, string attribute) =>
        Number((string?)element.Attribute(attribute) ?? throw new InvalidOperationException($"<{element.Name.LocalName}> has no {attribute}."));

    public static double Number(string text) =>
        double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>The "x,y x,y …" of a polygon: each pair must hold exactly two invariant numbers.</summary>
    public static IReadOnlyList<(double X, double Y)> Points(XElement polygon)
    {
        var text = (string?)polygon.Attribute("points") ?? throw new InvalidOperationException("No points.");
        return text.Split(' ').Select(pair =>
        {
            var parts = pair.Split(',');
            Assert.True(parts.Length == 2, $"'{pair}' is not one x,y pair.");
            return (Number(parts[0]), Number(parts[1]));
        }).ToList();
    }

    public static bool HasClass(XElement element, string cssClass) =>
        ((string?)element.Attribute("class") ?? "").Split(' ').Contains(cssClass);

    public static IEnumerable<XElement> WithClass(this XElement root, string localName, string cssClass) =>
        root.Descendants(S + localName).Where(e => HasClass(e, cssClass));

    /// <summary>The text a reader sees, without the tooltip held in a child &lt;title&gt;.</summary>
    public static string VisibleText(XElement element) =>
        string.Concat(element.DescendantNodes().OfType<XText>().Where(t => t.Parent?.Name != S + "title").Select(t => t.Value));

    public static double Distance((double X, double Y) a, (double X, double Y) b) =>
        Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    /// <summary>Runs <paramref name="action"/> with the current culture (and UI culture) switched, as on a Russian server.</summary>
    public static T UnderCulture<T>(string culture, Func<T> action)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (previous, previousUi);
        }
    }

    /// <summary>Every attribute that holds numbers (coordinates, sizes, the viewBox), as written.</summary>
    public static IEnumerable<string> NumericAttributeValues(XElement root)
    {
        string[] names = ["x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "width", "height", "stroke-width", "font-size"];
        foreach (var element in root.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes().Where(a => names.Contains(a.Name.LocalName) && a.Value != "100%"))
                yield return attribute.Value;
            if (element.Attribute("viewBox") is { } viewBox)
            {
                foreach (var part in viewBox.Value.Split(' '))
                    yield return part;
            }
        }
    }
}
