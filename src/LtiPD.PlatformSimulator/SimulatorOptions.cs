namespace LtiPD.PlatformSimulator;

/// <summary>Which real LMS the simulator imitates: the claim shapes, service URLs and quirks follow it.</summary>
public enum PlatformFlavor
{
    /// <summary>Moodle 4.5 (see /work/shared/fixtures/moodle-4.5.6): POSTed login initiation with <c>lti_deployment_id</c>, <c>?type_id=1</c> on AGS URLs, short NRPS role names.</summary>
    Moodle,

    /// <summary>Canvas: login initiation carries <c>deployment_id</c>, the issuer can differ from the host (<see cref="SimulatorOptions.Issuer"/>).</summary>
    Canvas,
}

/// <summary>Settings of one simulated platform. Read when the platform is built and, for the switches, on every request.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The client_id the platform assigned to the tool (replaced by the issued one after a Dynamic Registration).</summary>
    public string ClientId { get; set; } = "ltipd-sim";

    /// <summary>The deployment_id; Moodle uses its tool type id, "1".</summary>
    public string DeploymentId { get; set; } = "1";

    public PlatformFlavor Flavor { get; set; } = PlatformFlavor.Moodle;

    /// <summary>Host name for <see cref="PlatformSimulatorHost.StartAsync"/>; "localhost" makes the platform a different site from a tool on 127.0.0.1.</summary>
    public string Host { get; set; } = "127.0.0.1";

    /// <summary>Moodle signs id_tokens that live 60 s.</summary>
    public TimeSpan IdTokenLifetime { get; set; } = TimeSpan.FromSeconds(60);

    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Fixed issuer (the <c>iss</c> claim and the openid-configuration <c>issuer</c>). Canvas uses one issuer such as
    /// "https://canvas.instructure.com" for every school, whatever host serves the endpoints. Null: the base URL is the issuer.
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>
    /// Reproduce Moodle's quirk of typographic quotes in the line-item container paging header (<c>rel=“next”</c>), so tools can
    /// be tested against it. Off by default because it is a bug, not the AGS format.
    /// </summary>
    public bool MoodleCurlyQuotesInLink { get; set; }
}
