using System.CommandLine;
using LtiPD.Web.Hosting;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Registration;

public static class RegistrationServices
{
    public static WebApplicationBuilder AddRegistration(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RegistrationOptions>().BindConfiguration(RegistrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<RegistrationLinks>();
        return builder;
    }

    /// <summary>The address an LMS administrator pastes into the LMS as the tool's registration URL.</summary>
    public static Uri LinkUrl(ToolUrls urls, string secret) => new(urls.BaseUrl, "lti/register/" + secret);

    /// <summary>
    /// <c>registration link [--expires 24h] [--label TEXT]</c>: creates a one-time link and prints its URL alone on the last
    /// line, so a script can take it with <c>tail -n 1</c>.
    /// </summary>
    public static Command Command(IServiceProvider services, TextWriter output)
    {
        var expires = new Option<string?>("--expires") { Description = "How long the link works: 90m, 24h, 7d (default: Registration:DefaultLinkLifetime, 24h)" };
        var label = new Option<string?>("--label") { Description = "Who the link is for, shown in the admin list (e.g. 'Moodle of the Faculty of Physics')" };
        var link = new Command("link", "Create a one-time Dynamic Registration link for an LMS administrator") { expires, label };
        link.SetAction(async (parse, ct) =>
        {
            var options = services.GetRequiredService<IOptions<RegistrationOptions>>().Value;
            var lifetime = options.DefaultLinkLifetime;
            if (parse.GetValue(expires) is { } text)
            {
                if (RegistrationLinks.ParseLifetime(text) is not { } parsed || parsed > options.MaxLinkLifetime)
                {
                    await output.WriteLineAsync($"--expires: '{text}' is not a lifetime between 1m and {options.MaxLinkLifetime.TotalDays:0} days (write 90m, 24h or 7d). [lifetime_invalid]");
                    return 2;
                }
                lifetime = parsed;
            }
            await using var scope = services.CreateAsyncScope();
            var created = await scope.ServiceProvider.GetRequiredService<RegistrationLinks>().CreateAsync(parse.GetValue(label), lifetime, ct);
            var url = LinkUrl(new ToolUrls(BaseUrl(services)), created.Secret);
            await output.WriteLineAsync($"Registration link {created.Link.Id}{(created.Link.Label is { } l ? $" ({l})" : "")}, works once, until {created.Link.ExpiresAt:yyyy-MM-dd HH:mm} UTC.");
            await output.WriteLineAsync("Paste it into the LMS as the tool's registration URL (Moodle: Manage tools > Tool URL; Canvas: Developer keys > LTI Registration):");
            await output.WriteLineAsync(url.AbsoluteUri);
            return 0;
        });
        return new Command("registration", "Dynamic Registration links") { link };
    }

    /// <summary>The public base URL; without one (Development), the address the service listens on.</summary>
    private static Uri BaseUrl(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<ToolOptions>>().Value.PublicBaseUrl;
        var listening = services.GetRequiredService<IConfiguration>()["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var address = !string.IsNullOrEmpty(configured) ? configured : listening ?? "http://127.0.0.1:5080";
        return new Uri(address.TrimEnd('/') + "/");
    }
}
