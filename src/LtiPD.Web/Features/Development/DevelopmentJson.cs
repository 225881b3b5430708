using LtiPD.Domain.Development;

namespace LtiPD.Web.Features.Development;

/// <summary>A teacher's route choices as stored in route_choices.Choices.</summary>
public static class RouteChoicesJson
{
    private sealed record Stored(List<string> Order, List<string> Skipped, Dictionary<string, string> Alternatives);

    public static RouteChoices Read(string json)
    {
        var stored = DevelopmentSnapshot.Deserialize<Stored>(json);
        return stored is null ? RouteChoices.Empty : new RouteChoices(stored.Order ?? [],
            new HashSet<string>(stored.Skipped ?? [], StringComparer.Ordinal),
            new Dictionary<string, string>(stored.Alternatives ?? [], StringComparer.Ordinal));
    }

    public static string Write(RouteChoices choices) =>
        DevelopmentSnapshot.Serialize(new Stored(choices.Order.ToList(), choices.Skipped.Order(StringComparer.Ordinal).ToList(),
            new Dictionary<string, string>(choices.Alternatives, StringComparer.Ordinal)));
}

/// <summary>Barrier questionnaire answers as stored in barrier_answers.Answers.</summary>
public static class BarrierAnswersJson
{
    private sealed record Stored(Dictionary<DeclaredBarrier, int> Agreement, List<string> Requests);

    public static BarrierAnswers Read(DateTimeOffset at, string json)
    {
        var stored = DevelopmentSnapshot.Deserialize<Stored>(json);
        return new BarrierAnswers(at, stored?.Agreement ?? [], stored?.Requests ?? []);
    }

    public static string Write(IReadOnlyDictionary<DeclaredBarrier, int> agreement, IReadOnlyList<string> requests) =>
        DevelopmentSnapshot.Serialize(new Stored(new Dictionary<DeclaredBarrier, int>(agreement), requests.ToList()));
}
