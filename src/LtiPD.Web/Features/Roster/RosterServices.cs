using LtiPD.Web.Features.Jobs;

namespace LtiPD.Web.Features.Roster;

public static class RosterServices
{
    /// <summary>Course rosters: the NRPS cache (one per node), its per-request reader and the rosters job, with options checked on start.</summary>
    public static WebApplicationBuilder AddRoster(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RosterOptions>().BindConfiguration(RosterOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<RosterCache>();
        builder.Services.AddScoped<CourseRoster>();
        builder.Services.AddBatchedJob<RosterRefreshJob>();
        return builder;
    }
}
