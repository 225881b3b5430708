using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRunEntity>
{
    /// <summary>The filter of the index that allows one open run (Planning, Running, Finishing) per job; same SQL on both providers.</summary>
    public const string OpenRunFilter = "\"State\" IN (0, 1, 2)";

    public void Configure(EntityTypeBuilder<JobRunEntity> b)
    {
        b.ToTable("job_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Job).HasMaxLength(64);
        b.Property(r => r.Error).HasMaxLength(4000);
        b.Property(r => r.Node).HasMaxLength(200);
        b.Property(r => r.LeaseOwner).HasMaxLength(200);
        // Two nodes triggered at once both try to open a run: the index lets one win, the other joins it.
        b.HasIndex(r => r.Job).IsUnique().HasFilter(OpenRunFilter).HasDatabaseName("IX_job_runs_Job_open");
        b.HasIndex(r => new { r.Job, r.StartedAt });
    }
}

internal sealed class JobBatchConfiguration : IEntityTypeConfiguration<JobBatchEntity>
{
    public void Configure(EntityTypeBuilder<JobBatchEntity> b)
    {
        b.ToTable("job_batches");
        b.HasKey(x => new { x.RunId, x.Index });
        b.Property(x => x.LeaseOwner).HasMaxLength(200);
        b.HasOne<JobRunEntity>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
