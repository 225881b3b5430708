using System.Reflection;
using LtiPD.Data;
using LtiPD.Lti;
using LtiPD.Web.Features.Admin;
using LtiPD.Web.Features.Lti;
using LtiPD.Web.Features.Platforms;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Hosting;

/// <summary>One Add… per area, so Program.cs reads as the list of what the tool is made of.</summary>
public static class ToolServices
{
    public static WebApplicationBuilder AddToolOptions(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ToolOptions>().BindConfiguration(ToolOptions.Section).ValidateDataAnnotations()
            // Behind a proxy the request's own Host and scheme are not what the LMS registered; outside Development every
            // announced URL comes from this setting, never from the request.
            .Validate(o => builder.Environment.IsDevelopment() || !string.IsNullOrEmpty(o.PublicBaseUrl),
                "Tool:PublicBaseUrl must be set outside the Development environment to the https address LMSs and browsers use, e.g. https://ltipd.example.edu.")
            .ValidateOnStart();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section)
            .PostConfigure(o => o.Secret = AdminSecret.ForEnvironment(o.Secret, builder.Environment))
            .Validate(o => o.Secret is { Length: >= 16 },
                "Admin:Secret must be set to at least 16 characters outside the Development environment (it opens the admin pages).")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplicationBuilder AddLaunchServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddLtiProtocol();
        builder.Services.AddScoped<LaunchSessions>();
        builder.Services.AddSingleton<RecentSessions>();
        builder.Services.AddScoped<PlatformCatalog>();
        return builder;
    }

    public static WebApplicationBuilder AddToolPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        // Russian and Kazakh text is written as characters, not as numeric entities.
        builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures([.. LaunchSessions.SupportedCultures]).AddSupportedUICultures([.. LaunchSessions.SupportedCultures]);
            // A launch's locale first; outside a launch the reader's own choice (admin and public pages), then the browser's.
            o.RequestCultureProviders = [new SessionCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        builder.Services.AddRazorPages(o =>
        {
            o.RootDirectory = "/Features";
            o.Conventions.AddPageRoute("/Lti/Launch", "lti/deeplink");
            o.Conventions.AuthorizeFolder("/Admin", AdminAccess.Policy);
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            // The simulator's launch page exists only in Development; elsewhere its route is removed.
            if (!builder.Environment.IsDevelopment())
                o.Conventions.AddFolderRouteModelConvention("/Dev", model => model.Selectors.Clear());
        });
        // Framing is governed by CSP frame-ancestors: the tool must render inside LMS iframes, so the
        // antiforgery default of X-Frame-Options: SAMEORIGIN would break every embedded launch.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        builder.Services.AddSingleton<Microsoft.AspNetCore.Mvc.Razor.ITagHelperInitializer<Microsoft.AspNetCore.Mvc.TagHelpers.FormTagHelper>,
            Features.Shared.SessionFormsWithoutAntiforgery>();
        builder.Services.AddSingleton<AdminAccess>();
        builder.Services.AddScoped<FrameworksLibrary>();
        builder.Services.AddSingleton<CaseUris>();
        builder.Services.AddAuthentication(AdminAccess.Scheme).AddCookie(AdminAccess.Scheme, AdminAccess.Configure);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminAccess.Policy, p => p.AddAuthenticationSchemes(AdminAccess.Scheme).RequireRole("admin"));
        builder.Services.AddHealthChecks().AddDbContextCheck<LtiPdDbContext>();
        return builder;
    }

    /// <summary>Pages, stylesheet and script are embedded in the assembly, so the tool runs from any folder.</summary>
    public static WebApplication UseToolPipeline(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        app.UseToolErrorHandling();
        app.UseSecurityHeaders();
        app.UseRequestLocalization();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = "/static",
            FileProvider = new EmbeddedFileProvider(Assembly.GetExecutingAssembly(), "LtiPD.Web.wwwroot"),
        });
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapToolEndpoints(this WebApplication app)
    {
        app.MapGet("/", () => TypedResults.Redirect("/admin"));
        // Browsers ask for /favicon.ico on their own; the icon is the embedded SVG the pages link to.
        app.MapGet("/favicon.ico", () => TypedResults.Redirect("/static/favicon.svg", permanent: true));
        app.MapLtiEndpoints();
        Features.Credentials.CredentialServices.MapCredentialEndpoints(app);
        Features.Admin.CaseUris.MapCaseUris(app);
        Features.Shared.LanguageSwitch.MapLanguageSwitch(app);
        app.MapRazorPages().WithRateLimits();
        app.MapHealthChecks("/health");
        return app;
    }
}

/// <summary>In Development an empty admin secret is replaced by a random one, printed at start.</summary>
public static class AdminSecret
{
    public static string? Generated { get; private set; }

    public static string? ForEnvironment(string? configured, IHostEnvironment environment)
    {
        if (!string.IsNullOrEmpty(configured) || !environment.IsDevelopment())
            return configured;
        return Generated ??= Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));
    }
}
