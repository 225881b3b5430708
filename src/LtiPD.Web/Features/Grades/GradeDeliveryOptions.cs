using System.ComponentModel.DataAnnotations;

namespace LtiPD.Web.Features.Grades;

/// <summary>Bound from "Grades": how the dispatcher sends the grade outbox to the LMSs.</summary>
public sealed class GradeDeliveryOptions : IValidatableObject
{
    public const string Section = "Grades";

    /// <summary>When false, no dispatcher runs on this node (the outbox is still written; another node sends it).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often due rows are looked for when no submission wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>
    /// Scores in flight at once per platform: enough to keep up, few enough not to get the tool throttled. At 20 ms an LMS
    /// call, 16 in flight allow some 600 scores a second on two cores (bench/LtiPD.Benchmarks, GradeDeliveryBenchmarks).
    /// </summary>
    [Range(1, 256)]
    public int MaxConcurrencyPerPlatform { get; set; } = 16;

    /// <summary>The first retry waits about this long; each further one twice as long, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Transient failures in a row that open a platform's circuit.</summary>
    [Range(2, 1000)]
    public int CircuitFailures { get; set; } = 10;

    /// <summary>How long an open circuit keeps the platform's rows waiting.</summary>
    public TimeSpan CircuitBreak { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a claimed row is kept from other nodes. A batch's rows are claimed together and a row is only sent within the
    /// first half of its lease, so the other half must be longer than a service call can take (the AGS client times out after
    /// 30 s): then two nodes never send one row at the same time. A node that dies mid-send leaves it due again after this.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromHours(1))
            yield return new ValidationResult("Grades:PollInterval must be between 00:00:00.010 and 01:00:00.", [nameof(PollInterval)]);
        if (BaseBackoff < TimeSpan.FromMilliseconds(10))
            yield return new ValidationResult("Grades:BaseBackoff must be at least 00:00:00.010.", [nameof(BaseBackoff)]);
        if (MaxBackoff < BaseBackoff || MaxBackoff > TimeSpan.FromDays(1))
            yield return new ValidationResult("Grades:MaxBackoff must be at least Grades:BaseBackoff and at most one day.", [nameof(MaxBackoff)]);
        if (CircuitBreak < TimeSpan.FromMilliseconds(500) || CircuitBreak > TimeSpan.FromDays(1))
            yield return new ValidationResult("Grades:CircuitBreak must be between 00:00:00.5 and one day (Polly's limits).", [nameof(CircuitBreak)]);
        if (ClaimLease < TimeSpan.FromSeconds(1))
            yield return new ValidationResult("Grades:ClaimLease must be at least 00:00:01.", [nameof(ClaimLease)]);
    }
}
