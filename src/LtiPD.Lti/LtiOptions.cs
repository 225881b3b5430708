using System.ComponentModel.DataAnnotations;

namespace LtiPD.Lti;

/// <summary>Protocol settings, bound from the "Lti" configuration section and validated on start.</summary>
public sealed class LtiOptions
{
    public const string Section = "Lti";

    /// <summary>
    /// Leeway for iat/exp between the platform's clock and ours. Small on purpose: Moodle id_tokens live
    /// only 60 s, so a larger leeway would mostly widen the replay window.
    /// </summary>
    [Range(0, 300)]
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>How long a started login (state + nonce) waits for the platform's answer.</summary>
    [Range(30, 3600)]
    public int LoginStateLifetimeSeconds { get; set; } = 600;

    /// <summary>How long a launch session reference stays valid inside the LMS frame.</summary>
    [Range(5, 1440)]
    public int SessionLifetimeMinutes { get; set; } = 480;

    /// <summary>A platform JWKS is cached this long before it is fetched again.</summary>
    [Range(1, 1440)]
    public int JwksCacheMinutes { get; set; } = 60;

    /// <summary>
    /// An unknown kid triggers at most one refetch of a platform's JWKS per this interval, so a flood of
    /// forged kids cannot turn the tool into a load generator against the LMS.
    /// </summary>
    [Range(1, 3600)]
    public int JwksRefetchMinSeconds { get; set; } = 30;

    /// <summary>How long a rotated-out tool key stays published so platforms holding it can still verify.</summary>
    [Range(0, 90)]
    public int KeyOverlapDays { get; set; } = 7;

    public TimeSpan ClockSkew => TimeSpan.FromSeconds(ClockSkewSeconds);
}
