using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Login;

/// <summary>
/// Keeps a started login in its own state value, so that beginning a login writes nothing and finishing one reads nothing:
/// the state is <c>{id}.{sealed}</c>, where <c>sealed</c> is the login (its id, nonce, issuer, client id, storage target
/// and expiry) encrypted and authenticated with the tool's Data Protection key ring, which every node shares (it lives in
/// the database unless configured otherwise). The platform treats the state as opaque and returns it unchanged (Security
/// Framework 1.0 §5.1.1.2, OIDC Core §3.1.2.1), and nobody but the tool can read or forge one.
/// <para>
/// A state is single-use without a record of its own: it names exactly one nonce, a launch is accepted only with an
/// id_token carrying that nonce, and <see cref="Validation.INonceStore"/> accepts a nonce once across all nodes. The random
/// <c>id</c> (256 bits) keeps every state distinct where the tool keys something by it: the per-login cookie and the
/// platform-storage key.
/// </para>
/// </summary>
public sealed class PendingLogins(IDataProtectionProvider dataProtection)
{
    /// <summary>Far above any state this tool issues (about 300 characters); anything longer is refused unread.</summary>
    public const int MaxStateLength = 2048;

    private const byte Version = 1;

    private readonly IDataProtector _protector = dataProtection.CreateProtector("LtiPD.Lti.PendingLogin");

    /// <summary>A new login to send to the platform: a fresh nonce, and the state that carries the rest.</summary>
    public PendingLogin Begin(string issuer, string clientId, string? storageTarget, DateTimeOffset expiresAt)
    {
        var id = LoginService.NewOpaqueValue();
        var nonce = LoginService.NewOpaqueValue();
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(id);
            writer.Write(nonce);
            writer.Write(issuer);
            writer.Write(clientId);
            writer.Write(storageTarget is not null);
            writer.Write(storageTarget ?? "");
            writer.Write(expiresAt.UtcTicks);
        }
        var state = id + "." + Base64UrlEncoder.Encode(_protector.Protect(buffer.ToArray()));
        return new PendingLogin(state, nonce, issuer, clientId, storageTarget, expiresAt);
    }

    /// <summary>
    /// The login <paramref name="state"/> was issued for, expired or not (the caller tells the user which); null when this
    /// tool did not issue it: malformed, altered, or sealed with a key this tool does not have.
    /// </summary>
    public PendingLogin? Find(string state)
    {
        var dot = state.IndexOf('.');
        if (state.Length > MaxStateLength || dot <= 0)
            return null;
        try
        {
            using var reader = new BinaryReader(new MemoryStream(_protector.Unprotect(Base64UrlEncoder.DecodeBytes(state[(dot + 1)..]))), Encoding.UTF8);
            if (reader.ReadByte() != Version)
                return null;
            var id = reader.ReadString();
            var nonce = reader.ReadString();
            var issuer = reader.ReadString();
            var clientId = reader.ReadString();
            var hasTarget = reader.ReadBoolean();
            var target = reader.ReadString();
            var expiresAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            // The id outside must be the one sealed inside: a sealed part under another id would be a second state for one login.
            return string.Equals(id, state[..dot], StringComparison.Ordinal)
                ? new PendingLogin(state, nonce, issuer, clientId, hasTarget ? target : null, expiresAt)
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or EndOfStreamException or ArgumentException)
        {
            return null;
        }
    }
}
