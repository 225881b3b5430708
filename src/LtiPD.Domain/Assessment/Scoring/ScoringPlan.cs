using System.Numerics;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Content;

namespace LtiPD.Domain.Assessment.Scoring;

/// <summary>
/// An instrument version compiled for scoring: item codes → positions, each item's indicator and
/// competency slot, option keys as bit masks, rubric maxima. Build it once per instrument version
/// (an attempt is always scored on the version it was taken on) and reuse it for every attempt:
/// scoring then does one dictionary lookup per answer and allocates only the result.
/// </summary>
public sealed class ScoringPlan
{
    /// <summary>Choice items are scored with a 64-bit mask of chosen options, so at most 64 options.</summary>
    public const int MaxOptions = 64;

    private const int StackLimit = 256;

    private readonly CompiledItem[] _items;
    private readonly Dictionary<string, int> _itemIndex;
    private readonly IndicatorSlot[] _indicators;
    private readonly CompetencySlot[] _competencies;

    private ScoringPlan(Instrument instrument, ScoringPolicy policy, CompiledItem[] items, Dictionary<string, int> itemIndex, IndicatorSlot[] indicators, CompetencySlot[] competencies)
    {
        InstrumentCode = instrument.Code;
        InstrumentVersion = instrument.Version;
        Policy = policy;
        _items = items;
        _itemIndex = itemIndex;
        _indicators = indicators;
        _competencies = competencies;
    }

    public string InstrumentCode { get; }

    public int InstrumentVersion { get; }

    public ScoringPolicy Policy { get; }

    public int ItemCount => _items.Length;

    /// <summary>
    /// Everything in an instrument that would make scoring wrong or ambiguous: items whose
    /// competency or indicator is not in the framework, duplicate codes, choice items without a
    /// usable key, rubric tasks without criteria. Empty when the instrument can be compiled.
    /// </summary>
    public static IReadOnlyList<InstrumentProblem> Check(Instrument instrument, CompetencyFramework framework)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(framework);
        var problems = new List<InstrumentProblem>();
        if (!string.Equals(instrument.FrameworkCode, framework.Code, StringComparison.Ordinal))
            problems.Add(new(null, ContentMessages.WrittenForOtherFramework(ContentTerms.Instrument, instrument.FrameworkCode, framework.Code)));
        if (instrument.Items.Count == 0)
            problems.Add(new(null, ContentMessages.InstrumentWithoutItems()));
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in instrument.Items)
        {
            if (!codes.Add(item.Code))
                problems.Add(new(item.Code, ContentMessages.CodeUsedTwice(ContentTerms.Item, item.Code)));
            var competency = framework.FindCompetency(item.CompetencyCode);
            if (competency is null)
                problems.Add(new(item.Code, ContentMessages.ItemUnknownCompetency(item.Code, item.CompetencyCode)));
            else if (!competency.Indicators.Any(i => string.Equals(i.Code, item.IndicatorCode, StringComparison.Ordinal)))
                problems.Add(new(item.Code, ContentMessages.ItemUnknownIndicator(item.Code, item.IndicatorCode, competency.Code)));
            CheckKey(item, problems);
        }
        return problems;
    }

    /// <summary>Compiles an instrument; throws <see cref="ArgumentException"/> listing every problem of <see cref="Check"/> or of the policy.</summary>
    public static ScoringPlan Compile(Instrument instrument, CompetencyFramework framework, ScoringPolicy? policy = null)
    {
        policy ??= ScoringPolicy.Default;
        var messages = Check(instrument, framework).Select(p => p.ItemCode is null ? p.Message : $"{p.ItemCode}: {p.Message}")
            .Concat(policy.Validate().Select(p => p.Message))
            .ToList();
        if (messages.Count > 0)
            throw new ArgumentException($"Instrument '{instrument.Code}' v{instrument.Version} cannot be scored: {string.Join(" ", messages)}", nameof(instrument));

        // Slots follow framework order so that results read in the order the framework is written.
        var competencySlots = new List<CompetencySlot>();
        var indicatorSlots = new List<IndicatorSlot>();
        var competencyOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var indicatorOf = new Dictionary<(string, string), int>();
        foreach (var competency in framework.Competencies)
        {
            var used = instrument.Items.Where(i => string.Equals(i.CompetencyCode, competency.Code, StringComparison.Ordinal)).ToList();
            if (used.Count == 0)
                continue;
            competencyOf[competency.Code] = competencySlots.Count;
            competencySlots.Add(new CompetencySlot(competency.Code, competency.Component, used.Count));
            foreach (var indicator in competency.Indicators)
            {
                var count = used.Count(i => string.Equals(i.IndicatorCode, indicator.Code, StringComparison.Ordinal));
                if (count == 0)
                    continue;
                indicatorOf[(competency.Code, indicator.Code)] = indicatorSlots.Count;
                indicatorSlots.Add(new IndicatorSlot(competency.Code, indicator.Code, count));
            }
        }

        var items = new CompiledItem[instrument.Items.Count];
        var index = new Dictionary<string, int>(items.Length, StringComparer.Ordinal);
        for (var i = 0; i < items.Length; i++)
        {
            var item = instrument.Items[i];
            items[i] = new CompiledItem(item, indicatorOf[(item.CompetencyCode, item.IndicatorCode)], competencyOf[item.CompetencyCode]);
            index[item.Code] = i;
        }
        return new ScoringPlan(instrument, policy, items, index, indicatorSlots.ToArray(), competencySlots.ToArray());
    }

    /// <summary>
    /// Scores one attempt. Answers may come in any order; an item without an answer is
    /// unanswered. Refused answers are listed in <see cref="AttemptScore.Problems"/> and their
    /// items count as unanswered, never as 0 points of evidence.
    /// </summary>
    public AttemptScore Score(IReadOnlyList<Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var n = _items.Length;
        var results = new ItemScore[n];
        Span<bool> seen = n <= StackLimit ? stackalloc bool[n] : new bool[n];
        List<AnswerProblem>? problems = null;

        var next = 0;
        for (var a = 0; a < answers.Count; a++)
        {
            var answer = answers[a];
            // Answers usually arrive in instrument order: try the item after the last one before hashing the code.
            var i = next < n && string.Equals(_items[next].Code, answer.ItemCode, StringComparison.Ordinal) ? next : IndexOf(answer.ItemCode);
            if (i < 0)
            {
                (problems ??= []).Add(new(answer.ItemCode, AnswerProblemKind.UnknownItem, $"'{answer.ItemCode}' is not an item of {InstrumentCode} v{InstrumentVersion}."));
                continue;
            }
            var item = _items[i];
            if (seen[i])
            {
                results[i] = new ItemScore(item.Code, ItemState.Invalid, null);
                (problems ??= []).Add(new(item.Code, AnswerProblemKind.DuplicateAnswer, $"Item '{item.Code}' was answered more than once."));
                continue;
            }
            seen[i] = true;
            next = i + 1;
            var fraction = item.Score(answer, out var state, out var problem);
            if (problem is not null)
                (problems ??= []).Add(problem);
            results[i] = new ItemScore(item.Code, state, fraction);
        }

        var indicatorCount = _indicators.Length;
        var competencyCount = _competencies.Length;
        Span<double> indicatorSum = indicatorCount <= StackLimit ? stackalloc double[indicatorCount] : new double[indicatorCount];
        Span<int> indicatorAnswered = indicatorCount <= StackLimit ? stackalloc int[indicatorCount] : new int[indicatorCount];
        Span<int> indicatorPending = indicatorCount <= StackLimit ? stackalloc int[indicatorCount] : new int[indicatorCount];
        Span<double> competencySum = competencyCount <= StackLimit ? stackalloc double[competencyCount] : new double[competencyCount];
        Span<int> competencyAnswered = competencyCount <= StackLimit ? stackalloc int[competencyCount] : new int[competencyCount];
        Span<int> competencyPending = competencyCount <= StackLimit ? stackalloc int[competencyCount] : new int[competencyCount];
        var scoreGiven = 0.0;
        var anyPending = false;

        for (var i = 0; i < n; i++)
        {
            var item = _items[i];
            if (!seen[i])
            {
                results[i] = new ItemScore(item.Code, ItemState.Unanswered, null);
                continue;
            }
            var r = results[i];
            if (r.State == ItemState.Scored)
            {
                var f = r.Fraction.GetValueOrDefault();
                scoreGiven += f;
                indicatorSum[item.IndicatorSlot] += f;
                indicatorAnswered[item.IndicatorSlot]++;
                competencySum[item.CompetencySlot] += f;
                competencyAnswered[item.CompetencySlot]++;
            }
            else if (r.State == ItemState.Pending)
            {
                anyPending = true;
                indicatorPending[item.IndicatorSlot]++;
                competencyPending[item.CompetencySlot]++;
            }
        }

        var indicators = new IndicatorScore[indicatorCount];
        for (var s = 0; s < indicatorCount; s++)
        {
            var slot = _indicators[s];
            var (percent, level, evidence) = Summarise(indicatorSum[s], indicatorAnswered[s], indicatorPending[s], slot.ItemCount);
            indicators[s] = new IndicatorScore(slot.CompetencyCode, slot.Code, indicatorAnswered[s], indicatorPending[s], slot.ItemCount, percent, level, evidence);
        }
        var competencies = new CompetencyScore[competencyCount];
        for (var s = 0; s < competencyCount; s++)
        {
            var slot = _competencies[s];
            var (percent, level, evidence) = Summarise(competencySum[s], competencyAnswered[s], competencyPending[s], slot.ItemCount);
            competencies[s] = new CompetencyScore(slot.Code, slot.Component, competencyAnswered[s], competencyPending[s], slot.ItemCount, percent, level, evidence);
        }

        return new AttemptScore(
            InstrumentCode,
            InstrumentVersion,
            results,
            indicators,
            competencies,
            new LmsGrade(scoreGiven, n, !anyPending),
            problems is null ? [] : problems);
    }

    /// <summary>
    /// Whether a scored attempt as a whole is evidence: items answered reach the policy's minimum share of the instrument's
    /// items. Below it the attempt is kept but measures nothing: no level, no grade (a teacher who skipped most items has not
    /// shown a low level, they have shown nothing). A practical task (every item a rubric task) is judged by its reviewer, not
    /// by a share: whatever was handed in is evidence to review, and a task not handed in scores 0 at the review, so one task
    /// handed in is enough (an empty one is refused before it gets here). <see cref="AttemptEvidence.Unanswered"/> lists what is
    /// missing, in instrument order.
    /// </summary>
    public AttemptEvidence EvidenceOf(AttemptScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        var unanswered = score.Items.Where(i => i.State is ItemState.Unanswered or ItemState.Invalid).Select(i => i.ItemCode).ToList();
        var answered = score.Items.Count - unanswered.Count;
        var handIn = _items.Length > 0 && _items.All(i => i.Kind == ItemKind.RubricTask);
        var minimum = handIn ? 1 : (int)Math.Ceiling(Policy.MinAnsweredShare * ItemCount - 1e-9);
        var enough = handIn ? answered >= 1 : Policy.IsEnough(answered, ItemCount);
        return new AttemptEvidence(enough, answered, ItemCount, minimum, unanswered);
    }

    private int IndexOf(string itemCode) => _itemIndex.TryGetValue(itemCode, out var i) ? i : -1;

    /// <summary>percent = sum of fractions / answered × 100, given only when the evidence is enough.</summary>
    private (double? Percent, Level? Level, Evidence Evidence) Summarise(double sum, int answered, int pending, int items)
    {
        if (Policy.IsEnough(answered, items))
        {
            var percent = sum * 100 / answered;
            return (percent, Policy.LevelOf(percent), Evidence.Enough);
        }
        return (null, null, pending > 0 && Policy.IsEnough(answered + pending, items) ? Evidence.Pending : Evidence.NotEnough);
    }

    private static void CheckKey(Item item, List<InstrumentProblem> problems)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var option in item.Options)
        {
            if (!codes.Add(option.Code))
                problems.Add(new(item.Code, ContentMessages.OptionCodeUsedTwice(option.Code, item.Code)));
            if (!(option.Score >= 0) || double.IsInfinity(option.Score))
                problems.Add(new(item.Code, ContentMessages.OptionScoreInvalid(option.Code, option.Score)));
        }
        switch (item.Kind)
        {
            case ItemKind.SingleChoice or ItemKind.MultipleChoice or ItemKind.Scenario when item.Options.Count == 0:
                problems.Add(new(item.Code, ContentMessages.ChoiceWithoutOptions(ContentNames.Of(item.Kind), item.Code)));
                break;
            case ItemKind.SingleChoice or ItemKind.MultipleChoice or ItemKind.Scenario when item.Options.Count > MaxOptions:
                problems.Add(new(item.Code, ContentMessages.TooManyOptions(item.Code, item.Options.Count, MaxOptions)));
                break;
            case ItemKind.SingleChoice when item.Options.Any(o => o.Score > 1) || item.Options.All(o => o.Score <= 0):
                problems.Add(new(item.Code, ContentMessages.SingleChoiceScoreRange(item.Code)));
                break;
            case ItemKind.Scenario when item.Options.All(o => o.Score <= 0):
                problems.Add(new(item.Code, ContentMessages.ScenarioKey(item.Code)));
                break;
            case ItemKind.RubricTask when item.Rubric is null || item.Rubric.Criteria.Count == 0:
                problems.Add(new(item.Code, ContentMessages.RubricMissing(item.Code)));
                break;
            case ItemKind.RubricTask:
                var criteria = new HashSet<string>(StringComparer.Ordinal);
                foreach (var criterion in item.Rubric!.Criteria)
                {
                    if (!criteria.Add(criterion.Code))
                        problems.Add(new(item.Code, ContentMessages.CriterionCodeUsedTwice(criterion.Code, item.Code)));
                    if (criterion.MaxPoints <= 0)
                        problems.Add(new(item.Code, ContentMessages.CriterionWithoutPoints(criterion.Code)));
                }
                break;
        }
    }

    private sealed record IndicatorSlot(string CompetencyCode, string Code, int ItemCount);

    private sealed record CompetencySlot(string Code, Component Component, int ItemCount);

    /// <summary>One item with its key precomputed: nothing in <see cref="Score"/> needs LINQ or a lookup table.</summary>
    private sealed class CompiledItem
    {
        private readonly bool _reverse;
        private readonly string[] _optionCodes;
        private readonly double[] _optionScores;
        private readonly ulong _correctMask;
        private readonly double _maxOptionScore;
        private readonly string[] _criterionCodes;
        private readonly int[] _criterionMax;
        private readonly double _rubricTotal;

        public CompiledItem(Item item, int indicatorSlot, int competencySlot)
        {
            Code = item.Code;
            Kind = item.Kind;
            IndicatorSlot = indicatorSlot;
            CompetencySlot = competencySlot;
            _reverse = item.ReverseKeyed;
            _optionCodes = new string[item.Options.Count];
            _optionScores = new double[item.Options.Count];
            for (var o = 0; o < item.Options.Count; o++)
            {
                _optionCodes[o] = item.Options[o].Code;
                _optionScores[o] = item.Options[o].Score;
                if (item.Options[o].Score > 0)
                    _correctMask |= 1UL << o;
                _maxOptionScore = Math.Max(_maxOptionScore, item.Options[o].Score);
            }
            var criteria = item.Kind == ItemKind.RubricTask && item.Rubric is not null ? item.Rubric.Criteria : [];
            _criterionCodes = new string[criteria.Count];
            _criterionMax = new int[criteria.Count];
            for (var c = 0; c < criteria.Count; c++)
            {
                _criterionCodes[c] = criteria[c].Code;
                _criterionMax[c] = criteria[c].MaxPoints;
                _rubricTotal += criteria[c].MaxPoints;
            }
        }

        public string Code { get; }

        public ItemKind Kind { get; }

        public int IndicatorSlot { get; }

        public int CompetencySlot { get; }

        public double? Score(Answer answer, out ItemState state, out AnswerProblem? problem)
        {
            problem = null;
            state = ItemState.Unanswered;
            switch (Kind)
            {
                case ItemKind.Likert:
                    if (answer.LikertValue is not { } value)
                        return Empty(answer, answer.SelectedOptions is not null || answer.RubricPoints is not null, out state, out problem);
                    if (value is < 1 or > 5)
                        return Refuse(AnswerProblemKind.LikertOutOfRange, $"Likert value {value} is outside 1–5.", out state, out problem);
                    // (v − 1) / 4 maps 1…5 onto 0…1; a reverse-keyed statement scores 6 − v instead.
                    var keyed = _reverse ? 6 - value : value;
                    state = ItemState.Scored;
                    return (keyed - 1) / 4.0;

                case ItemKind.SingleChoice or ItemKind.Scenario:
                    if (answer.SelectedOptions is not { } chosen)
                        return Empty(answer, answer.LikertValue is not null || answer.RubricPoints is not null, out state, out problem);
                    if (chosen.Count == 0)
                        return null;
                    if (chosen.Count > 1)
                        return Refuse(AnswerProblemKind.SeveralOptions, $"{chosen.Count} options chosen where one is expected.", out state, out problem);
                    var o = OptionIndex(chosen[0]);
                    if (o < 0)
                        return Refuse(AnswerProblemKind.UnknownOption, $"Option '{chosen[0]}' is not an option of this item.", out state, out problem);
                    state = ItemState.Scored;
                    // Single choice: the key score itself (1 correct, 0 wrong). Scenario: score / best score of the item.
                    return Kind == ItemKind.SingleChoice ? _optionScores[o] : _optionScores[o] / _maxOptionScore;

                case ItemKind.MultipleChoice:
                    if (answer.SelectedOptions is not { } selected)
                        return Empty(answer, answer.LikertValue is not null || answer.RubricPoints is not null, out state, out problem);
                    var mask = 0UL;
                    for (var s = 0; s < selected.Count; s++)
                    {
                        var index = OptionIndex(selected[s]);
                        if (index < 0 || (mask & (1UL << index)) != 0)
                            return Refuse(AnswerProblemKind.UnknownOption, index < 0 ? $"Option '{selected[s]}' is not an option of this item." : $"Option '{selected[s]}' is chosen twice.", out state, out problem);
                        mask |= 1UL << index;
                    }
                    // An option is classified correctly when chosen and correct, or not chosen and wrong:
                    // those are the bits where the choice mask equals the key mask.
                    var count = _optionCodes.Length;
                    var all = count == 64 ? ulong.MaxValue : (1UL << count) - 1;
                    state = ItemState.Scored;
                    return BitOperations.PopCount(~(mask ^ _correctMask) & all) / (double)count;

                case ItemKind.RubricTask:
                    if (answer.RubricPoints is not { } points)
                    {
                        if (answer.LikertValue is not null || answer.SelectedOptions is not null)
                            return Refuse(AnswerProblemKind.WrongShape, "A rubric task is answered with a text or file, scored by an instructor.", out state, out problem);
                        state = ItemState.Pending;
                        return null;
                    }
                    var sum = 0;
                    var found = 0;
                    for (var c = 0; c < _criterionCodes.Length; c++)
                    {
                        if (!points.TryGetValue(_criterionCodes[c], out var p))
                            continue;
                        if (p < 0 || p > _criterionMax[c])
                            return Refuse(AnswerProblemKind.RubricPointsOutOfRange, $"Criterion '{_criterionCodes[c]}' has {p} points; it allows 0–{_criterionMax[c]}.", out state, out problem);
                        sum += p;
                        found++;
                    }
                    if (found < points.Count)
                        return Refuse(AnswerProblemKind.UnknownCriterion, $"Points are given for a criterion the rubric does not have ({UnknownCriterion(points)}).", out state, out problem);
                    if (found < _criterionCodes.Length)
                    {
                        // The instructor has scored only some criteria: still pending, not a partial score.
                        state = ItemState.Pending;
                        return null;
                    }
                    state = ItemState.Scored;
                    return sum / _rubricTotal;
            }
            return null;
        }

        private int OptionIndex(string code)
        {
            for (var o = 0; o < _optionCodes.Length; o++)
            {
                if (string.Equals(_optionCodes[o], code, StringComparison.Ordinal))
                    return o;
            }
            return -1;
        }

        private string UnknownCriterion(IReadOnlyDictionary<string, int> points)
        {
            foreach (var code in points.Keys)
            {
                if (Array.IndexOf(_criterionCodes, code) < 0)
                    return code;
            }
            return "";
        }

        /// <summary>No answer of this item's shape: unanswered, unless another shape was sent instead.</summary>
        private double? Empty(Answer answer, bool otherShape, out ItemState state, out AnswerProblem? problem)
        {
            if (otherShape)
                return Refuse(AnswerProblemKind.WrongShape, $"The answer does not have the shape of a {Kind} item.", out state, out problem);
            state = ItemState.Unanswered;
            problem = null;
            return null;
        }

        private double? Refuse(AnswerProblemKind kind, string message, out ItemState state, out AnswerProblem? problem)
        {
            state = ItemState.Invalid;
            problem = new AnswerProblem(Code, kind, message);
            return null;
        }
    }
}

/// <summary>
/// Why an instrument cannot be scored as written; <paramref name="ItemCode"/> is null for the instrument as a whole.
/// <paramref name="Text"/> is the sentence in English, Russian and Kazakh (<see cref="ContentMessages"/>), for the pages.
/// </summary>
public sealed record InstrumentProblem(string? ItemCode, LocalizedText Text)
{
    /// <summary>The sentence in English: for logs, exceptions, the command line and tests.</summary>
    public string Message => Text.En;
}
