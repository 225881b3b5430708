using System.Net;
using LtiPD.Data.Entities;
using LtiPD.Domain.Assessment;
using LtiPD.Domain.Content;
using LtiPD.PlatformSimulator;
using LtiPD.Web.Features.Grades;
using LtiPD.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LtiPD.Web.Tests.Features.Grades;

/// <summary>What the grade tests do as a browser and as an LMS would: launch a link, hand in an assessment, wait for the outbox.</summary>
internal sealed class GradeSteps(LtiEnvironment env)
{
    /// <summary>Launches <paramref name="user"/> through the simulator; <paramref name="mutate"/> changes the signed claims.</summary>
    public async Task<string> LaunchAsync(SimUser user, Action<IdTokenDraft>? mutate = null)
    {
        var outcome = await env.Driver().LaunchAsync(user, mutate);
        Assert.Equal(HttpStatusCode.Redirect, outcome.Status);
        return outcome.SessionId!;
    }

    /// <summary>
    /// Answers every choice item with its best keyed option and every Likert item with 4, writes <paramref name="text"/> into the
    /// first practical task (the others stay empty), submits (confirming), and returns the attempt's id.
    /// </summary>
    /// <param name="forModule">The module the assessment is taken for (opened from its page): the submission then counts for that module.</param>
    public async Task<string> SubmitBestAsync(string session, string code, string text = "Outcomes: write a for loop. Stages: recap, pair programming, quiz.",
        string? forModule = null)
    {
        var page = await env.Driver().GetAsync($"s/{session}/assess/{code}?again=true{(forModule is null ? "" : "&module=" + forModule)}");
        var attemptId = System.Text.RegularExpressions.Regex.Match(page.Body, "data-attempt=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(attemptId);
        var document = await env.Tool.WithDbAsync(db => db.Instruments.AsNoTracking().Where(i => i.Code == code)
            .OrderByDescending(i => i.Version).Select(i => i.Document).FirstAsync());
        var items = InstrumentDocument.Parse(document).Value!.Items;
        var firstTask = items.FirstOrDefault(i => i.Kind == ItemKind.RubricTask);
        var answers = items
            .Where(item => item.Kind != ItemKind.RubricTask || item == firstTask)
            .Select(item => KeyValuePair.Create($"i.{item.Code}",
                item.Kind == ItemKind.RubricTask ? text
                : item.Options.Count == 0 ? "4"
                : item.Options.MaxBy(o => o.Score)!.Code))
            .ToList();
        // The other practical tasks stay empty on purpose: the submission is confirmed, as a teacher confirms it on the page.
        answers.Add(KeyValuePair.Create("confirmed", "true"));
        if (forModule is not null)
            answers.Add(KeyValuePair.Create("module", forModule));
        using var client = env.Tool.CreateRawClient();
        using var submit = await client.PostAsync($"s/{session}/assess/{code}?handler=Submit", new FormUrlEncodedContent(answers));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        return attemptId;
    }

    public Task<(HttpStatusCode Status, string Body)> GetAsync(string path) => env.Driver().GetAsync(path);

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<(string Name, string Value)> fields)
    {
        using var client = env.Tool.CreateRawClient();
        return await client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));
    }

    public Task<List<GradeDeliveryEntity>> RowsOfAsync(SimUser user) =>
        env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().Where(g => g.UserId == user.Sub).ToListAsync());

    /// <summary>The outbox row of an attempt or completion once <paramref name="done"/> holds (15 s at most).</summary>
    public async Task<GradeDeliveryEntity> WaitAsync(string id, Func<GradeDeliveryEntity, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var row = await env.Tool.WithDbAsync(db => db.GradeDeliveries.AsNoTracking().SingleAsync(g => g.AttemptId == id));
            if (done(row))
                return row;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"The grade {id} ({row.ResourceId}) stayed {(DeliveryStatus)row.Status} after {row.Tries} tries: {row.LastError}");
            await Task.Delay(50);
        }
    }

    public Task<GradeDeliveryEntity> WaitAsync(string id, DeliveryStatus status) => WaitAsync(id, r => r.Status == (int)status);

    /// <summary>Waits until every outbox row of <paramref name="user"/> has left Pending.</summary>
    public async Task<List<GradeDeliveryEntity>> SettledRowsOfAsync(SimUser user, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var rows = await RowsOfAsync(user);
            if (rows.Count == expected && rows.All(r => r.Status != (int)DeliveryStatus.Pending))
                return rows;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Grades of {user.Sub}: {string.Join(", ", rows.Select(r => $"{r.ResourceId}={(DeliveryStatus)r.Status}"))}");
            await Task.Delay(50);
        }
    }

    /// <summary>The line item the simulator made for its first resource link (the plain activity every default launch opens).</summary>
    public SimLineItem PlainLinkColumn() => env.Platform.LineItems.Single(i => i.ResourceLinkId == "1");
}
