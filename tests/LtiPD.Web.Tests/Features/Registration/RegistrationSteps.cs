using LtiPD.Web.Features.Registration;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LtiPD.Web.Tests.Features.Registration;

public static class RegistrationSteps
{
    /// <summary>A one-time registration link's secret, as an administrator would create it on /admin.</summary>
    public static async Task<string> CreateLinkAsync(ToolFactory tool, string? label = "test LMS")
    {
        await using var scope = tool.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RegistrationLinks>().CreateAsync(label, TimeSpan.FromHours(1), CancellationToken.None)).Secret;
    }
}
