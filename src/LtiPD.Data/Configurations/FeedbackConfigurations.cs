using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class ModuleFeedbackConfiguration : IEntityTypeConfiguration<ModuleFeedbackEntity>
{
    public void Configure(EntityTypeBuilder<ModuleFeedbackEntity> b)
    {
        b.ToTable("module_feedback");
        // One answer per completion: the key is the completion, so a second answer from another tab updates the first.
        b.HasKey(f => f.CompletionId);
        b.Property(f => f.CompletionId).HasMaxLength(64);
        b.Property(f => f.Comment).HasMaxLength(ModuleFeedbackEntity.CommentMaxLength);
        b.HasOne<ModuleCompletionEntity>().WithOne().HasForeignKey<ModuleFeedbackEntity>(f => f.CompletionId).OnDelete(DeleteBehavior.Cascade);
    }
}
