namespace LtiPD.Domain.Statistics;

/// <summary>
/// Internal consistency of a scale (a set of items meant to measure one thing), for course
/// designers checking an instrument on real responses. Sample statistics use n − 1.
/// <list type="bullet">
/// <item>Cronbach's alpha = k / (k − 1) × (1 − Σ s²ⱼ / s²_T), k items, s²ⱼ the variance of item j,
/// s²_T the variance of the respondents' totals.</item>
/// <item>Alpha if item deleted: the same formula over the other k − 1 items (needs k ≥ 3).</item>
/// <item>Corrected item-total correlation: Pearson r between item j and the total of the other items,
/// so an item is not correlated with itself.</item>
/// </list>
/// Warnings follow the usual rules of thumb: alpha below 0.70, an item whose corrected item-total
/// correlation is below 0.30. A respondent with any missing item (NaN, an infinity, or a short row)
/// is left out entirely (listwise), so every statistic is over the same people.
/// </summary>
public static class ScaleReliability
{
    public const double MinAlpha = 0.70;

    public const double MinItemTotal = 0.30;

    /// <summary>Variances at or below this are treated as zero: the item or total does not vary.</summary>
    private const double ZeroVariance = 1e-12;

    /// <param name="responses">Respondents × items; NaN marks a missing answer.</param>
    public static ReliabilityReport Analyse(double[,] responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var rows = new List<double[]>(responses.GetLength(0));
        for (var r = 0; r < responses.GetLength(0); r++)
        {
            var row = new double[responses.GetLength(1)];
            for (var j = 0; j < row.Length; j++)
                row[j] = responses[r, j];
            rows.Add(row);
        }
        return Analyse(rows);
    }

    /// <param name="responses">One row per respondent, one value per item; the item count is the longest row, and a
    /// shorter row or a NaN marks a missing answer.</param>
    public static ReliabilityReport Analyse(IReadOnlyList<IReadOnlyList<double>> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        var k = 0;
        foreach (var row in responses)
            k = Math.Max(k, row.Count);

        var complete = new List<IReadOnlyList<double>>(responses.Count);
        foreach (var row in responses)
        {
            if (row.Count == k && row.All(double.IsFinite))
                complete.Add(row);
        }
        var n = complete.Count;
        if (k < 2)
            return NotComputable(responses.Count, n, k, $"Reliability needs at least 2 items; the scale has {k}.");
        if (n < 2)
            return NotComputable(responses.Count, n, k, $"Reliability needs at least 2 respondents who answered every item; there are {n}.");

        var totals = new double[n];
        for (var r = 0; r < n; r++)
        {
            for (var j = 0; j < k; j++)
                totals[r] += complete[r][j];
        }
        var totalVariance = Variance(totals);

        var column = new double[n];
        var rest = new double[n];
        var means = new double[k];
        var variances = new double[k];
        var itemTotals = new double?[k];
        var restVariances = new double[k];
        var sumOfVariances = 0.0;
        for (var j = 0; j < k; j++)
        {
            for (var r = 0; r < n; r++)
            {
                column[r] = complete[r][j];
                rest[r] = totals[r] - column[r];
            }
            means[j] = column.Average();
            variances[j] = Variance(column);
            restVariances[j] = Variance(rest);
            sumOfVariances += variances[j];
            itemTotals[j] = variances[j] <= ZeroVariance || restVariances[j] <= ZeroVariance
                ? null
                : Covariance(column, rest) / Math.Sqrt(variances[j] * restVariances[j]);
        }

        var alpha = Alpha(k, sumOfVariances, totalVariance);
        var items = new ItemReliability[k];
        var warnings = new List<ReliabilityWarning>();
        for (var j = 0; j < k; j++)
        {
            // Deleting item j: k − 1 items, their variances, and the rest totals computed above.
            var alphaIfDeleted = k >= 3 ? Alpha(k - 1, sumOfVariances - variances[j], restVariances[j]) : null;
            items[j] = new ItemReliability(j, means[j], Math.Sqrt(variances[j]), itemTotals[j], alphaIfDeleted);
        }

        if (alpha is null)
            return new ReliabilityReport(false, "Every respondent has the same total, so the scale does not separate anyone and alpha is undefined.", responses.Count, n, k, null, items, warnings);
        if (alpha < MinAlpha)
            warnings.Add(new(ReliabilityWarningKind.LowAlpha, null, $"Cronbach's alpha is {alpha:0.00}, below {MinAlpha:0.00}: the items may not measure one thing."));
        for (var j = 0; j < k; j++)
        {
            if (itemTotals[j] is { } r && r < MinItemTotal)
                warnings.Add(new(ReliabilityWarningKind.LowItemTotal, j, $"Item {j + 1} correlates {r:0.00} with the rest of the scale, below {MinItemTotal:0.00}: revise or drop it."));
            else if (itemTotals[j] is null)
                warnings.Add(new(ReliabilityWarningKind.NoItemVariance, j, $"Item {j + 1} (or the rest of the scale) gets the same answer from everyone, so its item-total correlation is undefined."));
        }
        return new ReliabilityReport(true, null, responses.Count, n, k, alpha, items, warnings);
    }

    private static double? Alpha(int k, double sumOfItemVariances, double totalVariance) =>
        k < 2 || totalVariance <= ZeroVariance ? null : k / (k - 1.0) * (1 - sumOfItemVariances / totalVariance);

    private static double Variance(double[] values) => Covariance(values, values);

    /// <summary>Sample covariance: Σ (x − x̄)(y − ȳ) / (n − 1).</summary>
    private static double Covariance(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
            sum += (x[i] - mx) * (y[i] - my);
        return sum / (x.Length - 1);
    }

    private static ReliabilityReport NotComputable(int given, int used, int k, string reason) =>
        new(false, reason, given, used, k, null, [], []);
}

/// <summary>The outcome of <see cref="ScaleReliability.Analyse(double[,])"/>.</summary>
/// <param name="Computable">False when alpha cannot be computed; <paramref name="NotComputableReason"/> says why.</param>
/// <param name="RespondentsGiven">Rows passed in.</param>
/// <param name="RespondentsUsed">Rows with every item answered: the n of every statistic.</param>
/// <param name="Alpha">Cronbach's alpha; null when not computable (never NaN).</param>
/// <param name="Items">Per item statistics; empty when there are fewer than 2 items or 2 complete respondents.</param>
public sealed record ReliabilityReport(
    bool Computable,
    string? NotComputableReason,
    int RespondentsGiven,
    int RespondentsUsed,
    int ItemCount,
    double? Alpha,
    IReadOnlyList<ItemReliability> Items,
    IReadOnlyList<ReliabilityWarning> Warnings);

/// <param name="Index">0-based item position.</param>
/// <param name="StandardDeviation">Sample SD (n − 1).</param>
/// <param name="CorrectedItemTotal">r(item, total of the other items); null when either does not vary.</param>
/// <param name="AlphaIfDeleted">Alpha of the other items; null with fewer than 3 items or when their total does not vary.</param>
public sealed record ItemReliability(int Index, double Mean, double StandardDeviation, double? CorrectedItemTotal, double? AlphaIfDeleted);

public enum ReliabilityWarningKind
{
    /// <summary>Alpha below <see cref="ScaleReliability.MinAlpha"/>.</summary>
    LowAlpha = 0,

    /// <summary>Corrected item-total correlation below <see cref="ScaleReliability.MinItemTotal"/>.</summary>
    LowItemTotal = 1,

    /// <summary>An item (or the rest of the scale) with no variance: its correlation is undefined.</summary>
    NoItemVariance = 2,
}

/// <param name="ItemIndex">0-based item the warning is about; null for the scale as a whole.</param>
public sealed record ReliabilityWarning(ReliabilityWarningKind Kind, int? ItemIndex, string Message);
