using System.Text.Json;
using LtiPD.Lti.Platforms;
using Microsoft.Extensions.Logging;

namespace LtiPD.Lti.Services.Nrps;

/// <summary>
/// Names and Role Provisioning Services 2.0 for the tool: the members of a context from its <c>context_memberships_url</c>
/// (the launch's namesroleservice claim), every page read. Answers with a <see cref="ServiceCallOutcome"/>; never retries.
/// </summary>
public sealed class NrpsClient(IHttpClientFactory httpClients, ServiceTokenClient tokens, TimeProvider time, ILogger<NrpsClient> logger)
{
    public const string HttpClientName = "lti-nrps";

    private static readonly string[] Scopes = [LtiScopes.ContextMembershipReadOnly];

    private readonly ServiceHttp _http = new(httpClients, HttpClientName, tokens, time, logger);

    public async Task<ServiceResult<Membership>> ListMembersAsync(
        PlatformRegistration platform, Uri contextMembershipsUrl, MembershipFilter? filter, CancellationToken ct)
    {
        var first = ServiceUrl.WithQuery(contextMembershipsUrl,
            ("role", filter?.Role),
            ("rlid", filter?.ResourceLinkId),
            ("limit", filter?.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        MembershipContext? context = null;
        var members = await _http.GetAllPagesAsync(platform, Scopes, first, NrpsMediaTypes.MembershipContainer, "membership container", body =>
        {
            var page = JsonSerializer.Deserialize(body, NrpsJsonContext.Default.MembershipPage)
                ?? throw new JsonException("the membership container is null");
            context ??= page.Context;
            return page.Members;
        }, ct);
        return members.IsSuccess
            ? new ServiceResult<Membership>(members.Outcome, new Membership(context, members.Value!))
            : members.Outcome;
    }
}
