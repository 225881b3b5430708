using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<ProgrammeEntity>
{
    public void Configure(EntityTypeBuilder<ProgrammeEntity> b)
    {
        b.ToTable("programmes");
        b.HasKey(p => p.Id);
        b.Property(p => p.Code).HasMaxLength(100);
        b.Property(p => p.FrameworkCode).HasMaxLength(100);
        // Codes stay unique across owners: links, completions, credentials' achievements and the administrators' views name a
        // programme and its modules by code alone (see ProgrammeLibrary for why a platform's codes are not a namespace of their own).
        b.HasIndex(p => new { p.Code, p.Version }).IsUnique();
        // A platform's own programmes go with the platform, as its courses' completions do.
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(p => p.OwnerPlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ModuleCompletionConfiguration : IEntityTypeConfiguration<ModuleCompletionEntity>
{
    public void Configure(EntityTypeBuilder<ModuleCompletionEntity> b)
    {
        b.ToTable("module_completions");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(64);
        b.Property(c => c.DeploymentId).HasMaxLength(255);
        b.Property(c => c.ContextId).HasMaxLength(255);
        b.Property(c => c.ResourceLinkId).HasMaxLength(255);
        b.Property(c => c.UserId).HasMaxLength(255);
        b.Property(c => c.UserName).HasMaxLength(500);
        b.Property(c => c.ProgrammeCode).HasMaxLength(100);
        b.Property(c => c.ModuleCode).HasMaxLength(100);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(c => c.PlatformId).OnDelete(DeleteBehavior.Cascade);
        // One completion per person, course and module: two tabs completing at once cannot both insert, so there is one grade
        // per course. Rows are written only with a course: unique indexes treat NULLs as distinct on both providers.
        b.HasIndex(c => new { c.PlatformId, c.DeploymentId, c.ContextId, c.UserId, c.ProgrammeCode, c.ModuleCode }).IsUnique().HasDatabaseName("IX_module_completions_member");
        // A person's completions across courses (the nightly job reads them per batch of people).
        b.HasIndex(c => new { c.PlatformId, c.DeploymentId, c.UserId }).HasDatabaseName("IX_module_completions_person");
    }
}
