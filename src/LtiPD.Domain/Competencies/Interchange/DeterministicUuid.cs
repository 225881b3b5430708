using System.Security.Cryptography;
using System.Text;

namespace LtiPD.Domain.Competencies.Interchange;

/// <summary>
/// Name-based UUIDs (RFC 9562 §5.5, version 5): the same name always gives the same identifier, so
/// exporting a framework twice gives identical CASE identifiers and a CASE server updates the
/// framework instead of creating a copy.
/// </summary>
public static class DeterministicUuid
{
    /// <summary>The namespace of all LtiPD CASE identifiers (itself a fixed random UUID).</summary>
    public static readonly Guid LtiPdNamespace = new("6f1e5c2a-9b4d-4c8e-a3f7-2d5b8e1c9a60");

    public static Guid Create(Guid @namespace, string name)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        @namespace.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        // SHA-1 is what version 5 specifies; it names things here and protects nothing.
#pragma warning disable CA5350
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
