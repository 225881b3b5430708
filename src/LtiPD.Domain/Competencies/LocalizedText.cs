namespace LtiPD.Domain.Competencies;

/// <summary>
/// A text in the three languages LtiPD speaks. English is required and is the fallback when a
/// translation is missing, so a page never shows an empty label.
/// </summary>
public sealed record LocalizedText(string En, string? Ru = null, string? Kk = null)
{
    /// <summary>The text for a culture name such as "ru", "ru-RU" or "kk-KZ"; English otherwise.</summary>
    public string For(string? cultureName)
    {
        var language = cultureName is { Length: >= 2 } ? cultureName[..2] : "en";
        var text = language switch
        {
            "ru" => Ru,
            "kk" => Kk,
            _ => En,
        };
        return string.IsNullOrWhiteSpace(text) ? En : text;
    }

    public override string ToString() => En;
}
