using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Lti.Keys;

/// <summary>A tool signing key as stored: the private key as PKCS#8 bytes (the store protects them at rest).</summary>
public sealed record StoredToolKey(string Kid, byte[] PrivateKeyPkcs8, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt);

public interface IToolKeyStore
{
    Task<IReadOnlyList<StoredToolKey>> LoadAsync(CancellationToken ct);

    /// <summary>Adds <paramref name="key"/> and marks every other active key retired at its creation time, atomically.</summary>
    Task AddAndRetireOthersAsync(StoredToolKey key, CancellationToken ct);

    Task DeleteRetiredBeforeAsync(DateTimeOffset cutoff, CancellationToken ct);
}

/// <summary>
/// The tool's own RSA keys (Security Framework 1.0 §6): the newest active key signs; it and every key
/// retired less than the overlap period ago are published at the JWKS URL, so platforms that cached
/// the previous key keep verifying during a rotation. Loaded keys are cached and reloaded periodically
/// so a rotation made on another node (or by the command line) is seen here too.
/// </summary>
/// <summary>A published tool key as an administrator sees it: never its private part.</summary>
public sealed record PublishedToolKey(string Kid, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, DateTimeOffset? UnpublishedAt)
{
    public bool IsCurrent => RetiredAt is null;
}

public sealed class ToolKeyRing(IToolKeyStore store, TimeProvider time, IOptions<LtiOptions> options, ILogger<ToolKeyRing> logger)
{
    private static readonly TimeSpan ReloadEvery = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile KeyRingSnapshot? _snapshot;

    /// <summary>Creates the first key when there is none, so a fresh install publishes a JWKS at once.</summary>
    public async Task EnsureKeyAsync(CancellationToken ct)
    {
        var snapshot = await GetSnapshotAsync(ct);
        if (snapshot.Current is null)
            await RotateAsync(ct);
    }

    /// <summary>Publishes a new signing key at once; the previous one stays published for the overlap period.</summary>
    public async Task<string> RotateAsync(CancellationToken ct)
    {
        using var rsa = RSA.Create(2048);
        var now = time.GetUtcNow();
        var kid = $"{now:yyyyMMddHHmmss}-{Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(6))}";
        await store.AddAndRetireOthersAsync(new StoredToolKey(kid, rsa.ExportPkcs8PrivateKey(), now, null), ct);
        await store.DeleteRetiredBeforeAsync(now - Overlap, ct);
        logger.LogInformation("Tool key {Kid} created; earlier keys stay published for {Overlap}", kid, Overlap);
        _snapshot = null;
        return kid;
    }

    /// <summary>Credentials for signing with the current key.</summary>
    public async ValueTask<SigningCredentials> GetSigningCredentialsAsync(CancellationToken ct)
    {
        var snapshot = await GetSnapshotAsync(ct);
        if (snapshot.Current is null)
        {
            await EnsureKeyAsync(ct);
            snapshot = await GetSnapshotAsync(ct);
        }
        return snapshot.Current!;
    }

    /// <summary>The JWKS document of every published key (RFC 7517 §5).</summary>
    public async ValueTask<string> GetJwksJsonAsync(CancellationToken ct) => (await GetSnapshotAsync(ct)).JwksJson;

    /// <summary>The keys in the JWKS, the signing one first, with when a retired one leaves it.</summary>
    public async ValueTask<IReadOnlyList<PublishedToolKey>> ListAsync(CancellationToken ct) => (await GetSnapshotAsync(ct)).Published;

    private TimeSpan Overlap => TimeSpan.FromDays(options.Value.KeyOverlapDays);

    private async ValueTask<KeyRingSnapshot> GetSnapshotAsync(CancellationToken ct)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < ReloadEvery)
            return snapshot;
        await _gate.WaitAsync(ct);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < ReloadEvery)
                return snapshot;
            snapshot = Build(await store.LoadAsync(ct));
            _snapshot = snapshot;
            return snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private KeyRingSnapshot Build(IReadOnlyList<StoredToolKey> stored)
    {
        var now = time.GetUtcNow();
        var published = stored
            .Where(k => k.RetiredAt is null || now - k.RetiredAt < Overlap)
            .OrderBy(k => k.RetiredAt is null ? 0 : 1)
            .ThenByDescending(k => k.CreatedAt)
            .ToList();

        SigningCredentials? current = null;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("keys");
            foreach (var key in published)
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(key.PrivateKeyPkcs8, out _);
                var parameters = rsa.ExportParameters(includePrivateParameters: false);
                if (key.RetiredAt is null && current is null)
                    current = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = key.Kid }, SecurityAlgorithms.RsaSha256);
                else
                    rsa.Dispose();

                json.WriteStartObject();
                json.WriteString("kty", "RSA");
                json.WriteString("kid", key.Kid);
                json.WriteString("use", "sig");
                json.WriteString("alg", "RS256");
                json.WriteString("e", Base64UrlEncoder.Encode(parameters.Exponent));
                json.WriteString("n", Base64UrlEncoder.Encode(parameters.Modulus));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        var listed = published.ConvertAll(k => new PublishedToolKey(k.Kid, k.CreatedAt, k.RetiredAt, k.RetiredAt + Overlap));
        return new KeyRingSnapshot(current, System.Text.Encoding.UTF8.GetString(buffer.ToArray()), listed, now);
    }

    private sealed record KeyRingSnapshot(SigningCredentials? Current, string JwksJson, IReadOnlyList<PublishedToolKey> Published, DateTimeOffset LoadedAt);
}
