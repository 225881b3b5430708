using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.People;
using LtiPD.Domain.Programmes;
using LtiPD.Lti.Login;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Credentials;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Features.Lti;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Modules;

/// <summary>One diagnostic of a module as the teacher sees it: its progress, the instrument, and the submitted attempt used as its evidence.</summary>
public sealed record DiagnosticView(DiagnosticProgress Progress, CatalogInstrument? Instrument, AttemptEntity? Used, CatalogModule? OtherModule);

/// <summary>Where a teacher stands with a module: the evidence of each diagnostic and the completion, once there is one.</summary>
public sealed record ModuleStatus(CatalogModule Module, ModuleProgress Progress, IReadOnlyList<DiagnosticView> Diagnostics, ModuleCompletionEntity? Completion);

/// <summary>
/// The launch a module is completed in: the person in its course, and what the completion and its grade copy from it
/// (the launch's gradebook endpoint is read again from the launch by <see cref="GradeOutbox"/>).
/// </summary>
public sealed record CompletionLaunch(PersonInCourse Member, string LaunchId, string? ResourceLinkId, string? UserName, string Language)
{
    public static CompletionLaunch Of(LaunchSession session) =>
        new(session.Member, session.Id, session.ResourceLinkId, session.DisplayName, session.Culture.Name);

    /// <summary>
    /// The teacher's completion earned by a reviewer's review: the person is the attempt's owner in its course, and the grade
    /// goes through the reviewer's launch, which is a launch in the same course (the review page is course-scoped), so it
    /// reaches that course's gradebook for the teacher.
    /// </summary>
    public static CompletionLaunch ForReview(LaunchSession reviewer, AttemptEntity attempt) =>
        new(new PersonInCourse(attempt.PlatformId, attempt.DeploymentId, attempt.ContextId, attempt.UserId), reviewer.Id,
            attempt.ResourceLinkId, attempt.UserName, reviewer.Culture.Name);
}

/// <summary>
/// A teacher's evidence for modules, read from their own attempts, and the completion it earns. Everything is per person and
/// course (<see cref="PersonInCourse"/>), as attempts are: the evidence for a module in a course is the attempts handed in in
/// that course, and the completion it earns is that course's, with its grade for that course's gradebook. A module's grade
/// is the course's statement that the person did the module's work there; evidence from another course would put a grade in
/// this course's gradebook for work its designers never see on their review and cohort pages. Nobody sees or completes
/// another's module. A launch without a course records no completion: there is no gradebook for its grade, and the unique
/// index that allows a single completion cannot hold for an empty course (NULLs are distinct in it).
/// </summary>
public sealed class ModuleEvidence(
    LtiPdDbContext db, Attempts attempts, AssessmentCatalog instruments, ResultRecords records, ProgrammeCatalog programmes, GradeOutbox grades,
    GradeSignal gradeSignal, CredentialIssuer credentials, TimeProvider time, ILogger<ModuleEvidence> logger)
{
    /// <summary>
    /// How often a completion is tried when its credential meets another's unique index: the second try finds the winner's
    /// credential and inserts none, so a third is needed only when two random status bits also collided.
    /// </summary>
    private const int MaxCredentialAttempts = 3;

    public IQueryable<ModuleCompletionEntity> CompletionsOf(PersonInCourse member) =>
        db.ModuleCompletions.Where(c => c.PlatformId == member.PlatformId && c.DeploymentId == member.DeploymentId
            && c.ContextId == member.ContextId && c.UserId == member.UserId);

    // The same rows as CompletionsOf, hand-written (LtiPdDbContext.ReadAsync: compiled once per connection on SQLite): the
    // teacher's home (part of every launch) reads them, through IX_module_completions_member.
    private const string CompletionsOfMember =
        "SELECT " + EntityRows.ModuleCompletionColumns + " FROM module_completions " +
        "WHERE \"PlatformId\" = @p0 AND \"DeploymentId\" = @p1 AND \"ContextId\" = @p2 AND \"UserId\" = @p3";

    public async Task<ModuleStatus> StatusAsync(PersonInCourse member, CatalogModule module, CancellationToken ct) =>
        (await StatusesAsync(member, [module], ct))[0];

    /// <summary>The status of several modules with one read of the teacher's attempts and completions in the course.</summary>
    public async Task<IReadOnlyList<ModuleStatus>> StatusesAsync(PersonInCourse member, IReadOnlyList<CatalogModule> modules, CancellationToken ct)
    {
        var codes = modules.SelectMany(m => m.Module.Diagnostics).Select(d => d.InstrumentCode).Distinct(StringComparer.Ordinal).ToList();
        // Peer feedback rates a colleague, so only the teacher's own attempts (no subject) are evidence.
        var own = await attempts.InCourse(member).AsNoTracking()
            .Where(a => a.SubjectUserId == null && codes.Contains(a.InstrumentCode)).ToListAsync(ct);
        return await StatusesAsync(member, modules, own, ct);
    }

    /// <summary>The same, from the teacher's own attempts in the course (no subject) that the caller has already read.</summary>
    public async Task<IReadOnlyList<ModuleStatus>> StatusesAsync(
        PersonInCourse member, IReadOnlyList<CatalogModule> modules, IReadOnlyList<AttemptEntity> own, CancellationToken ct)
    {
        if (own.Any(a => new PersonInCourse(a.PlatformId, a.DeploymentId, a.ContextId, a.UserId) != member))
            throw new ArgumentException("Module evidence is the person's own attempts in the course.", nameof(own));
        var completions = member.ContextId is { } context
            ? await db.ReadAsync(CompletionsOfMember, EntityRows.ModuleCompletion, ct, member.PlatformId, member.DeploymentId, context, member.UserId)
            : []; // a launch without a course records none
        var submitted = own.Where(a => a.Status == (int)AttemptStatus.Submitted).ToList();
        var recorded = await records.OfAsync(submitted, ct);
        var evidence = new List<SubmissionEvidence>(submitted.Count);
        foreach (var attempt in submitted)
            evidence.Add(recorded[attempt.Id].AsEvidence(attempt, await instruments.GetAsync(attempt.InstrumentCode, attempt.InstrumentVersion, ct)));
        var open = own.Where(a => a.Status == (int)AttemptStatus.InProgress).Select(a => a.InstrumentCode).ToList();
        var statuses = new List<ModuleStatus>();
        foreach (var module in modules)
        {
            var progress = ModuleCompletion.Evaluate(module.Programme.Programme, module.Module, evidence, open);
            var views = new List<DiagnosticView>();
            foreach (var d in progress.Diagnostics)
            {
                views.Add(new DiagnosticView(d, await instruments.FindLatestAsync(d.Diagnostic.InstrumentCode, ct),
                    d.Used is { } used ? submitted.First(a => a.Id == used.AttemptId) : null,
                    d.OtherModule is { } other ? await programmes.FindModuleAsync(member.PlatformId, other, ct) : null));
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
    public async Task<IReadOnlyList<string>> CompleteEarnedAsync(CompletionLaunch launch, string instrumentCode, CancellationToken ct)
    {
        if (launch.Member.ContextId is null)
            return [];
        var usingIt = (await programmes.ModulesAsync(launch.Member.PlatformId, ct))
            .Where(m => m.Module.Diagnostics.Any(d => d.InstrumentCode == instrumentCode)).ToList();
        if (usingIt.Count == 0)
            return [];
        var completed = new List<string>();
        foreach (var status in await StatusesAsync(launch.Member, usingIt, ct))
        {
            if (status.Completion is null && status.Progress.IsComplete)
            {
                await CompleteAsync(launch, status, ct);
                completed.Add(status.Module.Module.Code);
            }
        }
        return completed;
    }

    /// <summary>
    /// Records the completion of a module whose required evidence is all there, and its grade in the outbox in the same
    /// transaction. The unique index on (owner, course, programme, module) makes a second completion, from another tab or node,
    /// fail; that caller gets the completion that won, and no second grade exists. Null for a launch without a course.
    /// </summary>
    public async Task<ModuleCompletionEntity?> CompleteAsync(CompletionLaunch launch, ModuleStatus status, CancellationToken ct)
    {
        if (status.Completion is { } done)
            return done;
        var member = launch.Member;
        if (member.ContextId is null)
            return null;
        if (!status.Progress.IsComplete)
            throw new InvalidOperationException($"Module {status.Module.Module.Code} lacks evidence and cannot complete.");
        var completion = new ModuleCompletionEntity
        {
            Id = LoginService.NewOpaqueValue(),
            PlatformId = member.PlatformId,
            DeploymentId = member.DeploymentId,
            ContextId = member.ContextId,
            ResourceLinkId = launch.ResourceLinkId,
            UserId = member.UserId,
            UserName = launch.UserName,
            ProgrammeCode = status.Module.Programme.Programme.Code,
            ProgrammeVersion = status.Module.Programme.Programme.Version,
            ModuleCode = status.Module.Module.Code,
            ScoreGiven = status.Progress.ScoreGiven,
            ScoreMaximum = status.Progress.ScoreMaximum,
            CompletedAt = time.GetUtcNow(),
        };
        // Signed before the transaction (CredentialIssuer says why); written in it, so a completion never commits without
        // the credential its module declares, nor a credential without its completion. One person completing the same module
        // in two courses at once prepares two credentials for one achievement: the later insert meets the unique index
        // (IX_credentials_owner, or the status bit's), the whole completion is rolled back and done again, and the second
        // preparation finds the credential that won, so the person keeps that one and this course still gets its completion.
        for (var attempt = 1; ; attempt++)
        {
            var credential = await credentials.PrepareAsync(launch, status, completion.CompletedAt, ct);
            var programmeCredential = await credentials.PrepareProgrammeAsync(launch, status.Module, credential, completion.CompletedAt, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.ModuleCompletions.Add(completion);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return await CompletionsOf(member).AsNoTracking()
                    .FirstAsync(c => c.ProgrammeCode == completion.ProgrammeCode && c.ModuleCode == completion.ModuleCode, ct);
            }
            await grades.AddForModuleCompletionAsync(launch.LaunchId, completion, status.Module.Module.Title.For(launch.Language), ct);
            if (credential is not null || programmeCredential is not null)
            {
                db.Credentials.AddRange(new[] { credential, programmeCredential }.OfType<CredentialEntity>());
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (UniqueViolation.Is(e) && attempt < MaxCredentialAttempts)
                {
                    logger.LogInformation(
                        "Completion of {Module} in course {Context}: a credential was issued to the same person at the same moment; completing again",
                        completion.ModuleCode, member.ContextId);
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    continue;
                }
            }
            await transaction.CommitAsync(ct);
            break;
        }
        db.ChangeTracker.Clear();
        gradeSignal.Notify();
        return completion;
    }
}
