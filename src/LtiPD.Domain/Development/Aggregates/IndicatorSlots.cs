namespace LtiPD.Domain.Development;

/// <summary>
/// The one numbering of a teacher's indicator results: the seven declared barriers take slots 0–6 (their
/// <see cref="DeclaredBarrier"/> value), the observed indicators follow in <see cref="IndicatorCode"/> order. Aggregate sums are
/// arrays over these slots (<see cref="GroupTally"/>), and the host stores a teacher's results as one number over them
/// (<see cref="Pack"/>): bit i says slot i is present, bit 16 + i that it was assessed at all (an unassessed indicator is left out
/// of a prevalence's denominator, docs/indicators.md).
/// </summary>
public static class IndicatorSlots
{
    private static readonly int DeclaredSlots = Enum.GetValues<DeclaredBarrier>().Length;

    /// <summary>How many slots there are: every declared barrier, then every observed indicator.</summary>
    public static readonly int Count = DeclaredSlots + Enum.GetValues<IndicatorCode>().Length - 1;

    public static int Of(IndicatorCode code, DeclaredBarrier? barrier) =>
        code == IndicatorCode.Declared
            ? (int)(barrier ?? throw new ArgumentException("A declared indicator names its barrier.", nameof(barrier)))
            : DeclaredSlots + (int)code - 1;

    public static (IndicatorCode Code, DeclaredBarrier? Barrier) At(int slot) =>
        slot < DeclaredSlots ? (IndicatorCode.Declared, (DeclaredBarrier)slot) : ((IndicatorCode)(slot - DeclaredSlots + 1), null);

    /// <summary>The results as one number: bit i present, bit 16 + i assessed.</summary>
    public static long Pack(IEnumerable<IndicatorResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        long bits = 0;
        foreach (var r in results)
        {
            var slot = Of(r.Code, r.Barrier);
            if (r.Assessed)
                bits |= 1L << (16 + slot);
            if (r.Present)
                bits |= 1L << slot;
        }
        return bits;
    }

    /// <summary>The assessed results a packed number stands for, without values or basis (what aggregates fold).</summary>
    public static IReadOnlyList<IndicatorResult> Unpack(long bits)
    {
        var results = new List<IndicatorResult>(Count);
        for (var slot = 0; slot < Count; slot++)
        {
            if ((bits & (1L << (16 + slot))) == 0)
                continue;
            var (code, barrier) = At(slot);
            results.Add(new IndicatorResult(code, barrier, (bits & (1L << slot)) != 0, null, []));
        }
        return results;
    }
}
