using System.CommandLine;
using System.Globalization;
using LtiPD.Web.Hosting;
using LtiPD.Web.Features.Lti;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Credentials;

/// <summary>
/// <c>credential verify FILE [--lang en|ru|kk]</c>: the verifier page's checks from the command line, one line per check in
/// the chosen language. Exit codes: 0 verified, 1 refused, 2 usage (a missing, empty or oversized file).
/// </summary>
public static class CredentialCommand
{
    public static Command Create(IServiceProvider services, TextWriter output)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The credential's .jwt file" };
        var language = new Option<string>("--lang") { Description = "The language of the report: en, ru or kk", DefaultValueFactory = _ => "en" };
        var verify = new Command("verify", "Verify an Open Badges 3.0 credential: signature, structure, validity and status") { file, language };
        verify.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists || path.Length is 0 or > CredentialVerifier.MaxBytes)
            {
                await output.WriteLineAsync($"{path.FullName}: not a file of 1 byte to {CredentialVerifier.MaxBytes / 1024} KB. [credential_file]");
                return 2;
            }

            await using var scope = services.CreateAsyncScope();
            var culture = LaunchSessions.CultureFor(parse.GetValue(language));
            CultureInfo.CurrentUICulture = culture;
            var text = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
            var result = await scope.ServiceProvider.GetRequiredService<CredentialVerifier>()
                .VerifyAsync(await File.ReadAllTextAsync(path.FullName, ct), UrlsOf(services), ct);
            foreach (var check in result.Checks)
                await output.WriteLineAsync($"{text[$"Verify.Check.{check.Name}"]}: {text[$"Verify.Outcome.{check.Outcome}"]}. {text[$"Verify.{check.Code}", check.Args]} [{check.Code}]");
            await output.WriteLineAsync(result.Verified ? text["Verify.Verified"] : text["Verify.NotVerified"]);
            return result.Verified ? 0 : 1;
        });
        return new Command("credential", "Open Badges 3.0 credentials") { verify };
    }

    /// <summary>
    /// The tool's own addresses from Tool:PublicBaseUrl. Without it (Development) no credential is recognised as the tool's
    /// own: its keys are then fetched from the kid URL like another issuer's, which works while the service runs.
    /// </summary>
    private static CredentialUrls UrlsOf(IServiceProvider services)
    {
        var configured = services.GetRequiredService<IOptions<ToolOptions>>().Value.PublicBaseUrl;
        return new CredentialUrls(new Uri(string.IsNullOrEmpty(configured) ? "https://unconfigured.invalid/" : configured.TrimEnd('/') + "/"));
    }
}
