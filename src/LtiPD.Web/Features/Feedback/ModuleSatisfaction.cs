using LtiPD.Data;
using LtiPD.Domain.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Feedback;

/// <summary>One teacher's own answers about one module they completed in one course, for planning that teacher's route.</summary>
public sealed record TeacherModuleSatisfaction(
    string? ContextId, string ProgrammeCode, string ModuleCode, int Useful, int Relevant, int Recommend, DateTimeOffset AnsweredAt)
{
    /// <summary>The mean of the three ratings (1–5).</summary>
    public double Mean => (Useful + Relevant + Recommend) / 3.0;
}

/// <summary>
/// The read side of the feedback loop: per-module satisfaction of a course (for its designers), of the whole institution (for
/// administrators), and of one teacher (for route planning, which has no web session). Group figures go through
/// <see cref="ModuleFeedbackSummary.Of"/>, so no caller, page or job, can see a group smaller than
/// <see cref="FeedbackOptions.MinimumGroup"/>; a teacher's own answers are theirs and are not suppressed.
/// </summary>
public sealed class ModuleSatisfaction(LtiPdDbContext db, IOptions<FeedbackOptions> options)
{
    private sealed record Row(string ProgrammeCode, string ModuleCode, FeedbackAnswer Answer);

    /// <summary>Per module, the answers of the people who completed it in this course; modules nobody answered about are left out.</summary>
    public async Task<IReadOnlyList<ModuleFeedbackSummary>> ForCourseAsync(CourseScope course, CancellationToken ct)
    {
        if (!course.IsCourse)
            return [];
        return Summarise(await RowsAsync(c => c.PlatformId == course.PlatformId && c.DeploymentId == course.DeploymentId && c.ContextId == course.ContextId, ct));
    }

    /// <summary>Per module, every answer the tool holds: all platforms and courses of the institution that runs it.</summary>
    public async Task<IReadOnlyList<ModuleFeedbackSummary>> ForInstitutionAsync(CancellationToken ct) =>
        Summarise(await RowsAsync(_ => true, ct));

    /// <summary>The teacher's own answers in every course of their deployment, newest first.</summary>
    public async Task<IReadOnlyList<TeacherModuleSatisfaction>> ForTeacherAsync(PersonScope person, CancellationToken ct)
    {
        var rows = await (
            from f in db.ModuleFeedback.AsNoTracking()
            join c in db.ModuleCompletions.AsNoTracking() on f.CompletionId equals c.Id
            where c.PlatformId == person.PlatformId && c.DeploymentId == person.DeploymentId && c.UserId == person.UserId
            select new TeacherModuleSatisfaction(c.ContextId, c.ProgrammeCode, c.ModuleCode, f.Useful, f.Relevant, f.Recommend, f.AnsweredAt))
            .ToListAsync(ct);
        return rows.OrderByDescending(r => r.AnsweredAt).ToList();
    }

    /// <summary>The summary of a module nobody (or too few) answered about: suppressed, like any small group.</summary>
    public ModuleFeedbackSummary None(string programmeCode, string moduleCode) =>
        ModuleFeedbackSummary.Of(programmeCode, moduleCode, [], options.Value.MinimumGroup);

    public int MinimumGroup => options.Value.MinimumGroup;

    private async Task<List<Row>> RowsAsync(System.Linq.Expressions.Expression<Func<Data.Entities.ModuleCompletionEntity, bool>> scope, CancellationToken ct) =>
        await (
            from f in db.ModuleFeedback.AsNoTracking()
            join c in db.ModuleCompletions.AsNoTracking().Where(scope) on f.CompletionId equals c.Id
            select new Row(c.ProgrammeCode, c.ModuleCode, new FeedbackAnswer(f.Useful, f.Relevant, f.Recommend, f.Comment)))
            .ToListAsync(ct);

    private List<ModuleFeedbackSummary> Summarise(List<Row> rows) =>
        rows.GroupBy(r => (r.ProgrammeCode, r.ModuleCode))
            .Select(g => ModuleFeedbackSummary.Of(g.Key.ProgrammeCode, g.Key.ModuleCode, g.Select(r => r.Answer).ToList(), options.Value.MinimumGroup))
            .OrderBy(s => s.ProgrammeCode, StringComparer.Ordinal).ThenBy(s => s.ModuleCode, StringComparer.Ordinal)
            .ToList();
}
