using LtiPD.Domain.Competencies;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;

namespace LtiPD.Web.Features.Modules;

/// <summary>
/// A micro-credential module: its materials, micro-objectives, forms and hours, and each diagnostic with where the teacher
/// stands. Opening the page when every required piece of evidence is there completes the module: a completion is recorded
/// once, with its grade for the LMS, and every later visit shows it.
/// </summary>
public sealed class ModuleModel(ProgrammeCatalog catalog, ModuleEvidence evidence, ILogger<ModuleModel> logger) : SessionPageModel
{
    public const string ModuleNotFound = "module_not_found";

    public ModuleStatus Status { get; private set; } = null!;

    /// <summary>Set when this visit recorded the completion.</summary>
    public bool JustCompleted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await catalog.FindModuleAsync(code, ct) is not { } module)
            return Refuse(new Refusal(ModuleNotFound, "There is no module with this name.", StatusCodes.Status404NotFound));
        Status = await evidence.StatusAsync(LtiSession, module, ct);
        if (Status.Completion is null && Status.Progress.IsComplete)
        {
            Status = Status with { Completion = await evidence.CompleteAsync(LtiSession, Status, ct) };
            JustCompleted = true;
            logger.LogInformation("Module {Module} completed by user {UserId}", code, LtiSession.UserId);
        }
        return Page();
    }

    public string Text(LocalizedText text) => text.For(LtiSession.Culture.Name);

    /// <summary>A section body's paragraphs: the document separates them with blank lines.</summary>
    public static IEnumerable<string> Paragraphs(string body) =>
        body.Split(["\r\n\r\n", "\n\n"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
