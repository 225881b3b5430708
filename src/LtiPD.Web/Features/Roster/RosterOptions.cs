using System.ComponentModel.DataAnnotations;

namespace LtiPD.Web.Features.Roster;

/// <summary>Bound from "Roster": how long a course's NRPS membership list is served before it is read again.</summary>
public sealed class RosterOptions : IValidatableObject
{
    public const string Section = "Roster";

    /// <summary>
    /// After this long a roster is stale: it is still served, and one refresh runs in the background. Short enough that a
    /// learner who joined the course appears soon, long enough that page views do not each cost an NRPS call (Canvas
    /// throttles tools that read memberships often).
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a node serves its own copy of a roster before it looks again for a newer one that another node or the rosters
    /// job stored: a roster read elsewhere reaches this node's pages within this long. Zero looks on every view.
    /// </summary>
    public TimeSpan SharedCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshInterval < TimeSpan.FromMilliseconds(100) || RefreshInterval > TimeSpan.FromDays(1))
            yield return new ValidationResult("Roster:RefreshInterval must be between 00:00:00.100 and 1.00:00:00.", [nameof(RefreshInterval)]);
        if (SharedCheckInterval < TimeSpan.Zero || SharedCheckInterval > TimeSpan.FromMinutes(10))
            yield return new ValidationResult("Roster:SharedCheckInterval must be between 00:00:00 and 00:10:00.", [nameof(SharedCheckInterval)]);
    }
}
