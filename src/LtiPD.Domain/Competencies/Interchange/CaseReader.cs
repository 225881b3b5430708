using LtiPD.Domain.Content;

namespace LtiPD.Domain.Competencies.Interchange;

/// <summary>Builds a framework from a CFPackage, collecting every problem on the way.</summary>
internal sealed class CaseReader(CfPackage package, CfDocument document)
{
    private readonly ProblemList _problems = new();
    private readonly string _language = CaseFramework.Language(document.Language);
    private readonly Dictionary<string, (CfItem Item, int Index)> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Parent, int Association)> _parents = new(StringComparer.Ordinal);

    private enum Kind
    {
        Unknown,
        Component,
        Competency,
        Indicator,
        Element,
        Task,
    }

    public ContentResult<CompetencyFramework> Read()
    {
        var documentId = Required(document.Identifier, "$.CFDocument.identifier", "The CFDocument has no identifier.");
        var title = Required(document.Title, "$.CFDocument.title", "The CFDocument has no title.");
        var items = package.Items ?? [];
        var kinds = new Dictionary<string, Kind>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.CFItems[{i}]";
            if (items[i] is not { } item)
            {
                _problems.Add(path, ProblemCodes.Required, "This CFItem is empty (null).");
                continue;
            }

            Required(item.FullStatement, $"{path}.fullStatement", "The CFItem has no fullStatement.");
            Required(item.HumanCodingScheme, $"{path}.humanCodingScheme", "The CFItem has no humanCodingScheme; LtiPD uses it as the code.");
            var kind = KindOf(item.ItemType);
            if (kind == Kind.Unknown)
            {
                _problems.Add($"{path}.CFItemType", ProblemCodes.UnknownKind,
                    $"CFItemType \"{item.ItemType}\" is not one of \"{CaseFramework.ComponentType}\", \"{CaseFramework.CompetencyType}\", \"{CaseFramework.IndicatorType}\", \"{CaseFramework.KnowledgeElementType}\", \"{CaseFramework.TaskType}\".");
            }

            if (string.IsNullOrWhiteSpace(item.Identifier))
            {
                _problems.Add($"{path}.identifier", ProblemCodes.Required, "The CFItem has no identifier.");
            }
            else if (!_items.TryAdd(item.Identifier, (item, i)) || item.Identifier == documentId)
            {
                _problems.Add($"{path}.identifier", ProblemCodes.DuplicateCode, $"The identifier \"{item.Identifier}\" is used more than once.");
            }
            else
            {
                kinds[item.Identifier] = kind;
            }
        }

        ReadParents(documentId);
        CheckCycles();
        CheckPlacement(documentId, kinds);
        var levels = ReadRubrics(kinds);

        var competencies = new List<Competency>();
        var tasks = new List<PedagogicalTask>();
        foreach (var (id, (item, index)) in _items.OrderBy(i => i.Value.Index))
        {
            var path = $"$.CFItems[{index}]";
            switch (kinds[id])
            {
                case Kind.Competency:
                    competencies.Add(ReadCompetency(id, item, path, kinds, levels));
                    break;
                case Kind.Task:
                    tasks.Add(ReadTask(item, path));
                    break;
            }
        }

        var framework = new CompetencyFramework(
            document.Extensions?.FrameworkCode ?? documentId,
            string.IsNullOrWhiteSpace(document.Version) ? "1.0" : document.Version,
            Text(title),
            // CASE makes a description optional (CFDocument.description, CFItem.notes); LtiPD shows one, so the title or the
            // statement stands in rather than an empty text the stored framework could not be read back with.
            Text(string.IsNullOrWhiteSpace(document.Description) ? title : document.Description),
            competencies,
            tasks);
        if (_problems.Count == 0)
        {
            _problems.AddRange(FrameworkValidator.Validate(framework));
        }

        return ContentResult<CompetencyFramework>.From(framework, _problems.Items);
    }

    private void ReadParents(string documentId)
    {
        var associations = package.Associations ?? [];
        for (var a = 0; a < associations.Count; a++)
        {
            var path = $"$.CFAssociations[{a}]";
            if (associations[a] is not { } association)
            {
                _problems.Add(path, ProblemCodes.Required, "This CFAssociation is empty (null).");
                continue;
            }

            if (!string.Equals(association.AssociationType, "isChildOf", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var origin = association.Origin?.Identifier;
            var destination = association.Destination?.Identifier;
            if (origin is null || !_items.ContainsKey(origin))
            {
                _problems.Add($"{path}.originNodeURI", ProblemCodes.UnknownParent, $"The association starts at \"{origin}\", which is not a CFItem of this package.");
                continue;
            }

            if (destination is null || (destination != documentId && !_items.ContainsKey(destination)))
            {
                _problems.Add($"{path}.destinationNodeURI", ProblemCodes.UnknownParent,
                    $"\"{Code(origin)}\" is a child of \"{destination}\", which is neither the CFDocument nor a CFItem of this package.");
                continue;
            }

            if (!_parents.TryAdd(origin, (destination, a)))
            {
                _problems.Add(path, ProblemCodes.WrongParent, $"\"{Code(origin)}\" is a child of more than one node.");
            }
        }
    }

    private void CheckCycles()
    {
        foreach (var start in _parents.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start };
            var current = start;
            while (_parents.TryGetValue(current, out var parent))
            {
                if (parent.Parent == start)
                {
                    _problems.Add($"$.CFAssociations[{_parents[start].Association}]", ProblemCodes.Cycle,
                        $"\"{Code(start)}\" is, through its parents, a child of itself.");
                    break;
                }

                if (!seen.Add(parent.Parent))
                {
                    break;
                }

                current = parent.Parent;
            }
        }
    }

    private void CheckPlacement(string documentId, Dictionary<string, Kind> kinds)
    {
        foreach (var (id, (item, index)) in _items)
        {
            var kind = kinds.GetValueOrDefault(id);
            var expected = kind switch
            {
                Kind.Component or Kind.Task => Kind.Unknown,
                Kind.Competency => Kind.Component,
                Kind.Indicator or Kind.Element => Kind.Competency,
                _ => (Kind?)null,
            };
            if (expected is null)
            {
                continue;
            }

            var parentKind = _parents.TryGetValue(id, out var parent)
                ? parent.Parent == documentId ? Kind.Unknown : kinds.GetValueOrDefault(parent.Parent, (Kind)(-1))
                : (Kind?)null;
            var where = expected == Kind.Unknown ? "the CFDocument" : $"a {expected}";
            if (parentKind is null)
            {
                _problems.Add($"$.CFItems[{index}]", ProblemCodes.WrongParent, $"\"{item.HumanCodingScheme}\" has no isChildOf association; it must be a child of {where}.");
            }
            else if (parentKind != expected)
            {
                _problems.Add($"$.CFAssociations[{parent.Association}].destinationNodeURI", ProblemCodes.WrongParent,
                    $"\"{item.HumanCodingScheme}\" ({item.ItemType}) must be a child of {where}.");
            }

            if (kind == Kind.Component && !ContentNames.TryParse<Component>(item.HumanCodingScheme, out _))
            {
                _problems.Add($"$.CFItems[{index}].humanCodingScheme", ProblemCodes.UnknownComponent,
                    $"Component \"{item.HumanCodingScheme}\" is unknown; expected one of {ContentNames.Expected<Component>()}.");
            }
        }
    }

    private Dictionary<string, Dictionary<Level, LocalizedText>> ReadRubrics(Dictionary<string, Kind> kinds)
    {
        var result = new Dictionary<string, Dictionary<Level, LocalizedText>>(StringComparer.Ordinal);
        var rubrics = package.Rubrics ?? [];
        for (var r = 0; r < rubrics.Count; r++)
        {
            var criteria = rubrics[r]?.Criteria ?? [];
            for (var c = 0; c < criteria.Count; c++)
            {
                var path = $"$.CFRubrics[{r}].CFRubricCriteria[{c}]";
                if (criteria[c] is not { } criterion)
                {
                    continue;
                }

                var target = criterion.ItemUri?.Identifier;
                if (target is null || kinds.GetValueOrDefault(target) != Kind.Competency)
                {
                    _problems.Add($"{path}.CFItemURI", ProblemCodes.UnknownCompetency, $"The rubric criterion points at \"{target}\", which is not a competency of this package.");
                    continue;
                }

                var levels = criterion.Levels ?? [];
                if (levels.Count != 5)
                {
                    _problems.Add($"{path}.CFRubricCriterionLevels", ProblemCodes.LevelCount,
                        $"The rubric of \"{Code(target)}\" has {levels.Count} levels; it needs exactly five (low, acceptable, average, high, advanced).");
                    continue;
                }

                var descriptors = new Dictionary<Level, LocalizedText>();
                for (var l = 0; l < levels.Count; l++)
                {
                    var levelPath = $"{path}.CFRubricCriterionLevels[{l}]";
                    if (!TryLevel(levels[l], out var level))
                    {
                        _problems.Add($"{levelPath}.score", ProblemCodes.UnknownLevel, "The criterion level needs a score from 1 (low) to 5 (advanced).");
                    }
                    else if (string.IsNullOrWhiteSpace(levels[l]!.Description))
                    {
                        _problems.Add($"{levelPath}.description", ProblemCodes.Required, "The criterion level has no description (the level descriptor).");
                    }
                    else if (!descriptors.TryAdd(level, Text(levels[l]!.Description!)))
                    {
                        _problems.Add($"{levelPath}.score", ProblemCodes.LevelCount, $"Level {ContentNames.Of(level)} is described twice for \"{Code(target)}\".");
                    }
                }

                if (!result.TryAdd(target, descriptors))
                {
                    _problems.Add(path, ProblemCodes.LevelCount, $"\"{Code(target)}\" has more than one rubric criterion with level descriptors.");
                }
            }
        }

        return result;
    }

    private Competency ReadCompetency(string id, CfItem item, string path, Dictionary<string, Kind> kinds, Dictionary<string, Dictionary<Level, LocalizedText>> levels)
    {
        var children = _items
            .Where(i => _parents.TryGetValue(i.Key, out var p) && p.Parent == id)
            .OrderBy(i => i.Value.Index)
            .ToList();
        var indicators = children.Where(c => kinds[c.Key] == Kind.Indicator)
            .Select(c => new Indicator(c.Value.Item.HumanCodingScheme ?? string.Empty, Text(c.Value.Item.FullStatement ?? string.Empty)))
            .ToList();
        var elements = children.Where(c => kinds[c.Key] == Kind.Element)
            .Select(c => ReadElement(c.Value.Item, $"$.CFItems[{c.Value.Index}]"))
            .ToList();

        // A package from another tool may list knowledge elements only; each is also an indicator
        // (items map to elements through indicators), so the missing indicators are added.
        indicators.AddRange(elements.Where(e => indicators.All(i => i.Code != e.Code)).Select(e => new Indicator(e.Code, e.Name)));

        var component = Component.Social;
        if (_parents.TryGetValue(id, out var parent) && _items.TryGetValue(parent.Parent, out var componentItem))
        {
            component = ContentNames.TryParse<Component>(componentItem.Item.HumanCodingScheme, out var parsed) ? parsed : component;
        }

        if (!levels.TryGetValue(id, out var descriptors))
        {
            _problems.Add(path, ProblemCodes.LevelCount, $"Competency \"{item.HumanCodingScheme}\" has no CFRubric criterion with its five level descriptors.");
            descriptors = [];
        }

        return new Competency(
            item.HumanCodingScheme ?? string.Empty,
            component,
            Text(item.FullStatement ?? string.Empty),
            Text(string.IsNullOrWhiteSpace(item.Notes) ? item.FullStatement ?? string.Empty : item.Notes),
            descriptors,
            indicators,
            elements,
            CaseItemUri.TryParse(item.Uri));
    }

    private KnowledgeElement ReadElement(CfItem item, string path)
    {
        var studiedAt = new HashSet<Level>();
        var names = item.Extensions?.StudiedAt ?? [];
        if (names.Count == 0)
        {
            _problems.Add($"{path}.extensions.ltipdStudiedAt", ProblemCodes.Required, $"Knowledge element \"{item.HumanCodingScheme}\" does not say at which levels it is studied.");
        }

        for (var n = 0; n < names.Count; n++)
        {
            if (ContentNames.TryParse<Level>(names[n], out var level))
            {
                studiedAt.Add(level);
            }
            else
            {
                _problems.Add($"{path}.extensions.ltipdStudiedAt[{n}]", ProblemCodes.UnknownLevel, $"\"{names[n]}\" is not a level; expected one of {ContentNames.Expected<Level>()}.");
            }
        }

        return new KnowledgeElement(item.HumanCodingScheme ?? string.Empty, Text(item.FullStatement ?? string.Empty), studiedAt);
    }

    private PedagogicalTask ReadTask(CfItem item, string path)
    {
        var links = new List<TaskLink>();
        var raw = item.Extensions?.TaskLinks ?? [];
        if (raw.Count == 0)
        {
            _problems.Add($"{path}.extensions.ltipdTaskLinks", ProblemCodes.Required, $"Pedagogical task \"{item.HumanCodingScheme}\" has no links.");
        }

        for (var l = 0; l < raw.Count; l++)
        {
            var linkPath = $"{path}.extensions.ltipdTaskLinks[{l}]";
            if (raw[l] is not { Competency: { } competency, Element: { } element } link)
            {
                _problems.Add(linkPath, ProblemCodes.Required, "The task link needs a competency, an element and a level.");
                continue;
            }

            if (!ContentNames.TryParse<Level>(link.Level, out var level))
            {
                _problems.Add($"{linkPath}.level", ProblemCodes.UnknownLevel, $"\"{link.Level}\" is not a level; expected one of {ContentNames.Expected<Level>()}.");
            }

            links.Add(new TaskLink(competency, element, level));
        }

        return new PedagogicalTask(item.HumanCodingScheme ?? string.Empty, Text(item.FullStatement ?? string.Empty), links);
    }

    private static bool TryLevel(CfRubricCriterionLevel? level, out Level value)
    {
        value = default;
        if (level is null)
        {
            return false;
        }

        if (level.Score is { } score && score == Math.Floor(score) && Enum.IsDefined((Level)(int)score))
        {
            value = (Level)(int)score;
            return true;
        }

        return ContentNames.TryParse(level.Quality, out value);
    }

    private static Kind KindOf(string? type) => type?.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "component" => Kind.Component,
        "competency" => Kind.Competency,
        "indicator" => Kind.Indicator,
        "knowledgeelement" => Kind.Element,
        "pedagogicaltask" => Kind.Task,
        _ => Kind.Unknown,
    };

    private string Code(string identifier) =>
        _items.TryGetValue(identifier, out var item) ? item.Item.HumanCodingScheme ?? identifier : identifier;

    private string Required(string? value, string path, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _problems.Add(path, ProblemCodes.Required, message);
            return string.Empty;
        }

        return value;
    }

    private LocalizedText Text(string text) => CaseFramework.Slot(text, _language);
}
