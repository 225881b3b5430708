namespace LtiPD.Web.Features.DeepLinking;

public static class DeepLinkingServices
{
    /// <summary>
    /// The picker's access to the launch behind a deep-linking session (the response builder comes with the LTI services), and
    /// the record of what it attached to each course.
    /// </summary>
    public static WebApplicationBuilder AddDeepLinking(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<DeepLinkingRequests>();
        builder.Services.AddScoped<AttachedItems>();
        return builder;
    }
}
