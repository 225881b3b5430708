using System.Text;

namespace LtiPD.Lti;

/// <summary>
/// What of a remote answer may reach the tool's log: a short excerpt with control characters and line breaks replaced, so a
/// hostile body can neither flood the log nor forge log lines. It never reaches a page.
/// </summary>
public static class RemoteText
{
    public const int MaxExcerptLength = 200;

    public static string Excerpt(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var builder = new StringBuilder(Math.Min(text.Length, MaxExcerptLength + 1));
        foreach (var c in text)
        {
            if (builder.Length == MaxExcerptLength)
                return builder.Append('…').ToString();
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? ' ' : c);
        }
        return builder.ToString();
    }
}
