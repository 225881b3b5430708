using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class TeacherSituationConfiguration : IEntityTypeConfiguration<TeacherSituationEntity>
{
    public void Configure(EntityTypeBuilder<TeacherSituationEntity> b)
    {
        b.ToTable("teacher_situations");
        b.HasKey(s => new { s.PlatformId, s.DeploymentId, s.UserId });
        b.Property(s => s.DeploymentId).HasMaxLength(255);
        b.Property(s => s.UserId).HasMaxLength(255);
        b.Property(s => s.Position).HasMaxLength(200);
        b.Property(s => s.Department).HasMaxLength(200);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => new { s.PlatformId, s.UpdatedAt });
    }
}

internal sealed class ProfilePointSetConfiguration : IEntityTypeConfiguration<ProfilePointSetEntity>
{
    public void Configure(EntityTypeBuilder<ProfilePointSetEntity> b)
    {
        b.ToTable("profile_point_sets");
        b.HasKey(p => new { p.PlatformId, p.DeploymentId, p.UserId, p.AttemptId, p.Stage });
        b.Property(p => p.DeploymentId).HasMaxLength(255);
        b.Property(p => p.UserId).HasMaxLength(255);
        b.Property(p => p.AttemptId).HasMaxLength(64);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(p => p.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BarrierAnswersConfiguration : IEntityTypeConfiguration<BarrierAnswersEntity>
{
    public void Configure(EntityTypeBuilder<BarrierAnswersEntity> b)
    {
        b.ToTable("barrier_answers");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasMaxLength(64);
        b.Property(a => a.DeploymentId).HasMaxLength(255);
        b.Property(a => a.UserId).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.PlatformId, a.DeploymentId, a.UserId, a.At }).HasDatabaseName("IX_barrier_answers_person");
        b.HasIndex(a => new { a.PlatformId, a.At });
    }
}

internal sealed class RouteChoicesConfiguration : IEntityTypeConfiguration<RouteChoicesEntity>
{
    public void Configure(EntityTypeBuilder<RouteChoicesEntity> b)
    {
        b.ToTable("route_choices");
        b.HasKey(c => new { c.PlatformId, c.DeploymentId, c.UserId, c.ProgrammeCode });
        b.Property(c => c.DeploymentId).HasMaxLength(255);
        b.Property(c => c.UserId).HasMaxLength(255);
        b.Property(c => c.ProgrammeCode).HasMaxLength(100);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(c => c.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.PlatformId, c.UpdatedAt });
    }
}

internal sealed class RouteHistoryConfiguration : IEntityTypeConfiguration<RouteHistoryEntity>
{
    public void Configure(EntityTypeBuilder<RouteHistoryEntity> b)
    {
        b.ToTable("route_history");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).HasMaxLength(64);
        b.Property(h => h.DeploymentId).HasMaxLength(255);
        b.Property(h => h.UserId).HasMaxLength(255);
        b.Property(h => h.ProgrammeCode).HasMaxLength(100);
        b.Property(h => h.Fingerprint).HasMaxLength(64);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(h => h.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(h => new { h.PlatformId, h.DeploymentId, h.UserId, h.ProgrammeCode, h.At }).HasDatabaseName("IX_route_history_person");
    }
}

internal sealed class TeacherDevelopmentConfiguration : IEntityTypeConfiguration<TeacherDevelopmentEntity>
{
    public void Configure(EntityTypeBuilder<TeacherDevelopmentEntity> b)
    {
        b.ToTable("teacher_development");
        b.HasKey(d => new { d.PlatformId, d.DeploymentId, d.UserId });
        b.Property(d => d.DeploymentId).HasMaxLength(255);
        b.Property(d => d.UserId).HasMaxLength(255);
        b.Property(d => d.Department).HasMaxLength(200);
        b.Property(d => d.Fingerprint).HasMaxLength(64);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(d => d.PlatformId).OnDelete(DeleteBehavior.Cascade);
        // Results older than the full-rebuild interval, planned by every nightly run: the column is stored after the snapshot, so a
        // scan would read every snapshot.
        b.HasIndex(d => d.ComputedAt).HasDatabaseName("IX_teacher_development_computed");
    }
}

internal sealed class DevelopmentFoldConfiguration : IEntityTypeConfiguration<DevelopmentFoldEntity>
{
    public void Configure(EntityTypeBuilder<DevelopmentFoldEntity> b)
    {
        b.ToTable("development_folds");
        b.HasKey(f => new { f.PlatformId, f.DeploymentId, f.UserId });
        b.Property(f => f.DeploymentId).HasMaxLength(255);
        b.Property(f => f.UserId).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(f => f.PlatformId).OnDelete(DeleteBehavior.Cascade);
        // Each fold reads the pending teachers of a platform, and whether any is of unknown state.
        b.HasIndex(f => new { f.PlatformId, f.State }).HasDatabaseName("IX_development_folds_state");
    }
}

internal sealed class DevelopmentAggregateConfiguration : IEntityTypeConfiguration<DevelopmentAggregateEntity>
{
    public void Configure(EntityTypeBuilder<DevelopmentAggregateEntity> b)
    {
        b.ToTable("development_aggregates");
        b.HasKey(a => new { a.PlatformId, a.GroupKind, a.GroupValue, a.Month });
        b.Property(a => a.GroupValue).HasMaxLength(255);
        b.Property(a => a.Month).HasMaxLength(7);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TargetProfilesConfiguration : IEntityTypeConfiguration<TargetProfilesEntity>
{
    public void Configure(EntityTypeBuilder<TargetProfilesEntity> b)
    {
        b.ToTable("target_profiles");
        b.HasKey(t => new { t.PlatformId, t.ProgrammeCode });
        b.Property(t => t.ProgrammeCode).HasMaxLength(100);
        b.Property(t => t.ImportedBy).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(t => t.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}
