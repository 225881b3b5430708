using System.Collections.Frozen;
using System.Globalization;
using LtiPD.Domain.Competencies;
using LtiPD.Domain.Programmes;

namespace LtiPD.Domain.Development;

/// <summary>
/// What the programmes offer, as word stems, to tell whether a teacher's request ("what would help me", seed 004) is offered by
/// some module. Deliberately simple so a person can check it by hand (docs/indicators.md, "Unmet demand"):
/// <list type="number">
/// <item>Text is cut into runs of letters and digits and lower-cased (invariant culture, so Cyrillic and Kazakh letters too).</item>
/// <item>Words shorter than 4 letters and the common request words of <see cref="StopWords"/> (en/ru/kk) are dropped.</item>
/// <item>A word's stem is its first 5 letters, which absorbs most Russian and Kazakh endings ("программирование",
/// "программированию" → "прогр"; "бағдарламалау", "бағдарлама" → "бағда").</item>
/// <item>A request is offered when at least one of its stems is a stem of the offer; a request with no stem left says nothing
/// checkable and is neither met nor unmet.</item>
/// </list>
/// </summary>
public sealed class OfferIndex
{
    public const int MinWordLength = 4;
    public const int StemLength = 5;

    /// <summary>Words that say how a teacher asks, not what for.</summary>
    public static FrozenSet<string> StopWords { get; } = new[]
    {
        "want", "would", "need", "help", "learn", "like", "more", "about", "with", "what", "some", "have", "that", "this", "from",
        "into", "which", "better", "should", "could", "also", "very", "please", "know", "understand",
        "хочу", "хотел", "хотела", "хотелось", "нужно", "нужна", "нужен", "нужны", "помощь", "помочь", "больше", "можно", "чтобы",
        "меня", "было", "очень", "также", "научиться", "узнать", "изучить", "понять", "пожалуйста",
        "маған", "керек", "көмек", "үйрену", "туралы", "үшін", "қалай", "көбірек", "болады", "білу", "түсіну", "өтінемін",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly FrozenSet<string> _stems;

    private OfferIndex(FrozenSet<string> stems) => _stems = stems;

    public static OfferIndex Empty { get; } = new(FrozenSet<string>.Empty);

    /// <param name="texts">Module titles, summaries, material headings and micro-objective texts, in every language.</param>
    public static OfferIndex From(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var stems = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            stems.UnionWith(Stems(text));
        return new OfferIndex(stems.ToFrozenSet(StringComparer.Ordinal));
    }

    /// <summary>The offer of whole programmes: every module's title, summary and material headings and every micro-objective, in en/ru/kk.</summary>
    public static OfferIndex From(IEnumerable<Programme> programmes)
    {
        ArgumentNullException.ThrowIfNull(programmes);
        return From(programmes.SelectMany(Texts));
    }

    private static IEnumerable<string> Texts(Programme programme)
    {
        static IEnumerable<string> All(LocalizedText text) => new[] { text.En, text.Ru, text.Kk }.OfType<string>();

        foreach (var objective in programme.MicroObjectives)
        {
            foreach (var text in All(objective.Text))
                yield return text;
        }
        foreach (var module in programme.Modules)
        {
            foreach (var text in All(module.Title).Concat(All(module.Summary)).Concat(module.Materials.SelectMany(m => All(m.Heading))))
                yield return text;
        }
    }

    public int Count => _stems.Count;

    /// <summary>True when the request shares a stem with the offer, false when it does not, null when it has no stem.</summary>
    public bool? Offers(string request)
    {
        var stems = Stems(request);
        if (stems.Count == 0)
            return null;
        foreach (var stem in stems)
        {
            if (_stems.Contains(stem))
                return true;
        }
        return false;
    }

    public static IReadOnlyList<string> Stems(string? text)
    {
        var stems = new List<string>();
        if (string.IsNullOrEmpty(text))
            return stems;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
                start = i;
            if (inWord || start < 0)
                continue;
            var length = i - start;
            if (length >= MinWordLength)
            {
                var word = text.Substring(start, length).ToLower(CultureInfo.InvariantCulture);
                if (!StopWords.Contains(word))
                    stems.Add(word.Length > StemLength ? word[..StemLength] : word);
            }
            start = -1;
        }
        return stems;
    }
}
