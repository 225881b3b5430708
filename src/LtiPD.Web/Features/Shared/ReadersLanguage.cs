using System.Globalization;
using LtiPD.Domain.Competencies;

namespace LtiPD.Web.Features.Shared;

/// <summary>
/// Text the domain wrote in three languages (titles, import problems), read in the language the request chose: the launch
/// locale in a session, else the reader's own choice, else the browser's (the providers set in <c>Hosting/ToolServices</c>).
/// </summary>
public static class ReadersLanguage
{
    public static string InReadersLanguage(this LocalizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.For(CultureInfo.CurrentUICulture.Name);
    }
}
