using System.Globalization;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Shared;

/// <summary>
/// Texts that agree with a number. Such a text holds its forms separated by '|': English "one|other" ("1 try",
/// "2 tries"), Russian "one|few|many" (1 попытка, 2 попытки, 5 попыток, 11 попыток, 21 попытка), Kazakh one form, as a
/// noun after a numeral stays singular there ("5 әрекет"). A text with fewer forms than its language has uses its last.
/// </summary>
public static class Plurals
{
    public const char Separator = '|';

    /// <summary>Which of a language's forms agrees with <paramref name="count"/> (CLDR plural rules for integers).</summary>
    public static int FormIndex(CultureInfo culture, long count)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var n = Math.Abs(count);
        return culture.TwoLetterISOLanguageName switch
        {
            "ru" => (n % 10, n % 100) switch
            {
                (1, not 11) => 0,
                ( >= 2 and <= 4, not (>= 12 and <= 14)) => 1,
                _ => 2,
            },
            "kk" => 0,
            _ => n == 1 ? 0 : 1,
        };
    }

    /// <summary>The form of <paramref name="template"/> that agrees with <paramref name="count"/> in <paramref name="culture"/>.</summary>
    public static string Choose(string template, CultureInfo culture, long count)
    {
        ArgumentNullException.ThrowIfNull(template);
        var forms = template.Split(Separator);
        return forms[Math.Min(FormIndex(culture, count), forms.Length - 1)];
    }

    /// <summary>
    /// The text <paramref name="key"/> in the current UI language, in the form that agrees with <paramref name="count"/>,
    /// with <paramref name="arguments"/> put in.
    /// </summary>
    public static string Plural(this IStringLocalizer localizer, string key, long count, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var culture = CultureInfo.CurrentUICulture;
        return string.Format(CultureInfo.CurrentCulture, Choose(localizer[key].Value, culture, count), arguments);
    }
}
