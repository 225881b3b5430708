using System.Collections.Concurrent;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services;
using LtiPD.Lti.Services.Ags;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace LtiPD.Web.Features.Grades;

/// <summary>
/// Sends the grade outbox to the LMSs (AGS 2.0 §3.4). Each due row is claimed with a conditional update before it is sent,
/// so two nodes never send the same row at once; a row whose send was interrupted becomes due again when its claim lapses
/// (at least once). Transient failures are retried with exponential back-off and jitter, never sooner than the platform's
/// Retry-After; permanent refusals are kept with what failed (a code and the HTTP status, never the LMS's words, which go to
/// the log) and not retried. A circuit per platform stops a dead
/// LMS from taking the slots of the others.
/// </summary>
public sealed class GradeDispatcher(
    IServiceScopeFactory scopes, AgsClient ags, GradeSignal signal, IOptions<GradeDeliveryOptions> options, TimeProvider time,
    ILogger<GradeDispatcher> logger) : BackgroundService
{
    /// <summary>
    /// The outcome's detail when a grade that may not create its column finds none in the course; the row then becomes
    /// <see cref="DeliveryStatus.NoColumn"/>, a neutral state, not a failure.
    /// </summary>
    public const string NoColumn = "no_course_column";

    private readonly GradeDeliveryOptions _options = options.Value;
    private readonly ConcurrentDictionary<int, PlatformCircuit> _circuits = new();
    private readonly ConcurrentDictionary<(int Platform, string LineItems, string ResourceId), Uri> _lineItems = new();
    private readonly ConcurrentDictionary<(int Platform, string LineItems, string ResourceId), SemaphoreSlim> _lineItemLocks = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled)
            return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await RunOnceAsync(stoppingToken) >= _options.BatchSize;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Sending grades failed; will retry");
            }
            if (!full)
                await signal.WaitAsync(_options.PollInterval, stoppingToken);
        }
    }

    /// <summary>
    /// One round: a bounded batch of due rows, claimed together, the platforms in parallel, each with bounded concurrency, and
    /// what became of them written together. Two transactions per batch rather than two per row: on SQLite every commit
    /// takes the one write lock, so per-row writes, not the LMS, would set the pace. Returns the rows looked at.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var open = _circuits.Where(c => c.Value.IsOpen).Select(c => c.Key).ToList();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LtiPdDbContext>();
        var now = time.GetUtcNow();
        var due = await db.GradeDeliveries.AsNoTracking()
            .Where(g => g.Status == (int)DeliveryStatus.Pending && g.NextAttemptAt <= now && !open.Contains(g.PlatformId))
            // The longest-waiting grades first (the due index's order): a backlog larger than a batch is sent oldest first, and
            // EF no longer warns (event 10102) of a limit without an order when the query first runs.
            .OrderBy(g => g.NextAttemptAt).ThenBy(g => g.AttemptId)
            .Take(_options.BatchSize).ToListAsync(ct);
        if (due.Count == 0)
            return 0;
        var claimedAt = time.GetUtcNow();
        var claimed = await ClaimAsync(db, due, claimedAt, ct);
        // Rows wait their turn after the claim; one whose turn comes after half its lease is left to lapse, so a row is never
        // still on its way (a call, then the record) when its lease ends and another node may take it.
        var sendBy = claimedAt + _options.ClaimLease / 2;
        var platforms = await RegistrationsAsync(db, claimed.Select(r => r.PlatformId).Distinct().ToList(), ct);
        var outcomes = new ConcurrentQueue<(GradeDeliveryEntity Row, ServiceCallOutcome Outcome)>();
        try
        {
            await Task.WhenAll(claimed.GroupBy(g => g.PlatformId).Select(platform =>
                Parallel.ForEachAsync(platform, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrencyPerPlatform, CancellationToken = ct },
                    async (row, token) =>
                    {
                        if (time.GetUtcNow() <= sendBy && await DeliverAsync(platforms.GetValueOrDefault(row.PlatformId), row, token) is { } outcome)
                            outcomes.Enqueue((row, outcome));
                    })));
        }
        finally
        {
            // Also on shutdown: a grade the LMS took is marked sent now rather than sent again after the claim lapses.
            await RecordAsync(db, outcomes, CancellationToken.None);
        }
        return due.Count;
    }

    /// <summary>What the LMS said, or null when the call broke in a way that leaves the row to its lapsing claim.</summary>
    private async Task<ServiceCallOutcome?> DeliverAsync(PlatformRegistration? platform, GradeDeliveryEntity row, CancellationToken ct)
    {
        try
        {
            if (platform is null)
                return new ServiceCallOutcome(ServiceOutcomeKind.Permanent, Detail: DeliveryError.PlatformRemoved);
            var circuit = _circuits.GetOrAdd(row.PlatformId, _ => new PlatformCircuit(_options, time));
            return await circuit.ExecuteAsync(token => SendAsync(platform, row, token), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The claim lapses and the row becomes due again; the other rows of the batch go on.
            logger.LogWarning(e, "Sending the grade of attempt {AttemptId} failed", row.AttemptId);
            return null;
        }
    }

    /// <summary>
    /// Takes the rows for this node, each only while it is still pending, due, and holds the grade that was read (a re-score in
    /// between makes it a different row). Pushing NextAttemptAt past the claim lease keeps every other node off it. Each
    /// claim is its own conditional update, so a row another node took in between is simply not ours; one transaction
    /// holds them all, so the batch costs one commit.
    /// </summary>
    private async Task<List<GradeDeliveryEntity>> ClaimAsync(LtiPdDbContext db, List<GradeDeliveryEntity> due, DateTimeOffset now, CancellationToken ct)
    {
        var leaseEnd = now + _options.ClaimLease;
        var claimed = new List<GradeDeliveryEntity>(due.Count);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var row in due)
        {
            var updated = await db.GradeDeliveries
                .Where(g => g.AttemptId == row.AttemptId && g.Status == (int)DeliveryStatus.Pending && g.NextAttemptAt <= now && g.Timestamp == row.Timestamp)
                .ExecuteUpdateAsync(g => g.SetProperty(x => x.NextAttemptAt, leaseEnd).SetProperty(x => x.Tries, x => x.Tries + 1), ct);
            if (updated == 1)
            {
                row.Tries++;
                claimed.Add(row);
            }
        }
        await transaction.CommitAsync(ct);
        return claimed;
    }

    private async Task<ServiceCallOutcome> SendAsync(PlatformRegistration platform, GradeDeliveryEntity row, CancellationToken ct)
    {
        var outcome = await SendOnceAsync(platform, row, ct);
        // A 401 dropped the cached token; one more call with a fresh token tells a stale token from a real refusal.
        return outcome.Kind == ServiceOutcomeKind.TokenRejected ? await SendOnceAsync(platform, row, ct) : outcome;
    }

    private async Task<ServiceCallOutcome> SendOnceAsync(PlatformRegistration platform, GradeDeliveryEntity row, CancellationToken ct)
    {
        var lineItem = await LineItemAsync(platform, row, ct);
        if (!lineItem.IsSuccess)
            return lineItem.Outcome;
        return await ags.PostScoreAsync(platform, lineItem.Value!, ScoreFactory.Build(row, platform), ct);
    }

    /// <summary>
    /// The line item of the item's own link when the grade was earned in its launch (AGS 2.0 §3.2: the platform made it for that
    /// link); otherwise the item's own column, resourceId = item code and tag ltipd, found once per (platform, container,
    /// resourceId) and remembered, and created (AGS 2.0 §3.2.5) only where the course let LtiPD create columns.
    /// </summary>
    private async Task<ServiceResult<Uri>> LineItemAsync(PlatformRegistration platform, GradeDeliveryEntity row, CancellationToken ct)
    {
        if (row.LineItemUrl is { } own)
            return new ServiceResult<Uri>(ServiceCallOutcome.Succeeded(200), new Uri(own));
        var key = (row.PlatformId, row.LineItemsUrl!, row.ResourceId);
        if (_lineItems.TryGetValue(key, out var known))
            return new ServiceResult<Uri>(ServiceCallOutcome.Succeeded(200), known);
        // Two rows of the same instrument must not both create a column.
        var gate = _lineItemLocks.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            if (_lineItems.TryGetValue(key, out known))
                return new ServiceResult<Uri>(ServiceCallOutcome.Succeeded(200), known);
            var template = new LineItem
            {
                Label = row.Label,
                ScoreMaximum = row.ScoreMaximum,
                ResourceId = row.ResourceId,
                Tag = GradeOutbox.ColumnTag,
                // No resourceLinkId: the item's column belongs to the course, not to the link it happened to be taken from (a
                // column bound to the home link would be listed under that activity).
            };
            LineItem? item;
            ServiceCallOutcome outcome;
            if (row.LineItemMustExist)
            {
                var found = await ags.FindLineItemAsync(platform, new Uri(row.LineItemsUrl!), template, ct);
                if (!found.IsSuccess)
                    return found.Outcome;
                (item, outcome) = (found.Value, found.Outcome);
                if (item is null)
                    return new ServiceCallOutcome(ServiceOutcomeKind.Permanent, Detail: NoColumn);
            }
            else
            {
                var found = await ags.FindOrCreateLineItemAsync(platform, new Uri(row.LineItemsUrl!), template, ct);
                if (!found.IsSuccess)
                    return found.Outcome;
                (item, outcome) = (found.Value!.Item, found.Outcome);
            }
            if (item.Id is not { } id)
                return new ServiceCallOutcome(ServiceOutcomeKind.Permanent, outcome.Status, Failure: ServiceFailure.Unreadable,
                    Detail: "The platform returned a line item without an id.");
            _lineItems[key] = id;
            return new ServiceResult<Uri>(outcome, id);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Writes what each call ended in, in one transaction, each only if the row still holds the grade that was sent (a re-score
    /// made it due again).
    /// </summary>
    private async Task RecordAsync(
        LtiPdDbContext db, IReadOnlyCollection<(GradeDeliveryEntity Row, ServiceCallOutcome Outcome)> outcomes, CancellationToken ct)
    {
        if (outcomes.Count == 0)
            return;
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (row, outcome) in outcomes)
            await RecordAsync(db, row, outcome, now, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task RecordAsync(LtiPdDbContext db, GradeDeliveryEntity row, ServiceCallOutcome outcome, DateTimeOffset now, CancellationToken ct)
    {
        var mine = db.GradeDeliveries.Where(g => g.AttemptId == row.AttemptId && g.Status == (int)DeliveryStatus.Pending && g.Timestamp == row.Timestamp);
        switch (outcome.Kind)
        {
            case ServiceOutcomeKind.Succeeded or ServiceOutcomeKind.AlreadyNewer:
                // Moodle's 409: the gradebook holds a score at least as new as this one, so there is nothing left to send.
                await mine.ExecuteUpdateAsync(g => g
                    .SetProperty(x => x.Status, (int)DeliveryStatus.Sent)
                    .SetProperty(x => x.SentAt, now)
                    .SetProperty(x => x.LastError, (string?)null), ct);
                break;
            case ServiceOutcomeKind.Permanent when outcome.Detail == NoColumn:
                await mine.ExecuteUpdateAsync(g => g.SetProperty(x => x.Status, (int)DeliveryStatus.NoColumn).SetProperty(x => x.LastError, (string?)null), ct);
                break;
            case ServiceOutcomeKind.Permanent:
                var refusal = DeliveryError.Of(outcome);
                logger.LogWarning("The LMS refused the grade of attempt {AttemptId}: {Outcome}", row.AttemptId, outcome);
                await mine.ExecuteUpdateAsync(g => g.SetProperty(x => x.Status, (int)DeliveryStatus.Failed).SetProperty(x => x.LastError, refusal), ct);
                break;
            default:
                var next = now + Backoff(row.Tries, outcome.RetryAfter);
                var error = DeliveryError.Of(outcome);
                await mine.ExecuteUpdateAsync(g => g.SetProperty(x => x.NextAttemptAt, next).SetProperty(x => x.LastError, error), ct);
                break;
        }
    }

    /// <summary>
    /// Exponential back-off with "equal jitter" (half fixed, half random), so many rows failed at once do not come back at
    /// once; never sooner than the platform's Retry-After (RFC 9110 §10.2.3), even when that exceeds MaxBackoff.
    /// </summary>
    private TimeSpan Backoff(int tries, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(Math.Max(tries - 1, 0), 30);
        var ceiling = Math.Min(_options.BaseBackoff.TotalMilliseconds * Math.Pow(2, exponent), _options.MaxBackoff.TotalMilliseconds);
        var wait = TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
        return retryAfter is { } asked && asked > wait ? asked : wait;
    }

    /// <summary>The registrations of the batch's platforms; a platform deleted since its rows were written is missing.</summary>
    private static async Task<Dictionary<int, PlatformRegistration>> RegistrationsAsync(LtiPdDbContext db, List<int> platformIds, CancellationToken ct)
    {
        var platforms = await db.Platforms.AsNoTracking().Include(x => x.Deployments).Where(x => platformIds.Contains(x.Id)).ToListAsync(ct);
        return platforms.ToDictionary(p => p.Id, p => new PlatformRegistration(
            p.Issuer, p.ClientId, new Uri(p.AuthUrl), new Uri(p.TokenUrl), new Uri(p.JwksUrl), p.Deployments.ConvertAll(d => d.DeploymentId), p.Name)
        { RegistryKey = p.Id });
    }

    /// <summary>
    /// Polly's circuit breaker over one platform's calls. Only transient outcomes count as failures: a permanent refusal is
    /// the LMS working. FailureRatio 1 over a minimum throughput of N within the sampling window means at least N failures and
    /// no success in that window. The window is short on purpose: Polly counts every call in it, so a long one still holds the
    /// successes from before an LMS went down, and the circuit would not open until they aged out.
    /// </summary>
    private sealed class PlatformCircuit
    {
        private static readonly TimeSpan SamplingWindow = TimeSpan.FromSeconds(10);

        private readonly ResiliencePipeline<ServiceCallOutcome> _pipeline;
        private readonly TimeProvider _time;
        private long _openUntilTicks;

        public PlatformCircuit(GradeDeliveryOptions options, TimeProvider time)
        {
            _time = time;
            _pipeline = new ResiliencePipelineBuilder<ServiceCallOutcome> { TimeProvider = time }
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ServiceCallOutcome>
                {
                    FailureRatio = 1.0,
                    MinimumThroughput = options.CircuitFailures,
                    SamplingDuration = SamplingWindow,
                    BreakDuration = options.CircuitBreak,
                    OnOpened = args =>
                    {
                        Interlocked.Exchange(ref _openUntilTicks, (time.GetUtcNow() + args.BreakDuration).UtcTicks);
                        return ValueTask.CompletedTask;
                    },
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Outcome.Exception is not null || args.Outcome.Result?.Kind == ServiceOutcomeKind.Transient),
                })
                .Build();
        }

        /// <summary>
        /// Until the break has passed. Polly's own state stays Open until a call tries it, so keeping the platform's rows back
        /// while Polly says Open would keep them back for good; after the break they are fetched, and the first call is the trial.
        /// </summary>
        public bool IsOpen => _time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks);

        public async Task<ServiceCallOutcome> ExecuteAsync(Func<CancellationToken, Task<ServiceCallOutcome>> call, CancellationToken ct)
        {
            var context = ResilienceContextPool.Shared.Get(ct);
            Outcome<ServiceCallOutcome> outcome;
            try
            {
                outcome = await _pipeline.ExecuteOutcomeAsync(
                    async (context, state) => Outcome.FromResult(await state(context.CancellationToken)), context, call);
            }
            finally
            {
                ResilienceContextPool.Shared.Return(context);
            }
            if (outcome.Exception is BrokenCircuitException broken)
                return new ServiceCallOutcome(ServiceOutcomeKind.Transient, RetryAfter: broken.RetryAfter, Failure: ServiceFailure.Unavailable,
                    Detail: "The platform's circuit is open after repeated failures.");
            if (outcome.Exception is OperationCanceledException && ct.IsCancellationRequested)
                outcome.ThrowIfException();
            return outcome.Exception is { } e
                ? new ServiceCallOutcome(ServiceOutcomeKind.Transient, Detail: e.Message)
                : outcome.Result!;
        }
    }
}
