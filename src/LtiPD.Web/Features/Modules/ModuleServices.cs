namespace LtiPD.Web.Features.Modules;

public static class ModuleServices
{
    /// <summary>
    /// The programme catalogue (parsed once, shared), a teacher's module evidence, the stored programme versions (import, export),
    /// the import form both import pages read, and which courses use them (per request).
    /// </summary>
    public static WebApplicationBuilder AddModules(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProgrammeCatalog>();
        builder.Services.AddScoped<ModuleEvidence>();
        builder.Services.AddScoped<ProgrammeLibrary>();
        builder.Services.AddScoped<ProgrammeUpload>();
        builder.Services.AddScoped<ProgrammeUsage>();
        return builder;
    }
}
