using LtiPD.Domain.Statistics;

namespace LtiPD.Domain.Tests.Statistics;

public sealed class ScaleReliabilityTests
{
    /// <summary>
    /// 4 respondents × 3 items, totals T:
    /// R1 2 3 3 (8), R2 3 3 4 (10), R3 4 5 4 (13), R4 5 5 5 (15).
    /// Item 1: mean 3.5, deviations −1.5 −0.5 0.5 1.5, Σd² = 5 → s² = 5/3.
    /// Item 2: mean 4, deviations −1 −1 1 1, Σd² = 4 → s² = 4/3.
    /// Item 3: mean 4, deviations −1 0 0 1, Σd² = 2 → s² = 2/3.
    /// T: mean 11.5, deviations −3.5 −1.5 1.5 3.5, Σd² = 29 → s²_T = 29/3.
    /// </summary>
    private static readonly double[,] Consistent =
    {
        { 2, 3, 3 },
        { 3, 3, 4 },
        { 4, 5, 4 },
        { 5, 5, 5 },
    };

    /// <summary>
    /// Items A and B agree, C is noise: A 1 2 3 4, B 1 3 2 4, C 3 1 1 3; totals 5 6 6 11.
    /// s²_A = s²_B = 5/3; C mean 2, deviations 1 −1 −1 1 → s²_C = 4/3.
    /// T mean 7, deviations −2 −1 −1 4, Σd² = 22 → s²_T = 22/3.
    /// </summary>
    private static readonly double[,] OneNoisyItem =
    {
        { 1, 1, 3 },
        { 2, 3, 1 },
        { 3, 2, 1 },
        { 4, 4, 3 },
    };

    [Fact]
    public void CronbachsAlphaMatchesTheHandComputation()
    {
        var report = ScaleReliability.Analyse(Consistent);
        // α = 3 / 2 × (1 − (5/3 + 4/3 + 2/3) / (29/3)) = 1.5 × (1 − 11/29) = 1.5 × 18/29 = 27/29 ≈ 0.9310.
        Assert.True(report.Computable);
        Assert.Equal(27.0 / 29, report.Alpha!.Value, 12);
        Assert.Equal((4, 4, 3), (report.RespondentsGiven, report.RespondentsUsed, report.ItemCount));
        Assert.Empty(report.Warnings);
    }

    [Fact]
    public void AlphaIfItemDeletedIsAlphaOfTheOtherItems()
    {
        var items = ScaleReliability.Analyse(Consistent).Items;
        // Without item 1: s² 4/3 + 2/3 = 2; rest totals 6 7 9 10, mean 8, Σd² = 4 + 1 + 1 + 4 = 10 → 10/3;
        //   α = 2 / 1 × (1 − 2 / (10/3)) = 2 × 0.4 = 0.8.
        Assert.Equal(0.8, items[0].AlphaIfDeleted!.Value, 12);
        // Without item 2: s² 5/3 + 2/3 = 7/3; rest 5 7 8 10, mean 7.5, Σd² = 6.25 + 0.25 + 0.25 + 6.25 = 13 → 13/3;
        //   α = 2 × (1 − 7/13) = 12/13.
        Assert.Equal(12.0 / 13, items[1].AlphaIfDeleted!.Value, 12);
        // Without item 3: s² 5/3 + 4/3 = 3; rest 5 6 9 10, mean 7.5, Σd² = 6.25 + 2.25 + 2.25 + 6.25 = 17 → 17/3;
        //   α = 2 × (1 − 9/17) = 16/17.
        Assert.Equal(16.0 / 17, items[2].AlphaIfDeleted!.Value, 12);
    }

    [Fact]
    public void CorrectedItemTotalCorrelatesEachItemWithTheRest()
    {
        var items = ScaleReliability.Analyse(Consistent).Items;
        // Item 1 vs rest 6 7 9 10: Σ d₁·d_rest = (−1.5)(−2) + (−0.5)(−1) + (0.5)(1) + (1.5)(2) = 7; r = 7 / √(5 × 10) = 7/√50.
        Assert.Equal(7 / Math.Sqrt(50), items[0].CorrectedItemTotal!.Value, 12);
        // Item 2 vs rest 5 7 8 10: (−1)(−2.5) + (−1)(−0.5) + (1)(0.5) + (1)(2.5) = 6; r = 6 / √(4 × 13) = 6/√52.
        Assert.Equal(6 / Math.Sqrt(52), items[1].CorrectedItemTotal!.Value, 12);
        // Item 3 vs rest 5 6 9 10: (−1)(−2.5) + 0 + 0 + (1)(2.5) = 5; r = 5 / √(2 × 17) = 5/√34.
        Assert.Equal(5 / Math.Sqrt(34), items[2].CorrectedItemTotal!.Value, 12);
    }

    [Fact]
    public void ItemMeanAndSampleStandardDeviationUseNMinusOne()
    {
        var items = ScaleReliability.Analyse(Consistent).Items;
        // Item 1: mean (2 + 3 + 4 + 5) / 4 = 3.5; SD √(5 / (4 − 1)) = √(5/3) ≈ 1.2910.
        Assert.Equal(3.5, items[0].Mean, 12);
        Assert.Equal(Math.Sqrt(5.0 / 3), items[0].StandardDeviation, 12);
        // Item 3: mean 4, SD √(2/3).
        Assert.Equal((4.0, Math.Sqrt(2.0 / 3)), (items[2].Mean, items[2].StandardDeviation));
    }

    [Fact]
    public void LowAlphaAndAnItemThatDoesNotFitAreWarned()
    {
        var report = ScaleReliability.Analyse(OneNoisyItem);
        // α = 1.5 × (1 − (5/3 + 5/3 + 4/3) / (22/3)) = 1.5 × (1 − 14/22) = 1.5 × 8/22 = 6/11 ≈ 0.545 < 0.70.
        Assert.Equal(6.0 / 11, report.Alpha!.Value, 12);
        // C vs rest A + B = 2 5 5 8 (mean 5, d −3 0 0 3): Σ = (1)(−3) + 0 + 0 + (1)(3) = 0 → r = 0 < 0.30.
        Assert.Equal(0.0, report.Items[2].CorrectedItemTotal!.Value, 12);
        // A vs rest B + C = 4 4 3 7 (mean 4.5, d −0.5 −0.5 −1.5 2.5, Σd² = 9): Σ = 0.75 + 0.25 − 0.75 + 3.75 = 4; r = 4/√45 ≈ 0.596.
        Assert.Equal(4 / Math.Sqrt(45), report.Items[0].CorrectedItemTotal!.Value, 12);
        // Without C: s² 5/3 + 5/3 = 10/3, rest s² = 18/3 = 6 → α = 2 × (1 − 5/9) = 8/9: dropping C helps.
        Assert.Equal(8.0 / 9, report.Items[2].AlphaIfDeleted!.Value, 12);

        Assert.Equal(2, report.Warnings.Count);
        Assert.Contains(report.Warnings, w => w.Kind == ReliabilityWarningKind.LowAlpha && w.ItemIndex is null);
        Assert.Contains(report.Warnings, w => w.Kind == ReliabilityWarningKind.LowItemTotal && w.ItemIndex == 2);
    }

    [Fact]
    public void RespondentWithAMissingItemIsLeftOutAndCounted()
    {
        IReadOnlyList<IReadOnlyList<double>> rows =
        [
            [2, 3, 3], [3, 3, 4], [1, double.NaN, 5], [4, 5, 4], [5, 5], [5, 5, 5],
        ];
        var report = ScaleReliability.Analyse(rows);
        // The NaN row and the short row are dropped; the rest is the consistent scale: α = 27/29.
        Assert.Equal((6, 4), (report.RespondentsGiven, report.RespondentsUsed));
        Assert.Equal(27.0 / 29, report.Alpha!.Value, 12);
    }

    [Fact]
    public void FewerThanTwoRespondentsIsNotComputable()
    {
        var report = ScaleReliability.Analyse(new double[,] { { 1, 2, 3 }, { 2, double.NaN, 3 } });
        Assert.False(report.Computable);
        Assert.Null(report.Alpha);
        Assert.Equal(1, report.RespondentsUsed);
        Assert.Contains("2 respondents", report.NotComputableReason, StringComparison.Ordinal);
        Assert.Empty(report.Items);
    }

    [Fact]
    public void FewerThanTwoItemsIsNotComputable()
    {
        var report = ScaleReliability.Analyse(new double[,] { { 1 }, { 2 }, { 3 } });
        Assert.False(report.Computable);
        Assert.Contains("2 items", report.NotComputableReason, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoItemsHaveAlphaButNoAlphaIfDeleted()
    {
        // A 1 2 3, B 1 3 2: s² 1 and 1; T 2 5 5, mean 4, Σd² = 4 + 1 + 1 = 6 → 3; α = 2 × (1 − 2/3) = 2/3.
        var report = ScaleReliability.Analyse(new double[,] { { 1, 1 }, { 2, 3 }, { 3, 2 } });
        Assert.Equal(2.0 / 3, report.Alpha!.Value, 12);
        Assert.All(report.Items, i => Assert.Null(i.AlphaIfDeleted));
    }

    [Fact]
    public void EveryoneWithTheSameTotalIsNotComputableRatherThanNaN()
    {
        // Totals 4 4 4: s²_T = 0, alpha would divide by zero.
        var report = ScaleReliability.Analyse(new double[,] { { 1, 3 }, { 2, 2 }, { 3, 1 } });
        Assert.False(report.Computable);
        Assert.Null(report.Alpha);
        Assert.NotNull(report.NotComputableReason);
        Assert.All(report.Items, i => Assert.False(i.CorrectedItemTotal is { } r && double.IsNaN(r)));
    }

    [Fact]
    public void ItemEveryoneAnswersAlikeHasNoCorrelationAndIsWarned()
    {
        // C is 3 for all: s²_C = 0, so r(C, rest) is undefined (null), never NaN.
        var report = ScaleReliability.Analyse(new double[,] { { 1, 1, 3 }, { 2, 3, 3 }, { 3, 2, 3 }, { 4, 4, 3 } });
        Assert.Null(report.Items[2].CorrectedItemTotal);
        Assert.Contains(report.Warnings, w => w.Kind == ReliabilityWarningKind.NoItemVariance && w.ItemIndex == 2);
    }
}
