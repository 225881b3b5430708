namespace LtiPD.Web.Features.Feedback;

public static class FeedbackServices
{
    /// <summary>The answers teachers give after a module and the per-module satisfaction read from them.</summary>
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<FeedbackOptions>().BindConfiguration(FeedbackOptions.Section)
            .Validate(o => o.MinimumGroup >= FeedbackOptions.SmallestGroup,
                $"Feedback:MinimumGroup must be at least {FeedbackOptions.SmallestGroup}: in a smaller group a designer could tell whose answers they read.")
            .ValidateOnStart();
        builder.Services.AddScoped<FeedbackAnswers>();
        builder.Services.AddScoped<ModuleSatisfaction>();
        return builder;
    }
}
