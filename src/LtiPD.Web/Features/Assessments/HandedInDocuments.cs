using System.IO.Compression;
using System.Text;

namespace LtiPD.Web.Features.Assessments;

/// <summary>A type of document a teacher may hand in for a practical task: its file extension, media type and content test.</summary>
public sealed record DocumentType(string Extension, string MediaType, Func<byte[], bool> HasContent);

/// <summary>
/// The documents a practical task accepts, as the form names them ("PDF, Word, ODT or text"). A file is accepted only when
/// its name has one of these extensions and its bytes are what that extension says: the name and the browser's content type
/// are the sender's claims, and a designer downloads the file, so an executable or an HTML page renamed ".pdf" is refused at
/// the door instead of being handed to a colleague.
/// </summary>
public static class HandedInDocuments
{
    public const string TypeRefused = "file_type_refused";

    /// <summary>What the refusal and the form say is accepted.</summary>
    public const string AcceptedNames = "PDF (.pdf), Word (.docx, .doc), OpenDocument text (.odt), RTF (.rtf) or plain text (.txt)";

    public static readonly IReadOnlyList<DocumentType> Types =
    [
        new(".pdf", "application/pdf", IsPdf),
        new(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", IsDocx),
        new(".doc", "application/msword", IsCompoundFile),
        new(".odt", "application/vnd.oasis.opendocument.text", IsOdt),
        new(".rtf", "application/rtf", c => StartsWith(c, "{\\rtf"u8)),
        new(".txt", "text/plain", IsText),
    ];

    /// <summary>The form's <c>accept</c> attribute: the same list the server checks.</summary>
    public static string AcceptAttribute => string.Join(',', Types.Select(t => t.Extension));

    /// <summary>The type this file is, or null when its extension is not accepted or its content is not what the extension says.</summary>
    public static DocumentType? Recognise(string fileName, byte[] content)
    {
        var extension = Path.GetExtension(fileName);
        var type = Types.FirstOrDefault(t => t.Extension.Equals(extension, StringComparison.OrdinalIgnoreCase));
        return type is not null && type.HasContent(content) ? type : null;
    }

    /// <summary>ISO 32000-1 §7.5.2: a PDF file begins with the header "%PDF-" and its version.</summary>
    private static bool IsPdf(byte[] c) => StartsWith(c, "%PDF-"u8);

    /// <summary>Word 97-2003 documents are OLE2 compound files ([MS-CFB] §2.2: the header signature D0 CF 11 E0 A1 B1 1A E1).</summary>
    private static bool IsCompoundFile(byte[] c) => StartsWith(c, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    /// <summary>An OOXML package (ECMA-376 Part 2): a zip with [Content_Types].xml, and for Word the main part word/document.xml.</summary>
    private static bool IsDocx(byte[] c) => InZip(c, zip =>
        zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null);

    /// <summary>ODF 1.2 Part 3 §3.3: the first entry of the zip is "mimetype", stored, holding the document's media type.</summary>
    private static bool IsOdt(byte[] c) => InZip(c, zip =>
    {
        if (zip.Entries.Count == 0 || zip.Entries[0] is not { FullName: "mimetype" } entry)
            return false;
        const string expected = "application/vnd.oasis.opendocument.text";
        using var stream = entry.Open();
        var buffer = new byte[expected.Length + 1];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.ASCII.GetString(buffer, 0, read) == expected;
    });

    /// <summary>
    /// Plain text: UTF-16 with its byte-order mark, or any 8-bit text (UTF-8, or a legacy code page such as Windows-1251)
    /// without control characters other than tab, line feed, form feed and carriage return: a binary file has them early.
    /// </summary>
    private static bool IsText(byte[] c)
    {
        if (StartsWith(c, [0xFF, 0xFE]) || StartsWith(c, [0xFE, 0xFF]))
            return c.Length % 2 == 0;
        foreach (var b in c)
        {
            if (b is < 0x20 and not (0x09 or 0x0A or 0x0C or 0x0D) || b == 0x7F)
                return false;
        }
        return true;
    }

    private static bool StartsWith(byte[] content, ReadOnlySpan<byte> magic) => content.AsSpan().StartsWith(magic);

    /// <summary>Only the central directory and at most one small entry are read: a zip bomb is never inflated.</summary>
    private static bool InZip(byte[] content, Func<ZipArchive, bool> test)
    {
        if (!StartsWith(content, "PK\x03\x04"u8))
            return false;
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            return test(zip);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return false;
        }
    }
}
