using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LtiPD.Lti.Http;

/// <summary>
/// The one policy for every HttpClient that calls a URL a platform, a launch claim or a configuration supplied (JWKS, token,
/// AGS, NRPS, Dynamic Registration). Such a URL is chosen by someone outside, so the tool must not become their way into
/// its own network (server-side request forgery), must not hand the platform's bearer token to a host the platform never
/// was, and must not let an answer exhaust its memory:
/// <list type="bullet">
/// <item>https only: a bearer token or a client assertion never travels in clear text. Plain http is allowed only to a loopback
/// address (where nothing is on the wire) and only with <see cref="OutboundHttpOptions.AllowLoopbackHttp"/>.</item>
/// <item>Outside Development, an address that is not public (loopback, private, link-local with the cloud metadata service,
/// unique-local, CGNAT, …) is refused unless the allow-list names the host or the address. The check is made at connect time
/// on the addresses actually connected to, so a name that resolves to a public address when checked and to 127.0.0.1 when
/// connected (DNS rebinding) gets nowhere.</item>
/// <item>No redirect is followed: a redirect would be a second URL nobody checked (and HttpClient would resend nothing but
/// the method, losing the request). A 3xx is a failure the callers classify.</item>
/// <item>Answers are capped at <see cref="OutboundHttpOptions.MaxResponseBytes"/>: a Content-Length over the cap is refused
/// before the body is read, a chunked body is cut off when it passes the cap.</item>
/// </list>
/// No proxy is used: through a proxy the connect-time check would see the proxy's address instead of the destination's.
/// </summary>
public sealed class OutboundHttpPolicy(IOptions<OutboundHttpOptions> options, IHostEnvironment? environment = null)
{
    private readonly Lazy<PrivateAddressAllowList> _allowList = new(() => new PrivateAddressAllowList(options.Value.PrivateAddressAllowList));

    /// <summary>In Development every resolvable address may be called (the scheme rule still holds).</summary>
    private readonly bool _anyAddress = environment?.IsDevelopment() == true;

    public long MaxResponseBytes => options.Value.MaxResponseBytes;

    /// <summary>
    /// A handler chain applying the policy: the checks and the size cap in front of a <see cref="SocketsHttpHandler"/> that
    /// connects through <see cref="ConnectAsync"/> and follows no redirect. <paramref name="responseHeaderEncoding"/> is the
    /// only thing a client may change in it.
    /// </summary>
    public HttpMessageHandler CreateHandler(HeaderEncodingSelector<HttpRequestMessage>? responseHeaderEncoding = null) =>
        new OutboundHandler(this)
        {
            InnerHandler = new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                UseCookies = false,
                // Bodies are counted as they arrive; decompressing them would let a small answer expand past the cap unseen.
                AutomaticDecompression = DecompressionMethods.None,
                ConnectCallback = ConnectAsync,
                ResponseHeaderEncodingSelector = responseHeaderEncoding,
            },
        };

    /// <summary>Refuses any scheme but https, and plain http unless it is allowed and aimed at a loopback address.</summary>
    public void CheckScheme(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme == Uri.UriSchemeHttps)
            return;
        if (url.Scheme != Uri.UriSchemeHttp)
            throw new OutboundRefusedException(OutboundRefusal.Scheme, $"The tool calls only https URLs, not {url.Scheme}: URLs.");
        if (!options.Value.AllowLoopbackHttp)
            throw new OutboundRefusedException(OutboundRefusal.Scheme,
                $"The tool calls only https URLs; plain http to {url.Host} is refused (Outbound:AllowLoopbackHttp is off).");
        // A name is judged by what it resolves to, at connect time; an address literal can be refused now.
        if (IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal) && !IPAddress.IsLoopback(AddressRanges.Normalize(literal)))
            throw new OutboundRefusedException(OutboundRefusal.Scheme, $"Plain http is allowed only to a loopback address, not to {url.Host}.");
    }

    /// <summary>
    /// Resolves the host, checks every address it resolves to, and connects to those checked addresses only, so what was
    /// checked is what is connected to. One refused address refuses the call: a name answering with a mix of public and
    /// private addresses is what a rebinding attack looks like.
    /// </summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var plainHttp = context.InitialRequestMessage.RequestUri?.Scheme == Uri.UriSchemeHttp;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.Length == 0)
            throw new SocketException((int)SocketError.HostNotFound);
        foreach (var address in addresses)
            Check(host, address, plainHttp);

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether <paramref name="host"/> may be connected to at <paramref name="address"/>; throws the refusal if not.</summary>
    public void Check(string host, IPAddress address, bool plainHttp)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(address);
        var normalized = AddressRanges.Normalize(address);
        if (plainHttp && !IPAddress.IsLoopback(normalized))
            throw new OutboundRefusedException(OutboundRefusal.Scheme,
                $"Plain http is allowed only to a loopback address; {host} resolves to {normalized}.");
        if (_anyAddress)
            return;
        var kind = AddressRanges.Classify(normalized);
        if (kind != AddressKind.Public && !_allowList.Value.Allows(host, address))
            throw new OutboundRefusedException(OutboundRefusal.Address, new StringBuilder()
                .Append(host).Append(" resolves to ").Append(normalized).Append(", a ").Append(kind)
                .Append(" address; the tool calls it only when Outbound:PrivateAddressAllowList names the host or the address.").ToString());
    }
}
