using System.CommandLine;
using LtiPD.Lti.Keys;
using LtiPD.Web.Features.Platforms;
using LtiPD.Web.Features.Registration;

namespace LtiPD.Web.Hosting;

/// <summary>
/// Administration from the command line, on the same configuration and database as the service:
/// <c>platform add|list|remove</c>, <c>keys rotate</c>, <c>registration link</c> and <c>credential verify</c>. Exit codes: 0 done, 1 refused, 2 usage.
/// </summary>
public static class ToolCommands
{
    public static bool IsCommand(string[] args) => args is ["platform" or "keys" or "registration" or "credential", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var root = new RootCommand("LtiPD administration") { PlatformCommand(services, output), KeysCommand(services, output), RegistrationServices.Command(services, output),
            Features.Credentials.CredentialCommand.Create(services, output) };
        return await root.Parse(args).InvokeAsync();
    }

    private static Command PlatformCommand(IServiceProvider services, TextWriter output)
    {
        var issuer = new Option<string>("--issuer") { Description = "The platform's issuer (Moodle: site URL; Canvas: https://canvas.instructure.com)", Required = true };
        var clientId = new Option<string>("--client-id") { Description = "The client id the platform issued for this tool", Required = true };
        var authUrl = new Option<string>("--auth-url") { Description = "OIDC authentication request URL", Required = true };
        var tokenUrl = new Option<string>("--token-url") { Description = "OAuth2 access token URL", Required = true };
        var jwksUrl = new Option<string>("--jwks-url") { Description = "The platform's public keyset URL", Required = true };
        var deploymentIds = new Option<string[]>("--deployment-id") { Description = "A deployment id (repeat for several)", Required = true, AllowMultipleArgumentsPerToken = false };
        var name = new Option<string?>("--name") { Description = "A display name" };

        var add = new Command("add", "Register a platform, or add deployment ids to an existing registration")
            { issuer, clientId, authUrl, tokenUrl, jwksUrl, deploymentIds, name };
        add.SetAction(async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var input = new PlatformInput(parse.GetValue(issuer)!, parse.GetValue(clientId)!, parse.GetValue(authUrl)!,
                parse.GetValue(tokenUrl)!, parse.GetValue(jwksUrl)!, parse.GetValue(deploymentIds) ?? [], parse.GetValue(name));
            var errors = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>().AddAsync(input, ct);
            foreach (var e in errors)
                await output.WriteLineAsync($"--{e.Field}: {e.Message} [{e.Code}]");
            if (errors.Count > 0)
                return 1;
            await output.WriteLineAsync($"Registered {input.Issuer} (client id {input.ClientId}) with deployments {string.Join(", ", input.DeploymentIds)}.");
            return 0;
        });

        var list = new Command("list", "List registered platforms");
        list.SetAction(async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var platforms = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>().ListAsync(ct);
            if (platforms.Count == 0)
                await output.WriteLineAsync("No platform is registered yet. Add one with: platform add --issuer ... (see README).");
            foreach (var p in platforms)
                await output.WriteLineAsync($"{p.Issuer}\tclient_id={p.ClientId}\tdeployments={string.Join(",", p.DeploymentIds)}\tauth={p.AuthUrl}\ttoken={p.TokenUrl}\tjwks={p.JwksUrl}");
            return 0;
        });

        var removeIssuer = new Option<string>("--issuer") { Required = true, Description = "The platform's issuer" };
        var removeClientId = new Option<string>("--client-id") { Required = true, Description = "The client id" };
        var remove = new Command("remove", "Remove a platform registration, its deployments and its sessions") { removeIssuer, removeClientId };
        remove.SetAction(async (parse, ct) =>
        {
            await using var scope = services.CreateAsyncScope();
            var removed = await scope.ServiceProvider.GetRequiredService<PlatformCatalog>()
                .RemoveAsync(parse.GetValue(removeIssuer)!, parse.GetValue(removeClientId)!, ct);
            await output.WriteLineAsync(removed ? "Removed." : "No such registration.");
            return removed ? 0 : 1;
        });

        return new Command("platform", "Manage platform registrations") { add, list, remove };
    }

    private static Command KeysCommand(IServiceProvider services, TextWriter output)
    {
        var rotate = new Command("rotate", "Publish a new tool signing key now; the previous one stays published for the overlap period");
        rotate.SetAction(async (parse, ct) =>
        {
            var kid = await services.GetRequiredService<ToolKeyRing>().RotateAsync(ct);
            await output.WriteLineAsync($"New signing key {kid} is published.");
            return 0;
        });
        return new Command("keys", "Manage the tool's signing keys") { rotate };
    }
}
