using System.Reflection;
using LtiPD.Data;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;
using LtiPD.Domain.Programmes;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Features.Assessments;

/// <summary>
/// The default framework, instruments and programmes that ship as data files (src/LtiPD.Web/Content, embedded in the
/// assembly). On start every version not yet in the database is added; versions already there are never
/// touched, so attempts keep meaning what they meant. A shipped file that does not validate stops the
/// start with the file and the problem named: it is our bug, not the user's.
/// </summary>
public static class ShippedContent
{
    private const string Prefix = "content/";

    public static async Task SeedAsync(LtiPdDbContext db, TimeProvider time, CancellationToken ct)
    {
        var frameworks = new Dictionary<string, CompetencyFramework>(StringComparer.Ordinal);
        foreach (var (name, json) in Read("frameworks/"))
        {
            var framework = CheckedFramework(name, json);
            frameworks[framework.Code] = framework;
            if (!await db.Frameworks.AnyAsync(f => f.Code == framework.Code && f.Version == framework.Version, ct))
            {
                db.Frameworks.Add(new FrameworkEntity
                {
                    Code = framework.Code, Version = framework.Version, Document = json, CreatedAt = time.GetUtcNow(),
                });
            }
        }

        var instruments = new List<Instrument>();
        foreach (var (name, json) in Read("instruments/"))
        {
            var named = Require(name, InstrumentDocument.Parse(json));
            if (!frameworks.TryGetValue(named.FrameworkCode, out var framework))
                throw new InvalidDataException($"Shipped instrument {name} names framework '{named.FrameworkCode}', which is not shipped.");
            var instrument = CheckedInstrument(name, json, framework);
            instruments.Add(instrument);
            if (!await db.Instruments.AnyAsync(i => i.Code == instrument.Code && i.Version == instrument.Version, ct))
            {
                db.Instruments.Add(new InstrumentEntity
                {
                    Code = instrument.Code, Version = instrument.Version, Kind = (int)instrument.Kind,
                    FrameworkCode = instrument.FrameworkCode, Document = json, CreatedAt = time.GetUtcNow(),
                });
            }
        }
        var programmes = new Dictionary<string, Programme>(StringComparer.Ordinal);
        foreach (var (name, json) in Read("programmes/"))
        {
            var programme = Require(name, ProgrammeDocument.Parse(json));
            programmes[programme.Code] = programme;
            if (!frameworks.TryGetValue(programme.FrameworkCode, out var framework))
                throw new InvalidDataException($"Shipped programme {name} names framework '{programme.FrameworkCode}', which is not shipped.");
            Fail(name, ProgrammeValidator.Validate(programme, framework, instruments).Select(p => p.ToString()));
            if (!await db.Programmes.AnyAsync(p => p.Code == programme.Code && p.Version == programme.Version, ct))
            {
                db.Programmes.Add(new ProgrammeEntity
                {
                    Code = programme.Code, Version = programme.Version, FrameworkCode = programme.FrameworkCode,
                    Document = json, CreatedAt = time.GetUtcNow(),
                });
            }
        }
        // Target profiles ship beside their programme (targets/{programme}.json) and are read from here when a platform has none
        // of its own; checked on start like the rest, so a broken default never reaches a teacher's route.
        foreach (var (name, json) in Read("targets/"))
        {
            var set = Require(name, TargetProfileDocument.Parse(json));
            foreach (var code in set.Profiles.Select(p => p.ProgrammeCode).Distinct(StringComparer.Ordinal))
            {
                if (!programmes.TryGetValue(code, out var programme))
                    throw new InvalidDataException($"Shipped target profiles {name} name programme '{code}', which is not shipped.");
                Fail(name, TargetProfileValidator.Validate(set, programme, frameworks[programme.FrameworkCode]).Select(p => p.ToString()));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The shipped target profiles of a programme, or null when none ship.</summary>
    public static string? TargetsOf(string programmeCode) =>
        Read("targets/").Where(r => r.Name == Prefix + "targets/" + programmeCode + ".json").Select(r => r.Json).FirstOrDefault();

    private static IEnumerable<(string Name, string Json)> Read(string folder)
    {
        var assembly = typeof(ShippedContent).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix + folder, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (name, reader.ReadToEnd());
        }
    }

    /// <summary>A framework document read and validated as shipped content is, or an exception naming every problem.</summary>
    public static CompetencyFramework CheckedFramework(string name, string json)
    {
        var framework = Require(name, FrameworkDocument.Parse(json));
        Fail(name, FrameworkValidator.Validate(framework).Select(p => p.ToString()));
        return framework;
    }

    /// <summary>An instrument document read, validated and scoring-checked against its framework as shipped content is.</summary>
    public static Instrument CheckedInstrument(string name, string json, CompetencyFramework framework)
    {
        var instrument = Require(name, InstrumentDocument.Parse(json));
        Fail(name, InstrumentValidator.Validate(instrument, framework).Select(p => p.ToString()));
        Fail(name, ScoringPlan.Check(instrument, framework).Select(p => $"{p.ItemCode}: {p.Message}"));
        return instrument;
    }

    private static T Require<T>(string name, ContentResult<T> result) where T : class
    {
        Fail(name, result.Problems.Select(p => p.ToString()));
        return result.Value!;
    }

    private static void Fail(string name, IEnumerable<string> problems)
    {
        var list = problems.ToList();
        if (list.Count > 0)
            throw new InvalidDataException($"Content {name} is invalid: {string.Join("; ", list)}");
    }
}
