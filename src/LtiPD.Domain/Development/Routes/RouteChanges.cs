namespace LtiPD.Domain.Development;

public enum RouteChangeKind
{
    /// <summary>A module entered the steps ahead.</summary>
    Added = 0,

    /// <summary>A module ahead left the route (its gap closed, or an alternative replaced it).</summary>
    Removed = 1,

    /// <summary>A module ahead changed place relative to the others.</summary>
    Moved = 2,

    /// <summary>A module became Done.</summary>
    Completed = 3,

    /// <summary>The teacher set a module aside.</summary>
    Skipped = 4,
}

/// <param name="From">1-based place among the steps ahead before the change; null when it was not ahead.</param>
/// <param name="To">1-based place among the steps ahead after the change; null when it is not ahead.</param>
public sealed record RouteChange(RouteChangeKind Kind, string ModuleCode, int? From, int? To);

/// <summary>
/// What changed between two routes, for the history shown to the teacher. "Ahead" means Next or Planned. A module is Moved
/// when it is ahead in both routes but outside a longest common subsequence of the modules ahead in both: when one module
/// jumps to the front, only that one moved, not every module it passed.
/// </summary>
public static class RouteChanges
{
    public static IReadOnlyList<RouteChange> Between(Route? before, Route after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<RouteChange>();
        var was = States(before);
        var now = States(after);
        var aheadBefore = Ahead(before);
        var aheadAfter = Ahead(after);

        foreach (var step in after.Steps)
        {
            was.TryGetValue(step.ModuleCode, out var old);
            var from = Place(aheadBefore, step.ModuleCode);
            var to = Place(aheadAfter, step.ModuleCode);
            if (step.State == RouteStepState.Done && (!old.Known || old.State != RouteStepState.Done))
                changes.Add(new(RouteChangeKind.Completed, step.ModuleCode, from, null));
            else if (step.State == RouteStepState.Skipped && (!old.Known || old.State != RouteStepState.Skipped))
                changes.Add(new(RouteChangeKind.Skipped, step.ModuleCode, from, null));
            else if (to is not null && from is null)
                changes.Add(new(RouteChangeKind.Added, step.ModuleCode, null, to));
        }

        foreach (var code in aheadBefore)
        {
            if (!now.ContainsKey(code))
                changes.Add(new(RouteChangeKind.Removed, code, Place(aheadBefore, code), null));
        }

        var common = Lcs(aheadBefore.Where(aheadAfter.Contains).ToList(), aheadAfter.Where(aheadBefore.Contains).ToList());
        foreach (var code in aheadAfter)
        {
            if (aheadBefore.Contains(code) && !common.Contains(code))
                changes.Add(new(RouteChangeKind.Moved, code, Place(aheadBefore, code), Place(aheadAfter, code)));
        }
        return changes;
    }

    private static Dictionary<string, (bool Known, RouteStepState State)> States(Route? route)
    {
        var states = new Dictionary<string, (bool, RouteStepState)>(StringComparer.Ordinal);
        if (route is null)
            return states;
        foreach (var step in route.Steps)
            states[step.ModuleCode] = (true, step.State);
        return states;
    }

    private static List<string> Ahead(Route? route) =>
        route is null ? [] : route.Steps.Where(s => s.State is RouteStepState.Next or RouteStepState.Planned).Select(s => s.ModuleCode).ToList();

    private static int? Place(List<string> ahead, string code) => ahead.IndexOf(code) is var i and >= 0 ? i + 1 : null;

    /// <summary>The modules of one longest common subsequence of two orders (routes have tens of modules: O(n²) is fine).</summary>
    private static HashSet<string> Lcs(List<string> a, List<string> b)
    {
        var length = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                length[i, j] = string.Equals(a[i], b[j], StringComparison.Ordinal)
                    ? length[i + 1, j + 1] + 1
                    : Math.Max(length[i + 1, j], length[i, j + 1]);
            }
        }

        var common = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (string.Equals(a[i], b[j], StringComparison.Ordinal))
            {
                common.Add(a[i]);
                i++;
                j++;
            }
            else if (length[i + 1, j] >= length[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }
        return common;
    }
}
