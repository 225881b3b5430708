using LtiPD.Domain.Assessment.Scoring;
using LtiPD.Domain.Competencies;
using LtiPD.Web.Features.Assessments;

namespace LtiPD.Web.Tests.Features.Assessments;

/// <summary>
/// The nightly job merges profiles from <see cref="ResultRecord.MeasuresFromJson"/>, a reader of its own; whatever a stored record
/// says, it must read what the full reader reads, items and answer problems aside.
/// </summary>
public sealed class ResultRecordJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 14, 9, 26, 53, 589, TimeSpan.FromHours(5));

    public static TheoryData<string> Records => new()
    {
        Record(RecordStage.Submitted, enough: true, pending: 0).ToJson(),
        Record(RecordStage.Reviewed, enough: true, pending: 0).ToJson(),
        Record(RecordStage.Submitted, enough: true, pending: 2).ToJson(),
        Record(RecordStage.Submitted, enough: false, pending: 0).ToJson(),
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void ReadsEveryMeasureTheFullReaderReads(string json)
    {
        var full = ResultRecord.FromJson(json)!;
        var expected = full with { Score = full.Score with { Items = [], Problems = [] } };

        var measures = ResultRecord.MeasuresFromJson(json)!;

        Assert.Equal(expected.ToJson(), measures.ToJson());
        Assert.Empty(measures.Score.Items);
        Assert.Empty(measures.Score.Problems);
    }

    [Fact]
    public void ReadsEnumsWrittenAsNumbersAndSkipsPropertiesItDoesNotKnow()
    {
        var json = Record(RecordStage.Reviewed, enough: true, pending: 0).ToJson()
            .Replace("\"stage\":\"Reviewed\"", "\"stage\":1,\"addedLater\":{\"nested\":[1,{\"x\":null}]}", StringComparison.Ordinal)
            .Replace("\"level\":\"High\"", "\"level\":4", StringComparison.Ordinal);

        var measures = ResultRecord.MeasuresFromJson(json)!;

        Assert.Equal(RecordStage.Reviewed, measures.Stage);
        Assert.Equal(Level.High, measures.Score.Competencies.Single(c => c.Code == "c-2").Level);
    }

    [Fact]
    public void NoRecordReadsAsNone() => Assert.Null(ResultRecord.MeasuresFromJson(""));

    [Fact]
    public void ARecordCutShortIsRefusedNotHalfRead()
    {
        var json = Record(RecordStage.Submitted, enough: true, pending: 0).ToJson();

        Assert.ThrowsAny<System.Text.Json.JsonException>(() => ResultRecord.MeasuresFromJson(json[..(json.Length / 2)]));
    }

    private static ResultRecord Record(RecordStage stage, bool enough, int pending)
    {
        var evidence = enough ? Evidence.Enough : Evidence.NotEnough;
        IndicatorScore[] indicators =
        [
            new("c-1", "c-1-a", 3, pending, 3 + pending, enough ? 66.67 : null, enough ? Level.Average : null, evidence),
            new("c-2", "c-2-a", 2, 0, 2, enough ? 87.5 : null, enough ? Level.High : null, evidence),
        ];
        CompetencyScore[] competencies =
        [
            new("c-1", Component.Pedagogical, 3, pending, 3 + pending, enough ? 66.67 : null, enough ? Level.Average : null, evidence),
            new("c-2", Component.Social, 2, 0, 2, enough ? 87.5 : null, enough ? Level.High : null, evidence),
        ];
        var score = new AttemptScore("instrument-«ü»", 3,
            [new ItemScore("i-1", ItemState.Scored, 0.5), new ItemScore("i-2", ItemState.Pending, null)],
            indicators, competencies, new LmsGrade(4.25, 7, pending == 0),
            [new AnswerProblem("i-9", AnswerProblemKind.UnknownItem, "'i-9' is not an item.")]);
        return new ResultRecord(ResultRecord.CurrentFormat, stage, At, score,
            new AttemptEvidence(enough, 5, 7, 4, enough ? [] : ["i-2", "i-\"quoted\""]));
    }
}
