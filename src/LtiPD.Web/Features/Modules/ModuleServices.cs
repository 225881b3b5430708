namespace LtiPD.Web.Features.Modules;

public static class ModuleServices
{
    /// <summary>The programme catalogue (parsed once, shared) and a teacher's module evidence (per request).</summary>
    public static WebApplicationBuilder AddModules(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProgrammeCatalog>();
        builder.Services.AddScoped<ModuleEvidence>();
        return builder;
    }
}
