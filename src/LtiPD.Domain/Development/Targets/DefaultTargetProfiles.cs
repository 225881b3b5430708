using LtiPD.Domain.Content;

namespace LtiPD.Domain.Development;

/// <summary>
/// The shipped target profiles of the programme "Teaching programming at university" (teaching-programming.targets.json,
/// embedded). Early-career teachers are hired as subject experts: the subject is already high and pedagogy is built to
/// average; the targets rise with the stage, and later-career teachers, who mentor (seed 002), aim at advanced design,
/// feedback, communication and reflection. Retraining in mid-career starts the new subject from average.
/// </summary>
public static class DefaultTargetProfiles
{
    public const string ResourceName = "LtiPD.Domain.Development.Targets.teaching-programming.targets.json";

    public static string TeachingProgrammingJson()
    {
        using var stream = typeof(DefaultTargetProfiles).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static TargetProfileSet TeachingProgramming() =>
        TargetProfileDocument.Parse(TeachingProgrammingJson()).Value
            ?? throw new InvalidOperationException("The shipped target profiles do not parse; DefaultTargetProfilesTests say why.");
}
