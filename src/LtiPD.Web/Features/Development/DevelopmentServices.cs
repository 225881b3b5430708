using LtiPD.Web.Features.Jobs;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Development;

public static class DevelopmentServices
{
    /// <summary>Issue 11: the profile history, the recompute of trajectories, routes and indicators, aggregates and the nightly job.</summary>
    public static WebApplicationBuilder AddDevelopment(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DevelopmentOptions>().BindConfiguration(DevelopmentOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DevelopmentOptions>, DevelopmentOptionsValidation>();
        builder.Services.AddSingleton<TargetProfiles>();
        builder.Services.AddScoped<DevelopmentText>();
        builder.Services.AddScoped<ProfileHistory>();
        builder.Services.AddScoped<DevelopmentRecompute>();
        builder.Services.AddScoped<DevelopmentAggregation>();
        builder.Services.AddScoped<DevelopmentAggregates>();
        builder.Services.AddBatchedJob<NightlyDevelopmentJob>();
        return builder;
    }

    private sealed class DevelopmentOptionsValidation : IValidateOptions<DevelopmentOptions>
    {
        public ValidateOptionsResult Validate(string? name, DevelopmentOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
