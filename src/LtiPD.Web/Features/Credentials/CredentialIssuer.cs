using System.Globalization;
using System.Security.Cryptography;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Content;
using LtiPD.Domain.Credentials;
using LtiPD.Domain.Programmes;
using LtiPD.Lti.Login;
using LtiPD.Lti.Messages;
using LtiPD.Web.Features.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// Prepares the OpenBadgeCredential a module completion earns (docs/credentials.md), signed before the completion's
/// transaction begins (signing may create the first key, whose Data Protection write must not wait on that transaction's
/// lock); the caller adds the row inside the transaction, so the completion and its credential commit together or not at all.
/// </summary>
/// <remarks>
/// Every text of the signed credential (name, description, criteria, evidence) is in the language of the launch that earned it.
/// A signed credential cannot be re-worded for each reader without breaking its signature, and OB 3.0 types these fields as single
/// strings, so it carries one language: the earner's. The tool's own pages around it (labels, checks, refusals) follow the reader.
/// </remarks>
public sealed class CredentialIssuer(LtiPdDbContext db, CredentialKeys keys, IHttpContextAccessor http, TimeProvider time, IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// How many credentials one status list holds before the next list is started: half its 131,072 bits, so a random free
    /// bit is found at the first or second draw (Bitstring Status List v1.0 §5.2: indexes are assigned at random so that the
    /// position of a bit says nothing about when or to whom a credential was issued).
    /// </summary>
    public const int CredentialsPerList = BitstringStatusList.MinimumLength / 2;

    /// <summary>
    /// The signed credential for a completed module that declares one, or null: no credential declared, no course, or the
    /// person already holds this achievement (one per person and achievement, whichever course earned it first).
    /// </summary>
    public Task<CredentialEntity?> PrepareAsync(CompletionLaunch launch, ModuleStatus status, DateTimeOffset at, CancellationToken ct)
    {
        var module = status.Module.Module;
        var programme = status.Module.Programme;
        return module.Credential is not { } declared || !status.Progress.IsComplete
            ? Task.FromResult<CredentialEntity?>(null)
            : BuildAsync(launch, programme, declared, $"{programme.Programme.Code}/{module.Code}", "MicroCredential", module.Code,
                programme.Programme.CompetenciesOf(module), status.Progress.Diagnostics.Where(d => d.Used is not null).Select(d => Evidence(d, launch.Language)).ToList(), at, null, ct);
    }

    /// <summary>
    /// The programme's credential when the module being completed now completes the programme in this course
    /// (<see cref="Programme.IsCompletedBy"/>), or null. Its evidence is the completed modules. <paramref name="alongside"/> is
    /// the module's credential prepared in the same completion: not yet written, so its subject and status bit are passed on.
    /// </summary>
    public async Task<CredentialEntity?> PrepareProgrammeAsync(
        CompletionLaunch launch, CatalogModule completing, CredentialEntity? alongside, DateTimeOffset at, CancellationToken ct)
    {
        var programme = completing.Programme;
        if (programme.Programme.Credential is not { } declared || launch.Member.ContextId is null)
            return null;
        var m = launch.Member;
        var completed = await db.ModuleCompletions.AsNoTracking()
            .Where(c => c.PlatformId == m.PlatformId && c.DeploymentId == m.DeploymentId && c.ContextId == m.ContextId && c.UserId == m.UserId
                && c.ProgrammeCode == programme.Programme.Code)
            .Select(c => c.ModuleCode).ToListAsync(ct);
        completed.Add(completing.Module.Code);
        if (!programme.Programme.IsCompletedBy(completed))
            return null;
        var modules = programme.Programme.Modules.Where(x => completed.Contains(x.Code)).ToList();
        var evidence = modules.Select(x => new EvidenceItem(Say(launch.Language, "Evidence.Name", Say(launch.Language, "Evidence.Genre.Module"), x.Code),
            Say(launch.Language, "Evidence.Module", x.Title.For(launch.Language)), Say(launch.Language, "Evidence.Genre.Module"))).ToList();
        return await BuildAsync(launch, programme, declared, programme.Programme.Code, "LearningProgram", programme.Programme.Code,
            modules.SelectMany(programme.Programme.CompetenciesOf).Distinct(StringComparer.Ordinal).ToList(), evidence, at, alongside, ct);
    }

    private async Task<CredentialEntity?> BuildAsync(
        CompletionLaunch launch, CatalogProgramme programme, CredentialDeclaration declared, string key, string achievementType, string humanCode,
        IReadOnlyList<string> competencies, IReadOnlyList<EvidenceItem> evidence, DateTimeOffset at, CredentialEntity? alongside, CancellationToken ct)
    {
        if (launch.Member.ContextId is not { } contextId)
            return null;
        var member = launch.Member;
        var held = db.Credentials.AsNoTracking()
            .Where(c => c.PlatformId == member.PlatformId && c.DeploymentId == member.DeploymentId && c.UserId == member.UserId);
        if (await held.AnyAsync(c => c.AchievementKey == key, ct))
            return null;

        var urls = CredentialUrls.For(http.HttpContext!.Request);
        var language = launch.Language;
        var id = LoginService.NewOpaqueValue();
        var (list, index) = await FreeStatusBitAsync(alongside, ct);
        var subjectId = (alongside?.Jwt ?? await held.Select(c => c.Jwt).FirstOrDefaultAsync(ct)) is { } earlier
            ? CredentialJwt.SubjectOf(earlier) ?? NewSubjectId()
            : NewSubjectId();
        var email = await EmailAsync(launch, ct);
        var alignments = competencies
            .Select(programme.Framework.FindCompetency).OfType<Domain.Competencies.Competency>()
            .Select(c => new AchievementAlignment(c.Name.For(language), c.CaseUri ?? urls.CaseItem(programme.Framework.Code, c.Code), c.Code,
                programme.Framework.Title.For(language), "CFItem"))
            .ToList();
        var draft = new CredentialDraft(
            urls.Credential(id),
            declared.Title.For(language),
            declared.Description.For(language),
            await IssuerAsync(member.PlatformId, urls, ct),
            new AchievementDefinition(urls.Achievement(key), achievementType, declared.Title.For(language), declared.Description.For(language),
                declared.Criteria.For(language), urls.Image(declared.Image), humanCode, alignments),
            new SubjectIdentity(subjectId, email is null ? null : HashedEmail.Of(email, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)))),
            evidence, at, null, new StatusEntry(urls.StatusList(list), index));
        var credential = OpenBadgeCredential.ToJson(draft);
        var jwt = await keys.SignAsync(OpenBadgeCredential.JwtPayload(credential, draft.ValidFrom, draft.ValidUntil), urls.Keys, ct);
        return new CredentialEntity
        {
            Id = id,
            PlatformId = member.PlatformId,
            DeploymentId = member.DeploymentId,
            ContextId = contextId,
            UserId = member.UserId,
            UserName = launch.UserName,
            AchievementKey = key,
            Title = draft.Name,
            Jwt = jwt,
            StatusList = list,
            StatusIndex = index,
            IssuedAt = time.GetUtcNow(),
        };
    }

    /// <summary>
    /// The evidence a diagnostic's submission gave, without a single answer of the teacher: what kind of evidence, which
    /// criterion it met and when it was handed in.
    /// </summary>
    private EvidenceItem Evidence(DiagnosticProgress d, string language)
    {
        var used = d.Used!;
        var criterion = d.Diagnostic.Criterion;
        var culture = CultureInfo.GetCultureInfo(language);
        var submitted = OpenBadgeCredential.Stamp(used.SubmittedAt);
        var met = criterion.Kind switch
        {
            CriterionKind.PassMark => Say(language, "Evidence.PassMark", submitted,
                (used.Percent ?? 0).ToString("0.#", culture), (criterion.PassPercent ?? 0).ToString("0.#", culture)),
            CriterionKind.ReviewedAtLeast => Say(language, "Evidence.Reviewed", submitted, LevelName(used.Level, language), LevelName(criterion.Level, language)),
            _ => Say(language, "Evidence.Answered", submitted, used.Answered, used.ItemCount),
        };
        var genre = Say(language, "Evidence.Genre." + d.Diagnostic.Aspect);
        return new EvidenceItem(Say(language, "Evidence.Name", genre, d.Diagnostic.InstrumentCode), met, genre);
    }

    private static string LevelName(Domain.Competencies.Level? level, string language) =>
        level is { } l ? ContentNames.LevelName(l).For(language) : "—";

    /// <summary>A resource text in the earner's language (see the remarks above), whatever language this request is in.</summary>
    private string Say(string language, string key, params object[] arguments)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = LtiPD.Web.Features.Lti.LaunchSessions.CultureFor(language);
        try
        {
            return t[key, arguments];
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }

    /// <summary>The issuer Profile of a platform: the institution's name as registered, and the LMS address when it is https.</summary>
    public async Task<IssuerProfile> IssuerAsync(int platformId, CredentialUrls urls, CancellationToken ct)
    {
        var platform = await db.Platforms.AsNoTracking().Where(p => p.Id == platformId).Select(p => new { p.Name, p.Issuer }).FirstAsync(ct);
        var site = Uri.TryCreate(platform.Issuer, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;
        var name = string.IsNullOrWhiteSpace(platform.Name) ? platform.Issuer : platform.Name;
        return new IssuerProfile(urls.Issuer(platformId), name, site, $"{name}, through LtiPD: professional development of university teachers.");
    }

    /// <summary>
    /// A free bit of the current list, drawn at random. A draw another node takes at the same moment is refused by the unique
    /// index on (list, index) when the row is written; with the list at most half full that needs two draws to collide.
    /// </summary>
    private async Task<(int List, int Index)> FreeStatusBitAsync(CredentialEntity? alongside, CancellationToken ct)
    {
        var list = 1 + await db.Credentials.CountAsync(ct) / CredentialsPerList;
        while (true)
        {
            var index = RandomNumberGenerator.GetInt32(BitstringStatusList.MinimumLength);
            if ((alongside?.StatusList, alongside?.StatusIndex) != (list, index)
                && !await db.Credentials.AnyAsync(c => c.StatusList == list && c.StatusIndex == index, ct))
                return (list, index);
        }
    }

    /// <summary>
    /// The email the LMS sent for this person in their newest launch still stored (a review's launch is the reviewer's, so the
    /// teacher's own launch is read); null when no stored launch carries one.
    /// </summary>
    private async Task<string?> EmailAsync(CompletionLaunch launch, CancellationToken ct)
    {
        var m = launch.Member;
        var payload = await db.LaunchSessions.AsNoTracking()
            .Where(s => s.PlatformId == m.PlatformId && s.DeploymentId == m.DeploymentId && s.UserId == m.UserId)
            .OrderByDescending(s => s.CreatedAt).Select(s => s.PayloadJson).FirstOrDefaultAsync(ct);
        var email = payload is null ? null : LtiMessage.FromValidatedPayload(payload)?.Email;
        return string.IsNullOrWhiteSpace(email) || !email.Contains('@') ? null : email;
    }

    /// <summary>
    /// A tool-scoped subject id: random, never derived from the LMS user id (which is often a small number anyone could hash),
    /// and reused for every later credential of the person, so their credentials name one subject.
    /// </summary>
    private static Uri NewSubjectId() => new($"urn:uuid:{Guid.NewGuid()}");
}
