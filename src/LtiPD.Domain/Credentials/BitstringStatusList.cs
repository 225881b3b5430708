using System.Buffers.Text;
using System.IO.Compression;

namespace LtiPD.Domain.Credentials;

/// <summary>
/// A Bitstring Status List (W3C Bitstring Status List v1.0) with one bit per credential, for the status purpose
/// "revocation": bit <c>i</c> set means the credential whose <c>statusListIndex</c> is <c>i</c> is revoked. Index 0 is the
/// left-most bit of the first byte (§3.1, "the left-most bit of the bitstring is at position 0"). The published form
/// (<see cref="Encode"/>) is the GZIP-compressed bitstring in base64url without padding, prefixed with the multibase
/// prefix "u" (§2.2 encodedList, §3.1 Bitstring Generation Algorithm).
/// </summary>
public sealed class BitstringStatusList
{
    /// <summary>
    /// The smallest list the specification allows: 16 KB, 131,072 entries (§3.1: "a minimum of 131,072 entries"). It is
    /// the herd that hides which credential a verifier asks about (§5.1 group privacy), so a list is never shorter.
    /// </summary>
    public const int MinimumLength = 131_072;

    /// <summary>The multibase prefix of base64url without padding.</summary>
    public const char MultibasePrefix = 'u';

    /// <summary>
    /// The largest list <see cref="Decode"/> expands: a GZIP body is tiny for a mostly-zero list, so a hostile encodedList
    /// of a few kilobytes could expand to gigabytes. 16 MB (134 million entries) is far above any list this tool publishes.
    /// </summary>
    public const int MaximumBytes = 16 * 1024 * 1024;

    private readonly byte[] _bits;

    public BitstringStatusList(int length = MinimumLength)
    {
        if (length < MinimumLength || length % 8 != 0)
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A status list has at least {MinimumLength} entries, a whole number of bytes.");
        _bits = new byte[length / 8];
    }

    private BitstringStatusList(byte[] bits) => _bits = bits;

    public int Length => _bits.Length * 8;

    public bool this[int index]
    {
        get
        {
            CheckIndex(index);
            return (_bits[index >> 3] & (0x80 >> (index & 7))) != 0;
        }
        set
        {
            CheckIndex(index);
            if (value)
                _bits[index >> 3] |= (byte)(0x80 >> (index & 7));
            else
                _bits[index >> 3] &= (byte)~(0x80 >> (index & 7));
        }
    }

    /// <summary>The encodedList value: "u" + base64url(GZIP(bitstring)), no padding.</summary>
    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            gzip.Write(_bits);
        return MultibasePrefix + Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <summary>
    /// Reads an encodedList back. Null when it is not one: no multibase "u" prefix, not base64url, not GZIP, shorter than
    /// <see cref="MinimumLength"/> (§3.2 Bitstring Expansion Algorithm: a shorter list is a STATUS_LIST_LENGTH_ERROR) or
    /// larger than <see cref="MaximumBytes"/>.
    /// </summary>
    public static BitstringStatusList? Decode(string? encoded)
    {
        if (encoded is not { Length: > 1 } || encoded[0] != MultibasePrefix || !Base64Url.IsValid(encoded.AsSpan(1)))
            return null;
        try
        {
            var compressed = Base64Url.DecodeFromChars(encoded.AsSpan(1));
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var bits = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = gzip.Read(chunk)) > 0)
            {
                if (bits.Length + read > MaximumBytes)
                    return null;
                bits.Write(chunk, 0, read);
            }
            return bits.Length * 8 < MinimumLength ? null : new BitstringStatusList(bits.ToArray());
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The list has {Length} entries.");
    }
}
