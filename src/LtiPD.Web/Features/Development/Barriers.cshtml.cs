using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Development;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// The barrier questionnaire (issue 11, "declared" indicators): TALIS 2018's seven barriers to professional development on a
/// 4-point agreement scale, and "what would help me", the teacher's own requests (seed 004). Each submission is kept; the newest
/// counts. Items may be left unanswered: an unanswered barrier is not assessed, which is not the same as "disagree".
/// </summary>
public sealed class BarriersModel(LtiPdDbContext db, DevelopmentRecompute recompute, DevelopmentText text, TimeProvider time) : SessionPageModel
{
    public const int MaxRequests = 5;
    public const int MaxRequestLength = 300;

    [BindProperty] public Dictionary<string, string?> Agreement { get; set; } = [];
    [BindProperty] public string? Requests { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public DateTimeOffset? LastAnswered { get; private set; }
    public DevelopmentText Text => text;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var person = LtiSession.Person;
        var latest = await db.BarrierAnswers.AsNoTracking()
            .Where(a => a.PlatformId == person.PlatformId && a.DeploymentId == person.DeploymentId && a.UserId == person.UserId)
            .OrderByDescending(a => a.At).FirstOrDefaultAsync(ct);
        if (latest is null)
            return;
        var answers = BarrierAnswersJson.Read(latest.At, latest.Answers);
        LastAnswered = latest.At;
        Agreement = answers.Agreement.ToDictionary(p => p.Key.ToString(), p => (string?)p.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Requests = string.Join('\n', answers.Requests);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agreement = new Dictionary<DeclaredBarrier, int>();
        foreach (var (key, value) in Agreement)
        {
            if (string.IsNullOrEmpty(value))
                continue;
            if (!Enum.TryParse<DeclaredBarrier>(key, out var barrier) || !Enum.IsDefined(barrier) || !int.TryParse(value, out var level)
                || level is < BarrierAnswers.MinAgreement or > BarrierAnswers.MaxAgreement)
            {
                Errors["Agreement"] = text["Dev.AgreementInvalid"];
                continue;
            }
            agreement[barrier] = level;
        }
        var requests = (Requests ?? "").Split('\n').Select(r => r.Trim()).Where(r => r.Length > 0).ToList();
        if (requests.Count > MaxRequests)
            Errors["Requests"] = text["Dev.RequestsTooMany", MaxRequests];
        else if (requests.Any(r => r.Length > MaxRequestLength))
            Errors["Requests"] = text["Dev.RequestTooLong", MaxRequestLength];
        if (agreement.Count == 0 && requests.Count == 0 && Errors.Count == 0)
            Errors["Agreement"] = text["Dev.NothingAnswered"];
        if (Errors.Count > 0)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<BarriersModel>>()
                .LogInformation("Barrier questionnaire refused for user {UserId}: {Fields}", LtiSession.UserId, string.Join(", ", Errors.Keys));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }
        var person = LtiSession.Person;
        db.BarrierAnswers.Add(new BarrierAnswersEntity
        {
            Id = Guid.NewGuid().ToString("N"), PlatformId = person.PlatformId, DeploymentId = person.DeploymentId, UserId = person.UserId,
            At = time.GetUtcNow(), Answers = BarrierAnswersJson.Write(agreement, requests),
        });
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await recompute.TryRecomputeAsync(person, RecomputeCause.Evidence, ct);
        return Redirect($"/s/{LtiSession.Id}/development#indicators");
    }
}
