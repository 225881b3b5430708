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
        var documentId = Required(document.Identifier, "$.CFDocument.identifier", ContentMessages.DocumentWithoutIdentifier());
        var title = Required(document.Title, "$.CFDocument.title", ContentMessages.DocumentWithoutTitle());
        var items = package.Items ?? [];
        var kinds = new Dictionary<string, Kind>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var path = $"$.CFItems[{i}]";
            if (items[i] is not { } item)
            {
                _problems.Add(path, ProblemCodes.Required, ContentMessages.CaseItemNull());
                continue;
            }

            Required(item.FullStatement, $"{path}.fullStatement", ContentMessages.CaseItemWithoutStatement());
            Required(item.HumanCodingScheme, $"{path}.humanCodingScheme", ContentMessages.CaseItemWithoutCodingScheme());
            var kind = KindOf(item.ItemType);
            if (kind == Kind.Unknown)
            {
                _problems.Add($"{path}.CFItemType", ProblemCodes.UnknownKind,
                    ContentMessages.UnknownCaseItemType(item.ItemType ?? string.Empty, ItemTypes));
            }

            if (string.IsNullOrWhiteSpace(item.Identifier))
            {
                _problems.Add($"{path}.identifier", ProblemCodes.Required, ContentMessages.CaseItemWithoutIdentifier());
            }
            else if (!_items.TryAdd(item.Identifier, (item, i)) || item.Identifier == documentId)
            {
                _problems.Add($"{path}.identifier", ProblemCodes.DuplicateCode, ContentMessages.IdentifierUsedTwice(item.Identifier));
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
                _problems.Add(path, ProblemCodes.Required, ContentMessages.CaseAssociationNull());
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
                _problems.Add($"{path}.originNodeURI", ProblemCodes.UnknownParent, ContentMessages.AssociationFromUnknown(origin ?? string.Empty));
                continue;
            }

            if (destination is null || (destination != documentId && !_items.ContainsKey(destination)))
            {
                _problems.Add($"{path}.destinationNodeURI", ProblemCodes.UnknownParent,
                    ContentMessages.ChildOfUnknown(Code(origin), destination));
                continue;
            }

            if (!_parents.TryAdd(origin, (destination, a)))
            {
                _problems.Add(path, ProblemCodes.WrongParent, ContentMessages.ChildOfMany(Code(origin)));
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
                        ContentMessages.CaseCycle(Code(start)));
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
            var parentType = expected == Kind.Unknown ? null : expected.ToString();
            if (parentKind is null)
            {
                _problems.Add($"$.CFItems[{index}]", ProblemCodes.WrongParent, ContentMessages.NoParentAssociation(item.HumanCodingScheme, parentType));
            }
            else if (parentKind != expected)
            {
                _problems.Add($"$.CFAssociations[{parent.Association}].destinationNodeURI", ProblemCodes.WrongParent,
                    ContentMessages.WrongParentType(item.HumanCodingScheme, item.ItemType, parentType));
            }

            if (kind == Kind.Component && !ContentNames.TryParse<Component>(item.HumanCodingScheme, out _))
            {
                _problems.Add($"$.CFItems[{index}].humanCodingScheme", ProblemCodes.UnknownComponent,
                    ContentMessages.UnknownCaseComponent(item.HumanCodingScheme, ContentNames.Expected<Component>()));
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
                    _problems.Add($"{path}.CFItemURI", ProblemCodes.UnknownCompetency, ContentMessages.RubricForUnknown(target));
                    continue;
                }

                var levels = criterion.Levels ?? [];
                if (levels.Count != 5)
                {
                    _problems.Add($"{path}.CFRubricCriterionLevels", ProblemCodes.LevelCount,
                        ContentMessages.RubricLevelCount(Code(target), levels.Count));
                    continue;
                }

                var descriptors = new Dictionary<Level, LocalizedText>();
                for (var l = 0; l < levels.Count; l++)
                {
                    var levelPath = $"{path}.CFRubricCriterionLevels[{l}]";
                    if (!TryLevel(levels[l], out var level))
                    {
                        _problems.Add($"{levelPath}.score", ProblemCodes.UnknownLevel, ContentMessages.RubricLevelScore());
                    }
                    else if (string.IsNullOrWhiteSpace(levels[l]!.Description))
                    {
                        _problems.Add($"{levelPath}.description", ProblemCodes.Required, ContentMessages.RubricLevelWithoutDescription());
                    }
                    else if (!descriptors.TryAdd(level, Text(levels[l]!.Description!)))
                    {
                        _problems.Add($"{levelPath}.score", ProblemCodes.LevelCount, ContentMessages.LevelDescribedTwice(ContentNames.Of(level), Code(target)));
                    }
                }

                if (!result.TryAdd(target, descriptors))
                {
                    _problems.Add(path, ProblemCodes.LevelCount, ContentMessages.ManyRubricCriteria(Code(target)));
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
            _problems.Add(path, ProblemCodes.LevelCount, ContentMessages.CompetencyWithoutRubric(item.HumanCodingScheme));
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
            _problems.Add($"{path}.extensions.ltipdStudiedAt", ProblemCodes.Required, ContentMessages.ElementWithoutLevels(item.HumanCodingScheme ?? string.Empty));
        }

        for (var n = 0; n < names.Count; n++)
        {
            if (ContentNames.TryParse<Level>(names[n], out var level))
            {
                studiedAt.Add(level);
            }
            else
            {
                _problems.Add($"{path}.extensions.ltipdStudiedAt[{n}]", ProblemCodes.UnknownLevel, ContentMessages.NotOneOf(names[n], ContentTerms.Level, ContentNames.Expected<Level>()));
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
            _problems.Add($"{path}.extensions.ltipdTaskLinks", ProblemCodes.Required, ContentMessages.TaskWithoutLinks(item.HumanCodingScheme ?? string.Empty));
        }

        for (var l = 0; l < raw.Count; l++)
        {
            var linkPath = $"{path}.extensions.ltipdTaskLinks[{l}]";
            if (raw[l] is not { Competency: { } competency, Element: { } element } link)
            {
                _problems.Add(linkPath, ProblemCodes.Required, ContentMessages.IncompleteTaskLink());
                continue;
            }

            if (!ContentNames.TryParse<Level>(link.Level, out var level))
            {
                _problems.Add($"{linkPath}.level", ProblemCodes.UnknownLevel, ContentMessages.NotOneOf(link.Level, ContentTerms.Level, ContentNames.Expected<Level>()));
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

    private static readonly string ItemTypes = string.Join(", ", new[]
    {
        CaseFramework.ComponentType, CaseFramework.CompetencyType, CaseFramework.IndicatorType, CaseFramework.KnowledgeElementType, CaseFramework.TaskType,
    }.Select(t => $"\"{t}\""));

    private string Code(string identifier) =>
        _items.TryGetValue(identifier, out var item) ? item.Item.HumanCodingScheme ?? identifier : identifier;

    private string Required(string? value, string path, LocalizedText message)
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
