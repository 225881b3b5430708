using System.Text;

namespace LtiPD.Lti.Http;

/// <summary>
/// What of a remote answer's body may be kept: a short excerpt for the application log, so an operator can recognise the
/// platform's message, and nothing for pages. A body is hostile (it may be anything the remote side chose, including lines
/// that forge log entries or the token it was sent), so the excerpt is single-line, free of control characters and short.
/// </summary>
public static class RemoteText
{
    public const int MaxExcerptLength = 200;

    /// <summary>
    /// At most <see cref="MaxExcerptLength"/> characters of <paramref name="body"/>, whitespace runs (newlines included) made one
    /// space, other control and format characters dropped, and every occurrence of the <paramref name="secrets"/> (the bearer
    /// token sent) replaced by "[redacted]".
    /// </summary>
    public static string Excerpt(string? body, params string?[] secrets)
    {
        if (string.IsNullOrEmpty(body))
            return "";
        var text = body;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
                text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }
        var excerpt = new StringBuilder(MaxExcerptLength + 1);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = excerpt.Length > 0;
                continue;
            }
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                    or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
                continue;
            if (pendingSpace)
                excerpt.Append(' ');
            pendingSpace = false;
            excerpt.Append(c);
            if (excerpt.Length >= MaxExcerptLength)
                return excerpt.ToString(0, char.IsHighSurrogate(c) ? MaxExcerptLength - 1 : MaxExcerptLength) + "…";
        }
        return excerpt.ToString();
    }
}
