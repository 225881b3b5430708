namespace LtiPD.Web.Features.Cohort;

public static class CohortServices
{
    /// <summary>What course designers see of their course: attempts to review and the reliability of its scales.</summary>
    public static WebApplicationBuilder AddCohort(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CourseAttempts>();
        builder.Services.AddScoped<CourseReliability>();
        return builder;
    }
}
