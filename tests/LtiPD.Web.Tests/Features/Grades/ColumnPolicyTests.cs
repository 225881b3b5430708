using System.Net;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>
/// A column holds one thing (docs/grades.md): from a plain link, which names no item, every assessment and module goes to its
/// own column and the link's column receives nothing. Asserted on what the simulator's gradebook holds.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class ColumnPolicyTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private readonly GradeSteps _steps = new(env);

    [Fact]
    public async Task FromAPlainLinkTheLinksColumnReceivesNothingAndEachItemGoesToItsOwnColumn()
    {
        var user = env.Platform.AddLearners(1)[0];
        var self = env.Platform.AddLineItem("Self-assessment", 100, resourceId: "social-self-assessment", tag: "ltipd", resourceLinkId: "self-link");
        var test = env.Platform.AddLineItem("Pedagogy and subject", 100, resourceId: "pedagogy-and-subject-test", tag: "ltipd", resourceLinkId: "test-link");
        var module = env.Platform.AddLineItem("Programming fundamentals", 100, resourceId: "programming-fundamentals", tag: "ltipd", resourceLinkId: "module-link");
        // A column someone added by hand with the same resourceId but not LtiPD's tag is not the item's column.
        var foreign = env.Platform.AddLineItem("Hand-made", 10, resourceId: "social-self-assessment", tag: "manual", resourceLinkId: null);
        var session = await _steps.LaunchAsync(user);

        var selfAttempt = await _steps.SubmitBestAsync(session, "social-self-assessment");
        // Taken for the module from its page, the test is the module's evidence and completes it (one submission, one module).
        var testAttempt = await _steps.SubmitBestAsync(session, "pedagogy-and-subject-test", forModule: "programming-fundamentals");

        var rows = await _steps.SettledRowsOfAsync(user, expected: 3);
        Assert.All(rows, r => Assert.Equal(DeliveryStatus.Sent, (DeliveryStatus)r.Status));
        Assert.All(rows, r => Assert.Null(r.LineItemUrl));
        var mine = env.Platform.Scores.Where(s => s.UserId == user.Sub).ToList();
        Assert.DoesNotContain(mine, s => s.LineItemId == _steps.PlainLinkColumn().Id);
        Assert.DoesNotContain(mine, s => s.LineItemId == foreign.Id);
        Assert.Equal(rows.Single(r => r.AttemptId == selfAttempt).ScoreGiven, Assert.Single(mine, s => s.LineItemId == self.Id).ScoreGiven);
        Assert.Equal(rows.Single(r => r.AttemptId == testAttempt).ScoreGiven, Assert.Single(mine, s => s.LineItemId == test.Id).ScoreGiven);
        var moduleRow = rows.Single(r => r.ResourceId == "programming-fundamentals");
        Assert.Equal((moduleRow.ScoreGiven, moduleRow.ScoreMaximum), (Assert.Single(mine, s => s.LineItemId == module.Id).ScoreGiven, Assert.Single(mine, s => s.LineItemId == module.Id).ScoreMaximum));
        Assert.Equal(3, mine.Count);
        Assert.Equal(4, env.Platform.LineItems.Count(i => i.ResourceId is "social-self-assessment" or "pedagogy-and-subject-test" or "programming-fundamentals"));
    }

    [Fact]
    public async Task AnItemsOwnLinkSendsToItsLineItemAndAnotherItemTakenInThatLaunchGoesToItsOwnColumn()
    {
        var user = env.Platform.AddLearners(1)[0];
        var situations = env.Platform.AddLineItem("Teaching situations", 100, resourceId: "teaching-situations", tag: "ltipd", resourceLinkId: "situations-link");
        var session = await _steps.LaunchAsync(user, draft => Claims.LinkTo(draft, "social-self-assessment"));

        var linked = await _steps.SubmitBestAsync(session, "social-self-assessment");
        var other = await _steps.SubmitBestAsync(session, "teaching-situations");

        var linkedRow = await _steps.WaitAsync(linked, DeliveryStatus.Sent);
        await _steps.WaitAsync(other, DeliveryStatus.Sent);
        var linkColumn = _steps.PlainLinkColumn().Id;
        Assert.Equal(linkColumn.AbsoluteUri, linkedRow.LineItemUrl);
        var inLinkColumn = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId == linkColumn);
        Assert.Equal(linkedRow.ScoreGiven, inLinkColumn.ScoreGiven);
        Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId == situations.Id);
    }
}

/// <summary>
/// Without the course setting and without a column, a grade is kept in LtiPD and shown as a neutral state; a module's own new
/// link later takes its kept grade without anyone resending it.
/// </summary>
[Collection(GradesCollection.Name)]
public sealed class KeptGradeTests(FastGradesEnvironment env) : IClassFixture<FastGradesEnvironment>
{
    private const string Module = "reflective-practice";
    private readonly GradeSteps _steps = new(env);

    [Fact]
    public async Task WithoutAColumnNothingIsSentAndThePagesSayNotSentAsANeutralState()
    {
        var user = env.Platform.AddLearners(1)[0];
        var columnsBefore = env.Platform.LineItems.Count;
        var session = await _steps.LaunchAsync(user);

        var attempt = await _steps.SubmitBestAsync(session, "pedagogy-and-subject-test");

        var row = await _steps.WaitAsync(attempt, DeliveryStatus.NoColumn);
        Assert.Null(row.LastError);
        await Task.Delay(300);
        Assert.DoesNotContain(env.Platform.Scores, s => s.UserId == user.Sub);
        Assert.Equal(columnsBefore, env.Platform.LineItems.Count);
        var result = await _steps.GetAsync($"s/{session}/result/{attempt}");
        Assert.Contains("id=\"grade-delivery\" data-status=\"NoColumn\">Not sent: this course has no gradebook column for it.", result.Body, StringComparison.Ordinal);
        var designer = await _steps.LaunchAsync(env.Platform.Designer);
        var grades = (await _steps.GetAsync($"s/{designer}/grades")).Body;
        Assert.DoesNotContain($"<tr data-attempt=\"{attempt}\" data-status=\"Failed\"", grades, StringComparison.Ordinal);
        Assert.Matches($"id=\"kept-grades\"[\\s\\S]*?<tr data-attempt=\"{attempt}\" data-status=\"NoColumn\">[\\s\\S]*?class=\"delivery-state neutral\">Not sent: this course has no gradebook column for it.", grades);
        var russian = (await _steps.GetAsync($"s/{await _steps.LaunchAsync(env.Platform.Designer, draft => draft.Claims[Claims.LaunchPresentation] = new Dictionary<string, object?> { ["locale"] = "ru_RU" })}/grades")).Body;
        Assert.Contains("Не отправлено: в этом курсе нет для неё столбца журнала оценок.", russian, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AModuleOpenedFromItsOwnNewLinkSendsItsKeptGradeWithoutAResend()
    {
        var user = env.Platform.AddLearners(1)[0];
        var home = await _steps.LaunchAsync(user);
        await _steps.SubmitBestAsync(home, "teaching-situations", forModule: Module);
        await _steps.SubmitBestAsync(home, "social-self-assessment", forModule: Module);
        var completion = await env.Tool.WithDbAsync(db => db.ModuleCompletions.AsNoTracking().SingleAsync(c => c.UserId == user.Sub && c.ModuleCode == Module));
        await _steps.WaitAsync(completion.Id, DeliveryStatus.NoColumn);

        // The designer attaches the module (Deep Linking): the platform makes the link and its column.
        var column = env.Platform.AddLineItem("Reflective practice", 100, resourceId: Module, tag: "ltipd", resourceLinkId: "rp-link");
        var outcome = await env.Driver().LaunchAsync(user, draft =>
        {
            Claims.LinkTo(draft, Module, module: true);
            ((Dictionary<string, object?>)draft.Claims[Claims.ResourceLink]!)["id"] = "rp-link";
            ((Dictionary<string, object?>)draft.Claims[Claims.AgsEndpoint]!)["lineitem"] = column.Id.AbsoluteUri;
        });
        Assert.Equal($"/s/{outcome.SessionId}/modules/{Module}", outcome.Location);
        await _steps.GetAsync(outcome.Location!);

        var row = await _steps.WaitAsync(completion.Id, DeliveryStatus.Sent);
        Assert.Equal(column.Id.AbsoluteUri, row.LineItemUrl);
        var score = Assert.Single(env.Platform.Scores, s => s.UserId == user.Sub && s.LineItemId == column.Id);
        Assert.Equal((completion.ScoreGiven, completion.ScoreMaximum), (score.ScoreGiven!.Value, score.ScoreMaximum!.Value));
        Assert.Equal(1, row.Tries);
        Assert.DoesNotContain(env.Platform.Recorder.Calls, c => c.Method == "POST" && c.PathAndQuery.EndsWith("/lineitems", StringComparison.Ordinal));
        var page = (await _steps.GetAsync($"s/{outcome.SessionId}/modules/{Module}")).Body;
        Assert.Contains("id=\"grade-delivery\" data-status=\"Sent\">Grade sent to the LMS.", page, StringComparison.Ordinal);
    }
}
