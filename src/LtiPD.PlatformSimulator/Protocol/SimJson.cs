using System.Text.Encodings.Web;
using System.Text.Json;

namespace LtiPD.PlatformSimulator.Protocol;

/// <summary>JSON settings for documents the platform sends as JSON (service answers, token payloads).</summary>
internal static class SimJson
{
    /// <summary>
    /// Readable escaping ("+" and "'" stay as they are) for documents served as JSON or inside JWTs, never spliced into HTML:
    /// values written into pages go through the default, HTML-safe encoder instead.
    /// </summary>
    public static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
