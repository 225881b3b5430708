using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Development;
using LtiPD.Domain.Programmes;
using LtiPD.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Development;

/// <summary>
/// What a teacher states once about their career (issue 11, "Career stages"): years of university teaching, position, training
/// stage (seed 001), preferred study form and pace. The stage model turns the years into a career stage, which chooses the target
/// profile their route closes the gaps to.
/// </summary>
public sealed class SituationModel(LtiPdDbContext db, DevelopmentRecompute recompute, DevelopmentText text, TimeProvider time) : SessionPageModel
{
    public const int MaxYears = 60;
    public const int MaxPositionLength = 200;
    public const int MaxHoursPerWeek = 40;
    public const string Invalid = "situation_invalid";

    [BindProperty] public int? YearsTeaching { get; set; }
    [BindProperty] public string? Position { get; set; }
    [BindProperty] public TrainingStage Training { get; set; } = TrainingStage.ProfessionalDevelopment;
    [BindProperty] public StudyForm? PreferredForm { get; set; }
    [BindProperty] public int? HoursPerWeek { get; set; }

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);
    public DevelopmentText Text => text;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (await FindAsync(ct) is { } s)
        {
            YearsTeaching = s.YearsTeaching;
            Position = s.Position;
            Training = (TrainingStage)s.Training;
            PreferredForm = s.PreferredForm is { } f ? (StudyForm)f : null;
            HoursPerWeek = s.HoursPerWeek;
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Model binding leaves a field it cannot read at its default and records why; the page says which field, not .NET's words.
        foreach (var (key, entry) in ModelState)
        {
            if (entry.Errors.Count > 0)
                Errors[key] = text["Dev.FieldInvalid"];
        }
        if (YearsTeaching is null)
            Errors[nameof(YearsTeaching)] = text["Dev.YearsRequired"];
        else if (YearsTeaching is < 0 or > MaxYears)
            Errors[nameof(YearsTeaching)] = text["Dev.YearsRange", MaxYears];
        Position = string.IsNullOrWhiteSpace(Position) ? null : Position.Trim();
        if (Position is { Length: > MaxPositionLength })
            Errors[nameof(Position)] = text["Dev.PositionLength", MaxPositionLength];
        if (!Enum.IsDefined(Training))
            Errors[nameof(Training)] = text["Dev.FieldInvalid"];
        if (PreferredForm is { } form && !Enum.IsDefined(form))
            Errors[nameof(PreferredForm)] = text["Dev.FieldInvalid"];
        if (HoursPerWeek is < 1 or > MaxHoursPerWeek)
            Errors[nameof(HoursPerWeek)] = text["Dev.HoursRange", MaxHoursPerWeek];
        if (Errors.Count > 0)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<SituationModel>>()
                .LogInformation("Situation form refused for user {UserId}: {Fields}", LtiSession.UserId, string.Join(", ", Errors.Keys));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Page();
        }

        var person = LtiSession.Person;
        var row = await db.TeacherSituations.FirstOrDefaultAsync(s => s.PlatformId == person.PlatformId && s.DeploymentId == person.DeploymentId && s.UserId == person.UserId, ct);
        if (row is null)
        {
            row = new TeacherSituationEntity { PlatformId = person.PlatformId, DeploymentId = person.DeploymentId, UserId = person.UserId };
            db.TeacherSituations.Add(row);
        }
        row.YearsTeaching = YearsTeaching;
        row.Position = Position;
        row.Training = (int)Training;
        row.PreferredForm = PreferredForm is { } f ? (int)f : null;
        row.HoursPerWeek = HoursPerWeek;
        row.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await recompute.TryRecomputeAsync(person, RecomputeCause.Choice, ct);
        return Redirect($"/s/{LtiSession.Id}/development");
    }

    private Task<TeacherSituationEntity?> FindAsync(CancellationToken ct)
    {
        var person = LtiSession.Person;
        return db.TeacherSituations.AsNoTracking()
            .FirstOrDefaultAsync(s => s.PlatformId == person.PlatformId && s.DeploymentId == person.DeploymentId && s.UserId == person.UserId, ct);
    }
}
