namespace LtiPD.PlatformSimulator.State;

/// <summary>What a tool may set on a line item (AGS 2.0 §3.2).</summary>
internal sealed record LineItemFields(
    string Label,
    double ScoreMaximum,
    string? ResourceId,
    string? Tag,
    string? ResourceLinkId,
    DateTimeOffset? StartDateTime,
    DateTimeOffset? EndDateTime);

internal enum ScoreAdmission
{
    Accepted,
    UnknownLineItem,
    NotNewer,
}

/// <summary>Line items and received scores, in memory. Line items are addressed by a number that appears in their URL.</summary>
internal sealed class Gradebook(Func<int, Uri> lineItemUrl)
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<int, SimLineItem> _items = [];
    private readonly List<SimScore> _scores = [];

    // The last score per (line item, user), so admitting a score does not scan every score received (fault tests send 10,000s).
    private readonly Dictionary<(Uri LineItem, string User), SimScore> _last = [];
    private int _nextNumber = 1;

    public IReadOnlyList<SimLineItem> LineItems
    {
        get
        {
            lock (_gate)
            {
                return [.. _items.Values];
            }
        }
    }

    public IReadOnlyList<SimScore> Scores
    {
        get
        {
            lock (_gate)
            {
                return [.. _scores];
            }
        }
    }

    /// <summary>Moodle creates a grade item with each LTI activity; the simulator does so on the link's first launch.</summary>
    public SimLineItem EnsureFor(SimResourceLink link)
    {
        lock (_gate)
        {
            return _items.Values.FirstOrDefault(item => item.ResourceLinkId == link.Id)
                ?? AddLocked(new LineItemFields(link.Title, 100, null, null, link.Id, null, null));
        }
    }

    public SimLineItem Create(LineItemFields fields)
    {
        lock (_gate)
        {
            return AddLocked(fields);
        }
    }

    public SimLineItem? Find(int number)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(number);
        }
    }

    /// <summary>AGS 2.0 §3.2.6: the tool may change everything but the id; the resource link binding stays as the platform has it.</summary>
    public SimLineItem? Update(int number, LineItemFields fields)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(number, out var existing))
            {
                return null;
            }

            var updated = existing with
            {
                Label = fields.Label,
                ScoreMaximum = fields.ScoreMaximum,
                ResourceId = fields.ResourceId,
                Tag = fields.Tag,
                StartDateTime = fields.StartDateTime,
                EndDateTime = fields.EndDateTime,
            };
            _items[number] = updated;
            return updated;
        }
    }

    public bool Delete(int number)
    {
        lock (_gate)
        {
            return _items.Remove(number);
        }
    }

    /// <param name="requireNewer">Moodle refuses a score whose timestamp is not after the last one stored for that user and line item.</param>
    /// <param name="ordersLaterScores">False for a score whose time the platform does not keep (Moodle's ungraded scores).</param>
    public ScoreAdmission AddScore(int number, SimScore score, bool requireNewer, bool ordersLaterScores = true)
    {
        lock (_gate)
        {
            if (!_items.ContainsKey(number))
            {
                return ScoreAdmission.UnknownLineItem;
            }

            var key = (score.LineItemId, score.UserId);
            if (requireNewer && _last.TryGetValue(key, out var last) && score.Timestamp <= last.Timestamp)
            {
                return ScoreAdmission.NotNewer;
            }

            _scores.Add(score);
            if (ordersLaterScores)
            {
                _last[key] = score;
            }

            return ScoreAdmission.Accepted;
        }
    }

    /// <summary>The current result of each user: the last score received (AGS 2.0 §3.3).</summary>
    public IReadOnlyList<SimScore> LatestScores(Uri lineItemId)
    {
        lock (_gate)
        {
            return _scores.Where(score => score.LineItemId == lineItemId)
                .GroupBy(score => score.UserId, StringComparer.Ordinal)
                .Select(group => group.Last())
                .ToList();
        }
    }

    private SimLineItem AddLocked(LineItemFields fields)
    {
        var number = _nextNumber++;
        var item = new SimLineItem(
            lineItemUrl(number), fields.Label, fields.ScoreMaximum, fields.ResourceId, fields.Tag, fields.ResourceLinkId,
            fields.StartDateTime, fields.EndDateTime);
        _items[number] = item;
        return item;
    }
}
