using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Programmes;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Lti;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Modules;

/// <summary>One diagnostic of a module as the teacher sees it: its progress, the instrument, and the last submitted attempt.</summary>
public sealed record DiagnosticView(DiagnosticProgress Progress, CatalogInstrument? Instrument, AttemptEntity? LastSubmitted);

/// <summary>Where a teacher stands with a module: the evidence of each diagnostic and the completion, once there is one.</summary>
public sealed record ModuleStatus(CatalogModule Module, ModuleProgress Progress, IReadOnlyList<DiagnosticView> Diagnostics, ModuleCompletionEntity? Completion);

/// <summary>
/// A teacher's evidence for modules, read from their own attempts, and the completion it earns. Everything is scoped to the
/// owner of the launch session (platform, deployment, user), as attempts are: nobody sees or completes another's module.
/// </summary>
public sealed class ModuleEvidence(
    LtiPdDbContext db, Attempts attempts, AssessmentCatalog instruments, ProgrammeCatalog programmes, GradeOutbox grades, GradeSignal gradeSignal, TimeProvider time)
{
    public IQueryable<ModuleCompletionEntity> CompletionsOf(LaunchSession session) =>
        db.ModuleCompletions.Where(c => c.PlatformId == session.PlatformId && c.DeploymentId == session.DeploymentId && c.UserId == session.UserId);

    public async Task<ModuleStatus> StatusAsync(LaunchSession session, CatalogModule module, CancellationToken ct) =>
        (await StatusesAsync(session, [module], ct))[0];

    /// <summary>The status of several modules with one read of the teacher's attempts and completions.</summary>
    public async Task<IReadOnlyList<ModuleStatus>> StatusesAsync(LaunchSession session, IReadOnlyList<CatalogModule> modules, CancellationToken ct)
    {
        var codes = modules.SelectMany(m => m.Module.Diagnostics).Select(d => d.InstrumentCode).Distinct(StringComparer.Ordinal).ToList();
        // Peer feedback rates a colleague, so only the teacher's own attempts (no subject) are evidence.
        var own = await attempts.OwnedBy(session).AsNoTracking()
            .Where(a => a.SubjectUserId == null && codes.Contains(a.InstrumentCode)).ToListAsync(ct);
        return await StatusesAsync(session, modules, own, ct);
    }

    /// <summary>The same, from the teacher's own attempts (no subject) that the caller has already read.</summary>
    public async Task<IReadOnlyList<ModuleStatus>> StatusesAsync(
        LaunchSession session, IReadOnlyList<CatalogModule> modules, IReadOnlyList<AttemptEntity> own, CancellationToken ct)
    {
        var completions = await CompletionsOf(session).AsNoTracking().ToListAsync(ct);
        var evidence = own.Select(a => new InstrumentEvidence(
            a.InstrumentCode,
            a.Status == (int)AttemptStatus.Submitted ? EvidenceState.Submitted : EvidenceState.InProgress,
            a.Status == (int)AttemptStatus.Submitted && a.ScoreMaximum is > 0 ? 100 * (a.ScoreGiven ?? 0) / a.ScoreMaximum.Value : null)).ToList();
        var statuses = new List<ModuleStatus>();
        foreach (var module in modules)
        {
            var progress = ModuleCompletion.Evaluate(module.Module, evidence);
            var views = new List<DiagnosticView>();
            foreach (var d in progress.Diagnostics)
            {
                views.Add(new DiagnosticView(d, await instruments.FindLatestAsync(d.Diagnostic.InstrumentCode, ct),
                    own.Where(a => a.InstrumentCode == d.Diagnostic.InstrumentCode && a.Status == (int)AttemptStatus.Submitted).MaxBy(a => a.SubmittedAt)));
            }
            var completion = completions.FirstOrDefault(c => c.ProgrammeCode == module.Programme.Programme.Code && c.ModuleCode == module.Module.Code);
            statuses.Add(new ModuleStatus(module, progress, views, completion));
        }
        return statuses;
    }

    /// <summary>
    /// Completes every module that a just-submitted attempt at this instrument finished, wherever the teacher submitted it
    /// from: a module is completed by its last piece of evidence, not by a later visit to its page. Returns the codes of the
    /// modules completed now.
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteEarnedAsync(LaunchSession session, string instrumentCode, CancellationToken ct)
    {
        var usingIt = (await programmes.ModulesAsync(ct))
            .Where(m => m.Module.Diagnostics.Any(d => d.InstrumentCode == instrumentCode)).ToList();
        if (usingIt.Count == 0)
            return [];
        var completed = new List<string>();
        foreach (var status in await StatusesAsync(session, usingIt, ct))
        {
            if (status.Completion is null && status.Progress.IsComplete)
            {
                await CompleteAsync(session, status, ct);
                completed.Add(status.Module.Module.Code);
            }
        }
        return completed;
    }

    /// <summary>
    /// Records the completion of a module whose required evidence is all there, and its grade in the outbox in the same
    /// transaction. The unique index on (owner, programme, module) makes a second completion, from another tab or node,
    /// fail; that caller gets the completion that won, and no second grade exists.
    /// </summary>
    public async Task<ModuleCompletionEntity> CompleteAsync(LaunchSession session, ModuleStatus status, CancellationToken ct)
    {
        if (status.Completion is { } done)
            return done;
        if (!status.Progress.IsComplete)
            throw new InvalidOperationException($"Module {status.Module.Module.Code} lacks evidence and cannot complete.");
        var completion = new ModuleCompletionEntity
        {
            Id = LoginService.NewOpaqueValue(),
            PlatformId = session.PlatformId,
            DeploymentId = session.DeploymentId,
            ContextId = session.ContextId,
            ResourceLinkId = session.ResourceLinkId,
            UserId = session.UserId,
            UserName = session.DisplayName,
            ProgrammeCode = status.Module.Programme.Programme.Code,
            ProgrammeVersion = status.Module.Programme.Programme.Version,
            ModuleCode = status.Module.Module.Code,
            ScoreGiven = status.Progress.ScoreGiven,
            ScoreMaximum = status.Progress.ScoreMaximum,
            CompletedAt = time.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.ModuleCompletions.Add(completion);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await CompletionsOf(session).AsNoTracking()
                    .FirstAsync(c => c.ProgrammeCode == completion.ProgrammeCode && c.ModuleCode == completion.ModuleCode, ct);
            }
            await grades.AddForModuleCompletionAsync(session, completion, status.Module.Module.Title.For(session.Culture.Name), ct);
            await transaction.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        gradeSignal.Notify();
        return completion;
    }
}
