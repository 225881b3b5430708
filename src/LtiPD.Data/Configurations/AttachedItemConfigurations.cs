using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class AttachedItemConfiguration : IEntityTypeConfiguration<AttachedItemEntity>
{
    public void Configure(EntityTypeBuilder<AttachedItemEntity> b)
    {
        b.ToTable("attached_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).HasMaxLength(64);
        b.Property(i => i.DeploymentId).HasMaxLength(255);
        b.Property(i => i.ContextId).HasMaxLength(255);
        b.Property(i => i.ResourceCode).HasMaxLength(100);
        b.Property(i => i.Title).HasMaxLength(255);
        b.Property(i => i.LineItemTag).HasMaxLength(255);
        b.Property(i => i.LineItemResourceId).HasMaxLength(255);
        b.Property(i => i.SignedBy).HasMaxLength(255);
        b.Property(i => i.SignedByName).HasMaxLength(500);
        b.Property(i => i.LaunchedResourceLinkId).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(i => i.PlatformId).OnDelete(DeleteBehavior.Cascade);
        // The course page lists a course's items, and a linked launch marks them launched by course and code.
        b.HasIndex(i => new { i.PlatformId, i.DeploymentId, i.ContextId, i.ResourceCode }).HasDatabaseName("IX_attached_items_course");
    }
}
