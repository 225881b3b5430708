using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Development;

/// <summary>
/// The stage of a university teacher's career by years of university teaching (seed 000 asks where development stalls at each
/// stage). The default bands follow Huberman (1989) and Day et al. (2007); <see cref="StageModel"/> makes them configurable.
/// </summary>
public enum CareerStage
{
    EarlyCareer = 0,
    Establishing = 1,
    MidCareer = 2,
    LaterCareer = 3,
}

/// <summary>The three stages of professional training and retraining of seed 001 (its conclusion).</summary>
public enum TrainingStage
{
    /// <summary>Pedagogical education received in higher education: subject-matter and pedagogical foundations.</summary>
    BasicTraining = 0,

    /// <summary>Continuous development of professional skills and updating of knowledge.</summary>
    ProfessionalDevelopment = 1,

    /// <summary>A change of speciality or profile: new disciplines and teaching methods.</summary>
    Retraining = 2,
}

/// <summary>One band of the stage model: a stage from <paramref name="FromYears"/> to <paramref name="ToYears"/> years, both included.</summary>
/// <param name="ToYears">Null for the last, open-ended band.</param>
public sealed record StageBand(CareerStage Stage, int FromYears, int? ToYears);

/// <summary>
/// Maps years of university teaching to a career stage. The bands must cover every whole number of years from 0 without gap
/// or overlap, the last one open-ended (<see cref="Problems"/> says what is wrong so the host refuses to start with a bad option).
/// </summary>
public sealed record StageModel(IReadOnlyList<StageBand> Bands)
{
    /// <summary>
    /// Early career 0–3 years (Huberman's career entry, "survival and discovery"), establishing 4–6 (stabilisation),
    /// mid-career 7–18 (experimentation and reassessment; Day et al.'s 8–15 phase and the start of 16–23), later career 19+
    /// (the end of Day et al.'s 16–23 phase and their 24+ phases). docs/indicators.md has the table.
    /// </summary>
    public static StageModel Default { get; } = new(
    [
        new StageBand(CareerStage.EarlyCareer, 0, 3),
        new StageBand(CareerStage.Establishing, 4, 6),
        new StageBand(CareerStage.MidCareer, 7, 18),
        new StageBand(CareerStage.LaterCareer, 19, null),
    ]);

    /// <summary>The stage of a teacher with <paramref name="years"/> whole years of university teaching.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative years.</exception>
    /// <exception cref="InvalidOperationException">The bands are invalid (see <see cref="Problems"/>).</exception>
    public CareerStage StageOf(int years)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        for (var i = 0; i < Bands.Count; i++)
        {
            var band = Bands[i];
            if (years >= band.FromYears && (band.ToYears is not { } to || years <= to))
                return band.Stage;
        }
        throw new InvalidOperationException($"No career stage covers {years} years: {string.Join(" ", Problems(Bands))}");
    }

    /// <summary>Every problem of a list of bands, each a sentence naming the band; empty when the bands are valid.</summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<StageBand> bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        var problems = new List<string>();
        if (bands.Count == 0)
        {
            problems.Add("There must be at least one career stage band.");
            return problems;
        }

        var seen = new HashSet<CareerStage>();
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            var name = $"Band {i + 1} ({band.Stage})";
            if (!Enum.IsDefined(band.Stage))
                problems.Add($"{name} names no known career stage.");
            else if (!seen.Add(band.Stage))
                problems.Add($"{name} repeats a stage already given a band.");
            if (i == 0 && band.FromYears != 0)
                problems.Add($"{name} must start at 0 years; it starts at {band.FromYears}.");
            if (i > 0 && bands[i - 1].ToYears is { } previousTo && band.FromYears != previousTo + 1)
            {
                problems.Add(band.FromYears <= previousTo
                    ? $"{name} starts at {band.FromYears} years, inside the band before it (up to {previousTo})."
                    : $"{name} starts at {band.FromYears} years, leaving a gap after the band before it (up to {previousTo}).");
            }
            if (band.ToYears is { } to && to < band.FromYears)
                problems.Add($"{name} ends at {to} years, before it starts ({band.FromYears}).");
            if (band.ToYears is null && i < bands.Count - 1)
                problems.Add($"{name} is open-ended but is not the last band.");
            if (band.ToYears is not null && i == bands.Count - 1)
                problems.Add($"{name} is the last band and must be open-ended (no upper bound).");
        }
        return problems;
    }
}

/// <summary>What a teacher states about themselves once (and can change): it chooses the stage, the target profile and the route's pace.</summary>
/// <param name="PreferredForm">Seed 001: routes respect the preferred course format; null when no preference.</param>
/// <param name="HoursPerWeek">The pace: hours a week the teacher can give; null when not stated (no planned dates).</param>
public sealed record TeacherSituation(int YearsTeaching, string? Position, TrainingStage Training, StudyForm? PreferredForm, int? HoursPerWeek)
{
    public CareerStage Stage(StageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.StageOf(YearsTeaching);
    }

    public RoutePreferences Preferences => new(PreferredForm, HoursPerWeek);
}
