using LtiPD.Data;
using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Feedback;

/// <summary>
/// A teacher's own answers about a module, read and written by the completion they follow. The caller has found that
/// completion through the person's own scope (<see cref="Modules.ModuleEvidence.CompletionsOf"/>), so nobody reaches another's
/// answers by a completion id.
/// </summary>
public sealed class FeedbackAnswers(LtiPdDbContext db, TimeProvider time)
{
    public Task<ModuleFeedbackEntity?> OwnAsync(ModuleCompletionEntity completion, CancellationToken ct) =>
        db.ModuleFeedback.AsNoTracking().SingleOrDefaultAsync(f => f.CompletionId == completion.Id, ct);

    /// <summary>Records the answers, replacing earlier ones: a teacher may change their mind, and one answer per completion counts.</summary>
    public async Task SaveAsync(ModuleCompletionEntity completion, FeedbackAnswer answer, CancellationToken ct)
    {
        for (var tries = 0; ; tries++)
        {
            var row = await db.ModuleFeedback.SingleOrDefaultAsync(f => f.CompletionId == completion.Id, ct);
            if (row is null)
            {
                row = new ModuleFeedbackEntity { CompletionId = completion.Id };
                db.ModuleFeedback.Add(row);
            }
            (row.Useful, row.Relevant, row.Recommend, row.Comment, row.AnsweredAt) =
                (answer.Useful, answer.Relevant, answer.Recommend, answer.Comment, time.GetUtcNow());
            try
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                return;
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e) && tries == 0)
            {
                // Another tab inserted the first answer between the read and the insert: this one replaces it.
                db.ChangeTracker.Clear();
            }
        }
    }
}
