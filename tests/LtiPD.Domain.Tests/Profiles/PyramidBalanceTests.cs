using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Profiles;

namespace LtiPD.Domain.Tests.Profiles;

public sealed class PyramidBalanceTests
{
    [Fact]
    public void EvenProfileIsNotDistorted()
    {
        // S 70, J 60, P 65: balance 1 − (70 − 60) / 100 = 0.9; weakest J lags (70 + 65) / 2 − 60 = 7.5 ≤ 15.
        var balance = PyramidBalance.Of(new ComponentScores(70, 60, 65));
        Assert.Equal(Distortion.None, balance.Distortion);
        Assert.False(balance.IsDistorted);
        Assert.Equal(0.9, balance.BalanceIndex!.Value, 12);
        Assert.Equal(Component.Subject, balance.Weakest);
        Assert.Equal(7.5, balance.Lag!.Value, 12);
    }

    [Fact]
    public void LaggingPedagogicalComponentIsWeakPedagogical()
    {
        // S 80, J 70, P 40: lag (80 + 70) / 2 − 40 = 35 > 15; balance 1 − (80 − 40) / 100 = 0.6.
        var balance = PyramidBalance.Of(new ComponentScores(80, 70, 40));
        Assert.Equal(Distortion.WeakPedagogical, balance.Distortion);
        Assert.Equal(35.0, balance.Lag!.Value, 12);
        Assert.Equal(0.6, balance.BalanceIndex!.Value, 12);
    }

    [Fact]
    public void LaggingSubjectComponentIsWeakSubject()
    {
        // S 60, J 30, P 70: lag (60 + 70) / 2 − 30 = 35.
        var balance = PyramidBalance.Of(new ComponentScores(60, 30, 70));
        Assert.Equal((Distortion.WeakSubject, 35.0), (balance.Distortion, balance.Lag!.Value));
    }

    [Fact]
    public void LaggingSocialComponentIsWeakSocial()
    {
        // S 45, J 75, P 65: lag (75 + 65) / 2 − 45 = 25.
        var balance = PyramidBalance.Of(new ComponentScores(45, 75, 65));
        Assert.Equal((Distortion.WeakSocial, 25.0), (balance.Distortion, balance.Lag!.Value));
    }

    [Fact]
    public void LagEqualToTheMarginIsNotYetDistorted()
    {
        // S 65, J 50, P 65: lag (65 + 65) / 2 − 50 = 15, not above 15.
        Assert.Equal(Distortion.None, PyramidBalance.Of(new ComponentScores(65, 50, 65)).Distortion);
    }

    [Fact]
    public void MarginComesFromThePolicy()
    {
        // Same profile, lag 15 > 10.
        var balance = PyramidBalance.Of(new ComponentScores(65, 50, 65), new ScoringPolicy(DistortionMargin: 10));
        Assert.Equal(Distortion.WeakSubject, balance.Distortion);
    }

    [Fact]
    public void TieForWeakestNamesTheSocialBaseFirst()
    {
        // S 40, J 80, P 40: S and P tie at 40; lag (80 + 40) / 2 − 40 = 20.
        var balance = PyramidBalance.Of(new ComponentScores(40, 80, 40));
        Assert.Equal((Distortion.WeakSocial, 20.0), (balance.Distortion, balance.Lag!.Value));
    }

    [Fact]
    public void ComponentWithoutEvidenceLeavesTheShapeUndetermined()
    {
        var balance = PyramidBalance.Of(new ComponentScores(70, null, 65));
        Assert.Equal(Distortion.Undetermined, balance.Distortion);
        Assert.Null(balance.BalanceIndex);
        Assert.Null(balance.Lag);
        Assert.Null(balance.Weakest);
    }
}
