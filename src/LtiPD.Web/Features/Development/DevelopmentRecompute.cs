using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Development;
using LtiPD.Domain.People;
using LtiPD.Domain.Profiles;
using LtiPD.Web.Features.Assessments;
using LtiPD.Web.Features.Modules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LtiPD.Web.Features.Development;

/// <summary>Why a teacher's development was recomputed; kept with each change of their route.</summary>
public enum RecomputeCause
{
    Evidence = 0,
    Nightly = 1,
    Choice = 2,
    Rebuild = 3,
}

/// <summary>
/// Recomputes teachers' trajectories, routes and indicators (issue 11) from what is stored: the profile history, the stated
/// situation, module completions, route choices, barrier answers and peer ratings. Every step is a pure function of those
/// (LtiPD.Domain.Development); this class only loads a batch of people at once, calls them, and writes a row only where the result
/// changed. Running it twice, or on two nodes, therefore leaves the same rows.
/// </summary>
public sealed class DevelopmentRecompute(
    LtiPdDbContext db,
    ProfileHistory history,
    ResultRecords records,
    ProgrammeCatalog programmes,
    TargetProfiles targets,
    IOptions<DevelopmentOptions> options,
    TimeProvider time,
    ILogger<DevelopmentRecompute> logger)
{
    /// <summary>Recomputes the people and returns how many of them got a changed result.</summary>
    /// <param name="now">The moment results are computed for: a job passes its run's start, so every node and every batch done
    /// again decides the same way.</param>
    public async Task<int> RecomputeAsync(IReadOnlyList<PersonScope> people, RecomputeCause cause, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await RecomputeOnceAsync(people, cause, now, ct);
        }
        catch (Exception e) when (UniqueViolation.Is(e))
        {
            // Another node (a batch whose lease ran out, or the teacher's own request re-planning at the same moment) wrote a
            // first result for one of these people while this one computed: everything here was rolled back together, and a
            // second pass sees that row and writes only what still differs.
            db.ChangeTracker.Clear();
            logger.LogInformation("Recompute of {People} teachers met a row written meanwhile; computing again", people.Count);
            return await RecomputeOnceAsync(people, cause, now, ct);
        }
    }

    private async Task<int> RecomputeOnceAsync(IReadOnlyList<PersonScope> people, RecomputeCause cause, DateTimeOffset now, CancellationToken ct)
    {
        people = people.Distinct().ToList();
        if (people.Count == 0)
            return 0;
        var settings = options.Value;
        // Each teacher is planned against their own platform's catalogue (tool-wide programmes and the platform's own): a batch
        // may hold several platforms, and another platform's programme is no route for anyone here.
        var every = await programmes.EveryLatestAsync(ct);
        var catalogues = people.Select(p => p.PlatformId).Distinct().ToDictionary(id => id, id =>
        {
            var seen = every.Where(p => p.IsSeenBy(id)).ToList();
            return (Programmes: seen, Offer: OfferIndex.From(seen.Select(p => p.Programme)));
        });

        var stored = new Dictionary<PersonScope, TeacherDevelopmentEntity>();
        foreach (var group in ByDeployment(people))
        {
            var (platformId, deploymentId, userIds) = group;
            foreach (var row in await db.TeacherDevelopment.AsNoTracking()
                         .Where(d => d.PlatformId == platformId && d.DeploymentId == deploymentId && userIds.Contains(d.UserId)).ToListAsync(ct))
                stored[new PersonScope(row.PlatformId, row.DeploymentId, row.UserId)] = row;
        }
        var own = new Dictionary<(int PlatformId, string DeploymentId), List<ProfileHistory.OwnAttempt>>();
        foreach (var (platformId, deploymentId, userIds) in ByDeployment(people))
            own[(platformId, deploymentId)] = await history.OwnAttemptsAsync(platformId, deploymentId, userIds, ct);
        var (profiles, points) = await history.ExtendAsync(people, own, p => cause == RecomputeCause.Rebuild || !stored.ContainsKey(p), ct);
        var inputs = await LoadAsync(people, own, ct);

        var inserted = new List<object?[]>();
        var updated = new List<object?[]>();
        var routeRows = new List<object?[]>();
        var changedPeople = new List<PersonScope>();
        foreach (var person in people)
        {
            var (catalog, offer) = catalogues[person.PlatformId];
            var levels = profiles.TryGetValue(person, out var profile) ? Levels(profile)
                : stored.TryGetValue(person, out var row) ? DevelopmentSnapshot.Deserialize<StoredLevels>(row.Levels) ?? StoredLevels.Empty
                : StoredLevels.Empty;
            var situation = inputs.Situations.GetValueOrDefault(person);
            var stage = situation?.YearsTeaching is { } years ? settings.StageModel.StageOf(years) : (CareerStage?)null;
            var training = situation is null ? TrainingStage.ProfessionalDevelopment : (TrainingStage)situation.Training;
            var preferences = new RoutePreferences(situation?.PreferredForm is { } f ? (Domain.Programmes.StudyForm)f : null, situation?.HoursPerWeek);
            var personPoints = points.GetValueOrDefault(person) ?? [];
            var completed = inputs.Completed[person].Select(c => c.ModuleCode).ToHashSet(StringComparer.Ordinal);

            var routes = new List<RouteView>();
            TargetProfile? mainTarget = null;
            CompetencyFramework? mainFramework = null;
            foreach (var programme in catalog)
            {
                var set = await targets.ForAsync(person.PlatformId, programme, ct);
                var target = stage is { } s ? set.For(programme.Programme.Code, s, training) : null;
                if (target is null)
                    continue;
                mainTarget ??= target;
                mainFramework ??= programme.Framework;
                var choices = inputs.Choices.GetValueOrDefault((person, programme.Programme.Code)) ?? RouteChoices.Empty;
                var route = RoutePlanner.Plan(programme.Programme, programme.Framework, target, levels.Competencies, levels.Elements,
                    completed, preferences, choices, DateOnly.FromDateTime(now.UtcDateTime));
                routes.Add(new RouteView(programme.Programme.Code, route, Gaps.Of(target, levels.Competencies)));
            }
            mainFramework ??= catalog.Count > 0 ? catalog[0].Framework : null;

            var trajectories = personPoints.GroupBy(p => p.CompetencyCode, StringComparer.Ordinal)
                .Select(g => Trajectories.Of(g.Key, g.ToList(), TargetOf(mainTarget, g.Key), now, settings.TrajectoryPolicy))
                .OrderBy(t => t.CompetencyCode, StringComparer.Ordinal)
                .ToList();
            var tasks = mainFramework is null ? [] : mainFramework.Tasks.Select(task => TaskChain.Evaluate(task, levels.Competencies, levels.Elements)).ToList();
            var indicators = BarrierIndicators.Evaluate(new IndicatorInputs(
                mainTarget, levels.Competencies, new ComponentScores(levels.Social, levels.Subject, levels.Pedagogical), tasks, trajectories,
                inputs.Activity[person].ToList(), inputs.Modules.GetValueOrDefault(person) ?? [], SelfPeer(levels, inputs.PeerRatings.GetValueOrDefault(person)),
                inputs.Answers.GetValueOrDefault(person), offer, now), settings.IndicatorPolicy);

            var snapshot = new DevelopmentSnapshot(stage, training,
                trajectories.Select(t => new TrajectorySummary(t.CompetencyCode, t.Points[t.Points.Count - 1].Component, t.Current, t.CurrentLevelSince, t.Trend, t.Target,
                    t.LevelsToTarget, t.Stagnant, t.Points.Count)).ToList(),
                routes, indicators);
            var courses = inputs.Courses[person].Order(StringComparer.Ordinal).ToList();
            var entity = new TeacherDevelopmentEntity
            {
                PlatformId = person.PlatformId, DeploymentId = person.DeploymentId, UserId = person.UserId,
                Stage = stage is { } st ? (int)st : null,
                Department = situation?.Department,
                Courses = DevelopmentSnapshot.Serialize(courses),
                Indicators = IndicatorSlots.Pack(indicators),
                Levels = DevelopmentSnapshot.Serialize(levels),
                Snapshot = snapshot.ToJson(),
                Fingerprint = "",
                ComputedAt = now,
            };
            entity.Fingerprint = DevelopmentSnapshot.Fingerprint(entity.Stage?.ToString(), entity.Department, entity.Courses,
                entity.Indicators.ToString(System.Globalization.CultureInfo.InvariantCulture), entity.Levels, entity.Snapshot);
            if (stored.TryGetValue(person, out var before))
            {
                if (before.Fingerprint == entity.Fingerprint)
                    continue;
                updated.Add([entity.Stage, entity.Department, entity.Courses, entity.Indicators, entity.Levels, entity.Snapshot, entity.Fingerprint,
                    db.StoreValue(now), person.PlatformId, person.DeploymentId, person.UserId]);
            }
            else
            {
                inserted.Add([person.PlatformId, person.DeploymentId, person.UserId, entity.Stage, entity.Department, entity.Courses, entity.Indicators,
                    entity.Levels, entity.Snapshot, entity.Fingerprint, db.StoreValue(now)]);
            }
            changedPeople.Add(person);
            var previous = DevelopmentSnapshot.FromJson(before?.Snapshot);
            foreach (var view in routes)
            {
                var old = previous?.Routes.FirstOrDefault(r => r.ProgrammeCode == view.ProgrammeCode)?.Route;
                if (old is not null && old.Fingerprint == view.Route.Fingerprint)
                    continue;
                routeRows.Add([Guid.NewGuid().ToString("N"), person.PlatformId, person.DeploymentId, person.UserId, view.ProgrammeCode, db.StoreValue(now),
                    (int)cause, view.Route.Fingerprint, DevelopmentSnapshot.Serialize(view.Route), DevelopmentSnapshot.Serialize(RouteChanges.Between(old, view.Route))]);
            }
        }
        await SaveAsync(inserted, updated, changedPeople, routeRows, ct);
        var changed = inserted.Count + updated.Count;
        logger.LogInformation("Recomputed {People} teachers ({Cause}); {Changed} changed", people.Count, cause, changed);
        return changed;
    }

    private static readonly string[] DevelopmentColumns =
        ["PlatformId", "DeploymentId", "UserId", "Stage", "Department", "Courses", "Indicators", "Levels", "Snapshot", "Fingerprint", "ComputedAt"];

    private const string UpdateDevelopment =
        """UPDATE teacher_development SET "Stage" = @p0, "Department" = @p1, "Courses" = @p2, "Indicators" = @p3, "Levels" = @p4, "Snapshot" = @p5, "Fingerprint" = @p6, "ComputedAt" = @p7 WHERE "PlatformId" = @p8 AND "DeploymentId" = @p9 AND "UserId" = @p10""";

    private static readonly string[] RouteHistoryColumns =
        ["Id", "PlatformId", "DeploymentId", "UserId", "ProgrammeCode", "At", "Cause", "Fingerprint", "Route", "Changes"];

    private static readonly string[] FoldColumns = ["PlatformId", "DeploymentId", "UserId", "State", "Version"];

    /// <summary>
    /// Marks a changed teacher for the next fold of the aggregates (<see cref="DevelopmentAggregation"/>): pending, and a new
    /// version, so that a fold that read the result before this change leaves it pending. A fold of unknown state stays so.
    /// </summary>
    private const string MarkFoldPending = """
        ON CONFLICT ("PlatformId", "DeploymentId", "UserId") DO UPDATE SET
        "State" = CASE WHEN development_folds."State" = 2 THEN 2 ELSE 1 END, "Version" = development_folds."Version" + 1
        """;

    /// <summary>
    /// Writes the batch's changed results, their marks for the aggregates' fold and the route history in one transaction, as bulk
    /// rows (EF's change tracking of these wide rows was a large part of a batch). A first result is a plain INSERT, so a row
    /// another node wrote meanwhile refuses it and the whole batch, history included, is rolled back and computed again
    /// (<see cref="RecomputeAsync"/>).
    /// </summary>
    private async Task SaveAsync(List<object?[]> inserted, List<object?[]> updated, List<PersonScope> changed, List<object?[]> routeRows, CancellationToken ct)
    {
        if (inserted.Count + updated.Count + routeRows.Count == 0)
            return;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.PreferFastCompressionAsync(ct);
        await db.InsertRowsAsync("teacher_development", DevelopmentColumns, inserted, "", ct);
        await db.ExecuteManyAsync(UpdateDevelopment, updated, ct);
        await db.InsertRowsAsync("development_folds", FoldColumns,
            changed.Select(p => new object?[] { p.PlatformId, p.DeploymentId, p.UserId, (int)FoldState.Pending, 1 }).ToList(), MarkFoldPending, ct);
        await db.InsertRowsAsync("route_history", RouteHistoryColumns, routeRows, "", ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// Recomputes one person right after new evidence or a choice of theirs, so their route moves at once (seed 001: the route is
    /// re-planned as evidence arrives). A failure here, of any kind, never undoes what the person did nor turns their saved
    /// submission into an error page: it is logged, and the night catches up.
    /// </summary>
    public async Task TryRecomputeAsync(PersonScope person, RecomputeCause cause, CancellationToken ct)
    {
        try
        {
            await RecomputeAsync([person], cause, time.GetUtcNow(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            db.ChangeTracker.Clear();
            logger.LogWarning(ex, "Recomputing the development of user {UserId} after {Cause} failed; the nightly job will retry", person.UserId, cause);
        }
    }

    private static Level? TargetOf(TargetProfile? target, string competencyCode) =>
        target is not null && target.Targets.TryGetValue(competencyCode, out var level) ? level : null;

    private static StoredLevels Levels(TeacherProfile profile)
    {
        var elements = new Dictionary<string, Level>(StringComparer.Ordinal);
        foreach (var indicator in profile.Indicators)
        {
            if (indicator.Level is { } level)
                elements[indicator.Code] = level;
        }
        var components = profile.Components;
        return new StoredLevels(
            profile.Competencies.Where(c => c.Level is not null).ToDictionary(c => c.Code, c => c.Level!.Value, StringComparer.Ordinal),
            elements,
            profile.Competencies.Where(c => c.Percent is not null).ToDictionary(c => c.Code, c => Math.Round(c.Percent!.Value, 2), StringComparer.Ordinal),
            components.Social, components.Subject, components.Pedagogical);
    }

    private static IReadOnlyList<SelfPeerRating> SelfPeer(StoredLevels self, IReadOnlyList<(string Competency, double Percent)>? peers)
    {
        if (peers is null || peers.Count == 0)
            return [];
        return peers.GroupBy(p => p.Competency, StringComparer.Ordinal)
            .Where(g => self.Percents.ContainsKey(g.Key))
            .Select(g => new SelfPeerRating(g.Key, self.Percents[g.Key], g.Average(p => p.Percent), g.Count()))
            .ToList();
    }

    private static IEnumerable<(int PlatformId, string DeploymentId, List<string> UserIds)> ByDeployment(IReadOnlyList<PersonScope> people) =>
        people.GroupBy(p => (p.PlatformId, p.DeploymentId))
            .Select(g => (g.Key.PlatformId, g.Key.DeploymentId, g.Select(p => p.UserId).Distinct(StringComparer.Ordinal).ToList()));

    private sealed record Loaded(
        Dictionary<PersonScope, TeacherSituationEntity> Situations,
        Dictionary<(PersonScope, string), RouteChoices> Choices,
        Dictionary<PersonScope, BarrierAnswers> Answers,
        ILookup<PersonScope, ModuleCompletionEntity> Completed,
        ILookup<PersonScope, DateTimeOffset> Activity,
        Dictionary<PersonScope, List<ModuleActivity>> Modules,
        ILookup<PersonScope, string> Courses,
        Dictionary<PersonScope, List<(string Competency, double Percent)>> PeerRatings);

    private async Task<Loaded> LoadAsync(IReadOnlyList<PersonScope> people, IReadOnlyDictionary<(int PlatformId, string DeploymentId), List<ProfileHistory.OwnAttempt>> own,
        CancellationToken ct)
    {
        var situations = new Dictionary<PersonScope, TeacherSituationEntity>();
        var choices = new Dictionary<(PersonScope, string), RouteChoices>();
        var answers = new Dictionary<PersonScope, BarrierAnswers>();
        var completed = new List<(PersonScope, ModuleCompletionEntity)>();
        var activity = new List<(PersonScope, DateTimeOffset)>();
        var modules = new Dictionary<PersonScope, List<ModuleActivity>>();
        var courses = new List<(PersonScope, string)>();
        var peerRatings = new Dictionary<PersonScope, List<(string, double)>>();
        foreach (var (platformId, deploymentId, userIds) in ByDeployment(people))
        {
            PersonScope P(string userId) => new(platformId, deploymentId, userId);
            foreach (var s in await db.TeacherSituations.AsNoTracking()
                         .Where(s => s.PlatformId == platformId && s.DeploymentId == deploymentId && userIds.Contains(s.UserId)).ToListAsync(ct))
                situations[P(s.UserId)] = s;
            foreach (var c in await db.RouteChoices.AsNoTracking()
                         .Where(c => c.PlatformId == platformId && c.DeploymentId == deploymentId && userIds.Contains(c.UserId)).ToListAsync(ct))
                choices[(P(c.UserId), c.ProgrammeCode)] = RouteChoicesJson.Read(c.Choices);
            var answerRows = await db.BarrierAnswers.AsNoTracking()
                .Where(a => a.PlatformId == platformId && a.DeploymentId == deploymentId && userIds.Contains(a.UserId)).ToListAsync(ct);
            foreach (var a in answerRows.GroupBy(a => a.UserId).Select(g => g.MaxBy(a => a.At)!))
                answers[P(a.UserId)] = BarrierAnswersJson.Read(a.At, a.Answers);
            foreach (var a in answerRows)
                activity.Add((P(a.UserId), a.At));

            var completions = await db.ModuleCompletions.AsNoTracking()
                .Where(c => c.PlatformId == platformId && c.DeploymentId == deploymentId && userIds.Contains(c.UserId)).ToListAsync(ct);
            foreach (var c in completions)
            {
                completed.Add((P(c.UserId), c));
                activity.Add((P(c.UserId), c.CompletedAt));
                if (c.ContextId is { } context)
                    courses.Add((P(c.UserId), context));
            }
            var attempts = own[(platformId, deploymentId)];
            foreach (var a in attempts)
            {
                var person = P(a.UserId);
                activity.Add((person, a.StartedAt));
                if (a.SubmittedAt is { } submitted)
                    activity.Add((person, submitted));
                if (a.ContextId is { } context)
                    courses.Add((person, context));
            }
            var firstCompleted = completions.GroupBy(c => (c.UserId, c.ModuleCode))
                .ToDictionary(g => g.Key, g => g.Min(c => c.CompletedAt));
            foreach (var byPerson in attempts.Where(a => a.ModuleCode is not null).GroupBy(a => a.UserId, StringComparer.Ordinal))
            {
                var person = P(byPerson.Key);
                modules[person] = byPerson.GroupBy(a => a.ModuleCode!, StringComparer.Ordinal)
                    .Select(m => new ModuleActivity(m.Key, m.Min(a => a.StartedAt),
                        firstCompleted.TryGetValue((byPerson.Key, m.Key), out var done) ? done : null,
                        m.Max(a => a.SubmittedAt ?? a.UpdatedAt)))
                    .ToList();
            }

            // Colleagues' ratings of these people (peer feedback): percents per competency, as each rater's record measured them.
            var rated = await db.Attempts.AsNoTracking()
                .Where(a => a.PlatformId == platformId && a.DeploymentId == deploymentId && a.SubjectUserId != null && userIds.Contains(a.SubjectUserId)
                    && a.Status == (int)AttemptStatus.Submitted)
                .Select(ResultRecords.RecordColumns)
                .ToListAsync(ct);
            if (rated.Count > 0)
            {
                var byId = await records.OfAsync(rated, ct, measuresOnly: true);
                foreach (var a in rated)
                {
                    var list = peerRatings.TryGetValue(P(a.SubjectUserId!), out var l) ? l : peerRatings[P(a.SubjectUserId!)] = [];
                    foreach (var c in byId[a.Id].Score.Competencies)
                    {
                        if (c.Evidence == Domain.Assessment.Scoring.Evidence.Enough && c.Percent is { } percent)
                            list.Add((c.Code, percent));
                    }
                }
            }
        }
        return new Loaded(situations, choices, answers,
            completed.ToLookup(c => c.Item1, c => c.Item2),
            activity.ToLookup(a => a.Item1, a => a.Item2),
            modules,
            courses.Distinct().ToLookup(c => c.Item1, c => c.Item2),
            peerRatings);
    }
}
