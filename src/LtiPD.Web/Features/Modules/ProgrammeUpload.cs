using System.Globalization;
using System.Text;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;
using LtiPD.Web.Features.Shared;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// The import form both import pages share (administrators' /admin/programmes, course designers' /s/{sid}/programmes): an
/// <c>ltipd-programme/1</c> document uploaded as a file or pasted, at most <see cref="ProgrammeLibrary.MaxDocumentBytes"/>, read
/// as UTF-8, and handed to <see cref="ProgrammeLibrary.ImportAsync"/> with its owner. Problems of the form itself (both or
/// neither given, too large, not UTF-8) are reported the way the document's are.
/// </summary>
public sealed class ProgrammeUpload(ProgrammeLibrary library, IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// Room for the form around a document of the largest accepted size (a pasted document may be escaped on the way); beyond it
    /// Kestrel refuses the body (413 body_too_large), below it the page answers a too-large document with its own report.
    /// </summary>
    public const long MaxRequestBytes = ProgrammeLibrary.MaxDocumentBytes * 2 + 256 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <param name="ownerPlatformId">The importing designer's platform, or null for an administrator's tool-wide import.</param>
    public async Task<ProgrammeImport> ImportAsync(IFormFile? upload, string? document, int? ownerPlatformId, CancellationToken ct)
    {
        var pasted = string.IsNullOrWhiteSpace(document) ? null : document;
        if (upload is { Length: > 0 } && pasted is not null)
            return ProgrammeImport.Refused(StatusCodes.Status400BadRequest, "file", ProblemCodes.InvalidValue, t["Admin.FileAndText"]);
        if (pasted is not null)
        {
            return Encoding.UTF8.GetByteCount(pasted) > ProgrammeLibrary.MaxDocumentBytes
                ? TooLarge(Encoding.UTF8.GetByteCount(pasted))
                : await library.ImportAsync(pasted.TrimStart('\uFEFF'), ownerPlatformId, ct);
        }
        if (upload is not { Length: > 0 })
            return ProgrammeImport.Refused(StatusCodes.Status400BadRequest, "file", ProblemCodes.EmptyFile, t["Admin.NoDocument"]);
        if (upload.Length > ProgrammeLibrary.MaxDocumentBytes)
            return TooLarge(upload.Length);
        try
        {
            await using var stream = upload.OpenReadStream();
            // The document is JSON, so UTF-8 (RFC 8259 §8.1); a leading BOM is dropped.
            using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
            return await library.ImportAsync((await reader.ReadToEndAsync(ct)).TrimStart('\uFEFF'), ownerPlatformId, ct);
        }
        catch (DecoderFallbackException)
        {
            return ProgrammeImport.Refused(StatusCodes.Status400BadRequest, "file", ProgrammeCodes.NotUtf8, t["Admin.NotUtf8"]);
        }
    }

    /// <summary>The sentence that confirms an import, in the reader's language.</summary>
    public string Imported(Programme programme, string language) =>
        t.Plural("Admin.ProgrammeImported", programme.Modules.Count, programme.Title.For(language), programme.Code, programme.Version, programme.Modules.Count);

    private ProgrammeImport TooLarge(long bytes) =>
        ProgrammeImport.Refused(StatusCodes.Status413PayloadTooLarge, "file", ProgrammeCodes.FileTooLarge,
            t["Admin.FileTooLarge", bytes.ToString("N0", CultureInfo.CurrentCulture), ProgrammeLibrary.MaxDocumentBytes.ToString("N0", CultureInfo.CurrentCulture)]);
}
