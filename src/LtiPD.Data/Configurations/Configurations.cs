using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<PlatformEntity>
{
    public void Configure(EntityTypeBuilder<PlatformEntity> b)
    {
        b.ToTable("platforms");
        b.Property(p => p.Issuer).HasMaxLength(500);
        b.Property(p => p.ClientId).HasMaxLength(255);
        b.Property(p => p.Name).HasMaxLength(200);
        b.Property(p => p.AuthUrl).HasMaxLength(2000);
        b.Property(p => p.TokenUrl).HasMaxLength(2000);
        b.Property(p => p.JwksUrl).HasMaxLength(2000);
        b.HasIndex(p => new { p.Issuer, p.ClientId }).IsUnique();
        b.HasMany(p => p.Deployments).WithOne().HasForeignKey(d => d.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeploymentConfiguration : IEntityTypeConfiguration<DeploymentEntity>
{
    public void Configure(EntityTypeBuilder<DeploymentEntity> b)
    {
        b.ToTable("deployments");
        b.Property(d => d.DeploymentId).HasMaxLength(255);
        b.HasIndex(d => new { d.PlatformId, d.DeploymentId }).IsUnique();
    }
}

internal sealed class UsedNonceConfiguration : IEntityTypeConfiguration<UsedNonceEntity>
{
    public void Configure(EntityTypeBuilder<UsedNonceEntity> b)
    {
        b.ToTable("used_nonces");
        b.HasKey(n => new { n.Issuer, n.Value });
        b.Property(n => n.Issuer).HasMaxLength(500);
        b.Property(n => n.Value).HasMaxLength(255);
        b.HasIndex(n => n.KeepUntil);
    }
}

internal sealed class LaunchSessionConfiguration : IEntityTypeConfiguration<LaunchSessionEntity>
{
    public void Configure(EntityTypeBuilder<LaunchSessionEntity> b)
    {
        b.ToTable("launch_sessions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).HasMaxLength(64);
        b.Property(s => s.DeploymentId).HasMaxLength(255);
        b.Property(s => s.ContextId).HasMaxLength(255);
        b.Property(s => s.ResourceLinkId).HasMaxLength(255);
        b.Property(s => s.UserId).HasMaxLength(255);
        b.Property(s => s.Roles).HasMaxLength(4000);
        b.Property(s => s.MessageType).HasMaxLength(64);
        b.Property(s => s.Locale).HasMaxLength(35);
        b.Property(s => s.DisplayName).HasMaxLength(500);
        b.Property(s => s.ContextTitle).HasMaxLength(500);
        b.Property(s => s.PendingState).HasMaxLength(LtiPD.Lti.Login.PendingLogins.MaxStateLength); // a whole state, until platform storage confirms it
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class ToolKeyConfiguration : IEntityTypeConfiguration<ToolKeyEntity>
{
    public void Configure(EntityTypeBuilder<ToolKeyEntity> b)
    {
        b.ToTable("tool_keys");
        b.HasKey(k => k.Kid);
        b.Property(k => k.Kid).HasMaxLength(64);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKeyEntity>
{
    public void Configure(EntityTypeBuilder<DataProtectionKeyEntity> b)
    {
        b.ToTable("data_protection_keys");
        b.Property(k => k.FriendlyName).HasMaxLength(200);
    }
}

internal sealed class RegistrationLinkConfiguration : IEntityTypeConfiguration<RegistrationLinkEntity>
{
    public void Configure(EntityTypeBuilder<RegistrationLinkEntity> b)
    {
        b.ToTable("registration_links");
        b.Property(l => l.Id).HasMaxLength(32);
        b.Property(l => l.SecretHash).HasMaxLength(64);
        b.Property(l => l.Label).HasMaxLength(200);
        b.Property(l => l.UsedByIssuer).HasMaxLength(500);
        b.Property(l => l.UsedByClientId).HasMaxLength(255);
        b.Property(l => l.UsedByDeploymentId).HasMaxLength(255);
        b.HasIndex(l => l.SecretHash).IsUnique();
    }
}
