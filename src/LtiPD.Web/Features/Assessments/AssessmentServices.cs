namespace LtiPD.Web.Features.Assessments;

public static class AssessmentServices
{
    /// <summary>The instrument catalog (compiled scoring plans, shared), attempts, results and peer feedback (per request).</summary>
    public static WebApplicationBuilder AddAssessments(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AssessmentCatalog>();
        builder.Services.AddScoped<Attempts>();
        builder.Services.AddScoped<TeacherResults>();
        builder.Services.AddScoped<ResultRecords>();
        builder.Services.AddScoped<ResultViews>();
        builder.Services.AddScoped<Peers.PeerFeedback>();
        return builder;
    }
}
