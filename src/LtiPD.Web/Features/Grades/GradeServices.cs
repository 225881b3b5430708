namespace LtiPD.Web.Features.Grades;

public static class GradeServices
{
    /// <summary>The grade outbox (per request) and its dispatcher (one per node), with options checked on start.</summary>
    public static WebApplicationBuilder AddGrades(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<GradeDeliveryOptions>().BindConfiguration(GradeDeliveryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<GradeOutbox>();
        builder.Services.AddScoped<GradebookResults>();
        builder.Services.AddSingleton<GradeSignal>();
        builder.Services.AddSingleton<GradeDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<GradeDispatcher>());
        return builder;
    }
}
