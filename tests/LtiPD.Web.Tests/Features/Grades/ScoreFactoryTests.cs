using System.Text.Json;
using LtiPD.Data.Entities;
using LtiPD.Lti.Platforms;
using LtiPD.Lti.Services.Ags;
using LtiPD.Web.Features.Grades;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>The score an outbox row becomes, and Canvas's submission extension on it where the platform is Canvas.</summary>
public sealed class ScoreFactoryTests
{
    private static readonly DateTimeOffset SubmittedAt = new(2026, 11, 23, 9, 30, 15, 250, TimeSpan.Zero);

    [Theory]
    [InlineData("https://canvas.instructure.com")]
    [InlineData("https://canvas.beta.instructure.com")]
    [InlineData("https://canvas.test.instructure.com/")]
    public void ACanvasCloudScoreIsANewSubmissionAtTheAttemptsSubmissionTime(string issuer)
    {
        var score = ScoreFactory.Build(Row(), Platform(issuer, "https://sso.canvaslms.com/api/lti/authorize_redirect"));

        Assert.Equal(true, score.CanvasSubmission?.NewSubmission);
        Assert.Equal(SubmittedAt, score.CanvasSubmission?.SubmittedAt);
    }

    [Fact]
    public void ASelfHostedCanvasIsKnownByItsAuthorizeRedirectEndpoint()
    {
        var platform = Platform("https://canvas.university.kz", "https://canvas.university.kz/api/lti/authorize_redirect");

        Assert.True(CanvasSubmissionPolicy.IsCanvas(platform));
        Assert.NotNull(ScoreFactory.Build(Row(), platform).CanvasSubmission);
    }

    [Theory]
    [InlineData("https://moodle.university.kz", "https://moodle.university.kz/mod/lti/auth.php")]
    [InlineData("https://canvas.instructure.com.attacker.example", "https://attacker.example/auth")]
    [InlineData("https://d2l.university.kz", "https://d2l.university.kz/d2l/lti/authenticate")]
    public void OtherPlatformsGetNoCanvasExtension(string issuer, string authUrl)
    {
        var score = ScoreFactory.Build(Row(), Platform(issuer, authUrl));

        Assert.Null(score.CanvasSubmission);
    }

    [Fact]
    public void TheScoreCarriesTheRowsGradeAndTimestamp()
    {
        var score = ScoreFactory.Build(Row(GradingProgress.FullyGraded), Platform("https://moodle.university.kz", "https://moodle.university.kz/mod/lti/auth.php"));

        Assert.Equal("user-7", score.UserId);
        Assert.Equal(1.5, score.ScoreGiven);
        Assert.Equal(2, score.ScoreMaximum);
        Assert.Equal(ActivityProgress.Completed, score.ActivityProgress);
        Assert.Equal(GradingProgress.FullyGraded, score.GradingProgress);
        Assert.Equal(SubmittedAt, score.Timestamp);
        Assert.Null(score.Comment);
    }

    [Theory]
    [InlineData(GradingProgress.PendingManual)]
    [InlineData(GradingProgress.Pending)]
    public void WorkAwaitingReviewIsSentAsSubmittedPendingManualWithoutAScore(GradingProgress stored)
    {
        var score = ScoreFactory.Build(Row(stored), Platform("https://moodle.university.kz", "https://moodle.university.kz/mod/lti/auth.php"));

        Assert.Equal((ActivityProgress.Submitted, GradingProgress.PendingManual), (score.ActivityProgress, score.GradingProgress));
        Assert.Null(score.ScoreGiven);
        Assert.Null(score.ScoreMaximum);
        Assert.Null(score.Comment);
    }

    [Fact]
    public void AReviewedGradeCarriesTheReviewersComment()
    {
        var row = Row(GradingProgress.FullyGraded);
        row.Comment = "Clear plan; the assessment criteria need examples.";

        var score = ScoreFactory.Build(row, Platform("https://moodle.university.kz", "https://moodle.university.kz/mod/lti/auth.php"));

        Assert.Equal((ActivityProgress.Completed, 1.5, 2.0), (score.ActivityProgress, score.ScoreGiven!.Value, score.ScoreMaximum!.Value));
        Assert.Equal(row.Comment, score.Comment);
    }

    [Fact]
    public void OnCanvasAPendingTaskIsANewSubmissionAndItsReviewGradesThatSameSubmission()
    {
        var canvas = Platform("https://canvas.instructure.com", "https://sso.canvaslms.com/api/lti/authorize_redirect");
        var pending = Row(GradingProgress.PendingManual);
        var reviewed = Row(GradingProgress.FullyGraded);
        reviewed.Timestamp = SubmittedAt.AddHours(20);

        var first = ScoreFactory.Build(pending, canvas);
        var review = ScoreFactory.Build(reviewed, canvas);

        Assert.Equal((true, SubmittedAt), (first.CanvasSubmission!.NewSubmission!.Value, first.CanvasSubmission.SubmittedAt!.Value));
        Assert.Equal((false, SubmittedAt), (review.CanvasSubmission!.NewSubmission!.Value, review.CanvasSubmission.SubmittedAt!.Value));
        Assert.Equal(SubmittedAt.AddHours(20), review.Timestamp);
    }

    [Fact]
    public void TheCanvasExtensionIsWrittenUnderItsOwnPropertyName()
    {
        var score = ScoreFactory.Build(Row(), Platform("https://canvas.instructure.com", "https://sso.canvaslms.com/api/lti/authorize_redirect"));

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(score));
        var extension = json.RootElement.GetProperty("https://canvas.instructure.com/lti/submission");

        Assert.True(extension.GetProperty("new_submission").GetBoolean());
        Assert.Equal(SubmittedAt, extension.GetProperty("submitted_at").GetDateTimeOffset());
    }

    private static GradeDeliveryEntity Row(GradingProgress progress = GradingProgress.FullyGraded) => new()
    {
        AttemptId = "attempt-1",
        DeploymentId = "1",
        ResourceId = "social-self-assessment",
        Label = "Social self-assessment",
        UserId = "user-7",
        ScoreGiven = 1.5,
        ScoreMaximum = 2,
        GradingProgress = (int)progress,
        Timestamp = SubmittedAt,
        SubmittedAt = SubmittedAt,
    };

    private static PlatformRegistration Platform(string issuer, string authUrl) =>
        new(issuer, "client-1", new Uri(authUrl), new Uri("https://lms.example/token"), new Uri("https://lms.example/jwks"), ["1"]);
}
