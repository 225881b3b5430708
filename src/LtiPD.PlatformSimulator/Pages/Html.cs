using System.Text;
using System.Text.Encodings.Web;

namespace LtiPD.PlatformSimulator.Pages;

/// <summary>Minimal, valid and accessible HTML for the simulator's pages. Every value written into markup goes through <see cref="Encode"/>.</summary>
internal static class Html
{
    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    public static string Document(string title, string body, string? script = null) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="icon" href="data:,">
        <title>{{Encode(title)}}</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 1.5rem; max-width: 72rem; line-height: 1.4; }
        iframe { width: 100%; height: 36rem; border: 1px solid #767676; }
        table { border-collapse: collapse; } th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; }
        </style>
        </head>
        <body>
        {{body}}
        {{(script is null ? "" : $"<script>{script}</script>")}}
        </body>
        </html>
        """;

    /// <summary>
    /// A form that posts itself on load: the way an LMS hands the browser to the tool (Security Framework §5.1.1.1, §5.1.1.3).
    /// The noscript button keeps it usable without JavaScript.
    /// </summary>
    public static string AutoPostForm(string id, Uri action, IEnumerable<KeyValuePair<string, string>> fields, string target, string buttonText)
    {
        var markup = new StringBuilder();
        markup.Append($"""<form id="{Encode(id)}" method="post" action="{Encode(action.AbsoluteUri)}" target="{Encode(target)}">""").AppendLine();
        foreach (var (name, value) in fields)
        {
            markup.Append($"""<input type="hidden" name="{Encode(name)}" value="{Encode(value)}">""").AppendLine();
        }

        markup.Append($"""<noscript><button type="submit">{Encode(buttonText)}</button></noscript>""").AppendLine();
        markup.Append("</form>");
        return markup.ToString();
    }

    public static string SubmitScript(string formId) => $"document.getElementById({System.Text.Json.JsonSerializer.Serialize(formId)}).submit();";

    /// <summary>A page that explains why the platform refused something.</summary>
    public static string Problem(string title, string explanation) => Document(title, $"""
        <main>
        <h1>{Encode(title)}</h1>
        <p role="alert">{Encode(explanation)}</p>
        </main>
        """);
}
