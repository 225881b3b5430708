using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class FrameworkConfiguration : IEntityTypeConfiguration<FrameworkEntity>
{
    public void Configure(EntityTypeBuilder<FrameworkEntity> b)
    {
        b.ToTable("frameworks");
        b.HasKey(f => f.Id);
        b.Property(f => f.Code).HasMaxLength(100);
        b.Property(f => f.Version).HasMaxLength(50);
        b.HasIndex(f => new { f.Code, f.Version }).IsUnique();
    }
}

internal sealed class InstrumentConfiguration : IEntityTypeConfiguration<InstrumentEntity>
{
    public void Configure(EntityTypeBuilder<InstrumentEntity> b)
    {
        b.ToTable("instruments");
        b.HasKey(i => i.Id);
        b.Property(i => i.Code).HasMaxLength(100);
        b.Property(i => i.FrameworkCode).HasMaxLength(100);
        b.HasIndex(i => new { i.Code, i.Version }).IsUnique();
    }
}

internal sealed class AttemptConfiguration : IEntityTypeConfiguration<AttemptEntity>
{
    public void Configure(EntityTypeBuilder<AttemptEntity> b)
    {
        b.ToTable("attempts");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).HasMaxLength(64);
        b.Property(a => a.DeploymentId).HasMaxLength(255);
        b.Property(a => a.ContextId).HasMaxLength(255);
        b.Property(a => a.ResourceLinkId).HasMaxLength(255);
        b.Property(a => a.UserId).HasMaxLength(255);
        b.Property(a => a.UserName).HasMaxLength(500);
        b.Property(a => a.InstrumentCode).HasMaxLength(100);
        b.Property(a => a.SubjectUserId).HasMaxLength(255);
        b.Property(a => a.ModuleCode).HasMaxLength(100);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(a => a.Responses).WithOne().HasForeignKey(r => r.AttemptId).OnDelete(DeleteBehavior.Cascade);
        // A person's own attempts, and a course's attempts for the designer's views.
        b.HasIndex(a => new { a.PlatformId, a.DeploymentId, a.UserId, a.InstrumentCode }).HasDatabaseName("IX_attempts_owner");
        b.HasIndex(a => new { a.PlatformId, a.DeploymentId, a.ContextId, a.InstrumentCode }).HasDatabaseName("IX_attempts_context");
        // Colleagues' ratings of a person (peer feedback), read for every batch of the nightly job: without it each batch scanned
        // every attempt of the deployment. Only ratings are in it: were one's own attempts (no subject) in it too, SQLite would
        // pick it for "SubjectUserId IS NULL" and scan them all instead of using IX_attempts_owner.
        b.HasIndex(a => new { a.PlatformId, a.DeploymentId, a.SubjectUserId }).HasDatabaseName("IX_attempts_subject").HasFilter("\"SubjectUserId\" IS NOT NULL");
        // What changed since the last nightly run: without it the plan read every attempt, records and all.
        b.HasIndex(a => a.UpdatedAt).HasDatabaseName("IX_attempts_updated");
    }
}

internal sealed class ResponseConfiguration : IEntityTypeConfiguration<ResponseEntity>
{
    public void Configure(EntityTypeBuilder<ResponseEntity> b)
    {
        b.ToTable("responses");
        b.HasKey(r => new { r.AttemptId, r.ItemCode });
        b.Property(r => r.AttemptId).HasMaxLength(64);
        b.Property(r => r.ItemCode).HasMaxLength(100);
        b.Property(r => r.SelectedOptions).HasMaxLength(2000);
        b.Property(r => r.FileName).HasMaxLength(255);
        b.Property(r => r.FileContentType).HasMaxLength(100);
        b.Property(r => r.RubricPoints).HasMaxLength(2000);
        b.Property(r => r.ScoredBy).HasMaxLength(255);
    }
}

internal sealed class PeerInvitationConfiguration : IEntityTypeConfiguration<PeerInvitationEntity>
{
    public void Configure(EntityTypeBuilder<PeerInvitationEntity> b)
    {
        b.ToTable("peer_invitations");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasMaxLength(64);
        b.Property(p => p.DeploymentId).HasMaxLength(255);
        b.Property(p => p.ContextId).HasMaxLength(255);
        b.Property(p => p.SubjectUserId).HasMaxLength(255);
        b.Property(p => p.SubjectName).HasMaxLength(500);
        b.Property(p => p.PeerUserId).HasMaxLength(255);
        b.Property(p => p.PeerName).HasMaxLength(500);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(p => p.PlatformId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(p => new { p.PlatformId, p.DeploymentId, p.ContextId, p.SubjectUserId, p.PeerUserId }).IsUnique().HasDatabaseName("IX_peer_invitations_pair");
        b.HasIndex(p => new { p.PlatformId, p.DeploymentId, p.PeerUserId }).HasDatabaseName("IX_peer_invitations_peer");
    }
}

internal sealed class GradeDeliveryConfiguration : IEntityTypeConfiguration<GradeDeliveryEntity>
{
    public void Configure(EntityTypeBuilder<GradeDeliveryEntity> b)
    {
        b.ToTable("grade_deliveries");
        // One row per graded thing: an attempt, or a module completion (both ids are opaque 256-bit values from the same
        // generator). A re-score updates the row, so nothing can have two grades on their way.
        b.HasKey(g => g.AttemptId);
        b.Property(g => g.AttemptId).HasMaxLength(64);
        b.Property(g => g.DeploymentId).HasMaxLength(255);
        b.Property(g => g.ContextId).HasMaxLength(255);
        b.Property(g => g.LineItemsUrl).HasMaxLength(2000);
        b.Property(g => g.LineItemUrl).HasMaxLength(2000);
        b.Property(g => g.ResourceLinkId).HasMaxLength(255);
        b.Property(g => g.ResourceId).HasMaxLength(100);
        b.Property(g => g.Label).HasMaxLength(500);
        b.Property(g => g.UserId).HasMaxLength(255);
        b.Property(g => g.UserName).HasMaxLength(500);
        b.Property(g => g.LastError).HasMaxLength(2000);
        b.Property(g => g.LineItemMustExist).HasDefaultValue(false);
        b.Property(g => g.Comment).HasMaxLength(AttemptReviewEntity.CommentMaxLength);
        // Tied to the platform rather than the attempt, since a module completion's grade has no attempt; rows still go when
        // their platform is removed, as attempts and completions do.
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(g => g.PlatformId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's poll (due pending rows) and the designers' list of one course.
        b.HasIndex(g => new { g.Status, g.NextAttemptAt }).HasDatabaseName("IX_grade_deliveries_due");
        b.HasIndex(g => new { g.PlatformId, g.DeploymentId, g.ContextId, g.Status }).HasDatabaseName("IX_grade_deliveries_context");
    }
}

internal sealed class AttemptReviewConfiguration : IEntityTypeConfiguration<AttemptReviewEntity>
{
    public void Configure(EntityTypeBuilder<AttemptReviewEntity> b)
    {
        b.ToTable("attempt_reviews");
        b.HasKey(r => r.AttemptId);
        b.Property(r => r.AttemptId).HasMaxLength(64);
        b.Property(r => r.Comment).HasMaxLength(AttemptReviewEntity.CommentMaxLength);
        b.Property(r => r.ReviewedBy).HasMaxLength(255);
        // The review goes with its attempt.
        b.HasOne<AttemptEntity>().WithOne().HasForeignKey<AttemptReviewEntity>(r => r.AttemptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CourseGradeSettingsConfiguration : IEntityTypeConfiguration<CourseGradeSettingsEntity>
{
    public void Configure(EntityTypeBuilder<CourseGradeSettingsEntity> b)
    {
        b.ToTable("course_grade_settings");
        // One row per course; a course without a row has every setting off.
        b.HasKey(s => new { s.PlatformId, s.DeploymentId, s.ContextId });
        b.Property(s => s.DeploymentId).HasMaxLength(255);
        b.Property(s => s.ContextId).HasMaxLength(255);
        b.Property(s => s.ChangedBy).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(s => s.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}
