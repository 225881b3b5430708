using BenchmarkDotNet.Attributes;
using LtiPD.Lti;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Validation;
using LtiPD.PlatformSimulator;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace LtiPD.Benchmarks;

/// <summary>
/// id_token validation: our whole LTI check (signature, alg, kid, iss, aud/azp, timestamps, every LTI
/// claim, nonce) against JsonWebTokenHandler doing only its own JWT validation of the same token.
/// The nonce store here is in memory; the database insert is part of the full-launch benchmark.
/// </summary>
[MemoryDiagnoser]
public class IdTokenValidationBenchmarks
{
    private string _token = "";
    private IdTokenValidator _validator = null!;
    private readonly JsonWebTokenHandler _handler = new();
    private TokenValidationParameters _parameters = null!;

    // Synchronous on purpose: the in-process toolchain of BenchmarkDotNet 0.14 does not await an async setup.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var platform = new SimulatedPlatform(new SimulatorOptions { IdTokenLifetime = TimeSpan.FromHours(12) });
        platform.Attach(new Uri("https://lms.bench.example"));
        platform.Tool = BenchTool.Registration;
        var registration = new PlatformRegistration(platform.Issuer, platform.ClientId, platform.AuthUrl, platform.TokenUrl, platform.JwksUrl, [platform.DeploymentId]);
        _token = platform.SignIdToken(platform.DraftIdToken(platform.Teacher, "bench-nonce"));

        var options = Options.Create(new LtiOptions());
        var keys = new PlatformKeySetCache(new SingleHandlerFactory(new PlatformJwksHandler(platform)), TimeProvider.System, options, NullLogger<PlatformKeySetCache>.Instance);
        _validator = new IdTokenValidator(new OneRegistration(registration), keys, new AcceptingNonces(), TimeProvider.System, options, NullLogger<IdTokenValidator>.Instance);

        var key = await keys.FindKeyAsync(platform.JwksUrl, new JsonWebToken(_token).Kid, CancellationToken.None);
        _parameters = new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidIssuer = platform.Issuer,
            ValidAudience = platform.ClientId,
            ValidAlgorithms = IdTokenValidator.AllowedAlgorithms,
        };
        if ((await _validator.ValidateAsync(_token, CancellationToken.None)).Error is { } error)
            throw new InvalidOperationException("benchmark token is not valid: " + error);
        var baseline = await _handler.ValidateTokenAsync(_token, _parameters);
        if (!baseline.IsValid)
            throw new InvalidOperationException("benchmark token is not valid for JsonWebTokenHandler: " + baseline.Exception);
    }

    [Benchmark(Baseline = true, Description = "JsonWebTokenHandler.ValidateTokenAsync")]
    public async Task<bool> JsonWebTokenHandlerAlone() => (await _handler.ValidateTokenAsync(_token, _parameters)).IsValid;

    [Benchmark(Description = "IdTokenValidator.ValidateAsync (full LTI checks)")]
    public async Task<bool> LtiValidation() => (await _validator.ValidateAsync(_token, CancellationToken.None)).Launch is not null;

    private sealed class OneRegistration(PlatformRegistration registration) : IPlatformRegistry
    {
        private readonly IReadOnlyList<PlatformRegistration> _list = [registration];

        public Task<IReadOnlyList<PlatformRegistration>> FindByIssuerAsync(string issuer, CancellationToken ct) => Task.FromResult(_list);

        public Task<PlatformRegistration?> FindByKeyAsync(int registryKey, CancellationToken ct) => Task.FromResult<PlatformRegistration?>(_list[0]);
    }

    private sealed class AcceptingNonces : INonceStore
    {
        public Task<bool> TryUseAsync(string issuer, string nonce, DateTimeOffset keepUntil, CancellationToken ct) => Task.FromResult(true);
    }
}
