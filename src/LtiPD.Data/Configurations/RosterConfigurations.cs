using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LtiPD.Data.Configurations;

internal sealed class CourseRosterConfiguration : IEntityTypeConfiguration<CourseRosterEntity>
{
    public void Configure(EntityTypeBuilder<CourseRosterEntity> b)
    {
        b.ToTable("course_rosters");
        b.HasKey(r => new { r.PlatformId, r.MembershipsUrl, r.Role });
        b.Property(r => r.MembershipsUrl).HasMaxLength(CourseRosterEntity.MembershipsUrlMaxLength);
        b.Property(r => r.Role).HasMaxLength(255);
        b.HasOne<PlatformEntity>().WithMany().HasForeignKey(r => r.PlatformId).OnDelete(DeleteBehavior.Cascade);
    }
}
