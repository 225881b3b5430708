using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class CredentialConfiguration : IEntityTypeConfiguration<CredentialEntity>
{
    public void Configure(EntityTypeBuilder<CredentialEntity> b)
    {
        b.ToTable("credentials");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).HasMaxLength(64);
        b.Property(c => c.DeploymentId).HasMaxLength(255);
        b.Property(c => c.ContextId).HasMaxLength(255);
        b.Property(c => c.UserId).HasMaxLength(255);
        b.Property(c => c.UserName).HasMaxLength(500);
        b.Property(c => c.AchievementKey).HasMaxLength(201);
        b.Property(c => c.Title).HasMaxLength(500);
        b.Property(c => c.RevokedReason).HasMaxLength(500);
        b.Property(c => c.RevokedBy).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(c => c.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.PlatformId, c.DeploymentId, c.UserId, c.AchievementKey }).IsUnique().HasDatabaseName("IX_credentials_owner");
        // A bit of the published status list belongs to one credential only.
        b.HasIndex(c => new { c.StatusList, c.StatusIndex }).IsUnique().HasDatabaseName("IX_credentials_status");
        b.HasIndex(c => new { c.PlatformId, c.DeploymentId, c.ContextId }).HasDatabaseName("IX_credentials_course");
    }
}

internal sealed class CredentialKeyConfiguration : IEntityTypeConfiguration<CredentialKeyEntity>
{
    public void Configure(EntityTypeBuilder<CredentialKeyEntity> b)
    {
        b.ToTable("credential_keys");
        b.HasKey(k => k.Kid);
        b.Property(k => k.Kid).HasMaxLength(64);
    }
}
