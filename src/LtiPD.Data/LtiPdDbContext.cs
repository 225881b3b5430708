using LtiPD.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LtiPD.Data;

public sealed class LtiPdDbContext(DbContextOptions<LtiPdDbContext> options) : DbContext(options)
{
    public DbSet<PlatformEntity> Platforms => Set<PlatformEntity>();
    public DbSet<DeploymentEntity> Deployments => Set<DeploymentEntity>();
    public DbSet<UsedNonceEntity> UsedNonces => Set<UsedNonceEntity>();
    public DbSet<PendingLoginEntity> PendingLogins => Set<PendingLoginEntity>();
    public DbSet<LaunchSessionEntity> LaunchSessions => Set<LaunchSessionEntity>();
    public DbSet<ToolKeyEntity> ToolKeys => Set<ToolKeyEntity>();
    public DbSet<DataProtectionKeyEntity> DataProtectionKeys => Set<DataProtectionKeyEntity>();
    public DbSet<FrameworkEntity> Frameworks => Set<FrameworkEntity>();
    public DbSet<InstrumentEntity> Instruments => Set<InstrumentEntity>();
    public DbSet<AttemptEntity> Attempts => Set<AttemptEntity>();
    public DbSet<ResponseEntity> Responses => Set<ResponseEntity>();
    public DbSet<PeerInvitationEntity> PeerInvitations => Set<PeerInvitationEntity>();
    public DbSet<GradeDeliveryEntity> GradeDeliveries => Set<GradeDeliveryEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LtiPdDbContext).Assembly);

    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    /// <summary>
    /// A DateTimeOffset as this provider stores it, for the few hand-written statements on the launch path:
    /// on SQLite the value of <see cref="DateTimeOffsetToBinaryConverter"/> (see <see cref="ConfigureConventions"/>),
    /// elsewhere the value itself.
    /// </summary>
    public object StoreValue(DateTimeOffset value) => Database.IsSqlite() ? SqliteTime.ConvertToProvider(value)! : value;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type and EF cannot compare or order DateTimeOffset stored as text there;
        // as a 64-bit integer it sorts and compares correctly. PostgreSQL keeps timestamptz.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }
}
