using System.IO.Compression;
using System.Text;
using LtiPD.Web.Features.Assessments;

namespace LtiPD.Web.Tests.Features.Assessments;

/// <summary>A handed-in file is accepted only when its name has an accepted extension and its bytes are that type.</summary>
public sealed class HandedInDocumentsTests
{
    [Fact]
    public void EachAcceptedTypeIsRecognisedByItsContent()
    {
        Assert.Equal("application/pdf", HandedInDocuments.Recognise("a.pdf", Encoding.ASCII.GetBytes("%PDF-1.7\n%%EOF"))?.MediaType);
        Assert.Equal(".docx", HandedInDocuments.Recognise("a.docx", Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")))?.Extension);
        Assert.Equal(".odt", HandedInDocuments.Recognise("a.odt", Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")))?.Extension);
        Assert.Equal(".doc", HandedInDocuments.Recognise("a.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0])?.Extension);
        Assert.Equal(".rtf", HandedInDocuments.Recognise("a.rtf", Encoding.ASCII.GetBytes("{\\rtf1\\ansi hello}"))?.Extension);
        Assert.Equal(".txt", HandedInDocuments.Recognise("a.txt", Encoding.UTF8.GetBytes("План урока:\r\n\t1. Повторение"))?.Extension);
        Assert.Equal(".txt", HandedInDocuments.Recognise("a.txt", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("text")).ToArray())?.Extension);
    }

    [Theory]
    [InlineData("plan.pdf", "<html>not a pdf</html>")]
    [InlineData("plan.rtf", "%PDF-1.4 a pdf named rtf")]
    [InlineData("plan.exe", "%PDF-1.4 an accepted content with a name not accepted")]
    [InlineData("plan", "%PDF-1.4 no extension")]
    [InlineData("plan.pdf.html", "%PDF-1.4")]
    public void ANameAndContentThatDoNotAgreeAreRefused(string name, string content) =>
        Assert.Null(HandedInDocuments.Recognise(name, Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void AZipThatIsNotTheNamedDocumentIsRefused()
    {
        var anyZip = Zip(("readme.txt", "hello"));
        var odtNotFirst = Zip(("content.xml", "<x/>"), ("mimetype", "application/vnd.oasis.opendocument.text"));
        var spreadsheet = Zip(("mimetype", "application/vnd.oasis.opendocument.spreadsheet"));

        Assert.Null(HandedInDocuments.Recognise("a.docx", anyZip));
        Assert.Null(HandedInDocuments.Recognise("a.odt", odtNotFirst));
        Assert.Null(HandedInDocuments.Recognise("a.odt", spreadsheet));
        Assert.Null(HandedInDocuments.Recognise("a.docx", [(byte)'P', (byte)'K', 3, 4, 0xFF, 0xFF, 0xFF])); // a truncated zip
    }

    [Fact]
    public void ABinaryFileNamedTxtIsRefused() =>
        Assert.Null(HandedInDocuments.Recognise("a.txt", [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03]));

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
                stream.Write(Encoding.ASCII.GetBytes(content));
            }
        }
        return buffer.ToArray();
    }
}
