using System.Globalization;
using System.Text.Json;
using LtiPD.Domain.Content;

namespace LtiPD.Domain.Competencies.Interchange;

/// <param name="Language">The one language written (CASE texts are single-language): "en", "ru" or "kk".</param>
/// <param name="BaseUri">Where the CASE resources are published; each <c>uri</c> is <c>{BaseUri}/uri/{identifier}</c>.</param>
/// <param name="LastChange">Written as every <c>lastChangeDateTime</c>; passed in so that export stays pure and repeatable.</param>
public sealed record CaseExportOptions(string Language, Uri BaseUri, DateTimeOffset LastChange, string Creator = "LtiPD");

/// <summary>
/// A competency framework as a 1EdTech CASE 1.1 CFPackage (JSON). Mapping, also described in
/// src/LtiPD.Web/Content/README.md:
/// <list type="bullet">
/// <item>CFDocument = the framework; our code in <c>extensions.ltipdFrameworkCode</c>, language in <c>language</c>.</item>
/// <item>CFItems typed by <c>CFItemType</c>: "Component", "Competency" (name in fullStatement, description in notes),
/// "Indicator", "Knowledge element" (levels in <c>extensions.ltipdStudiedAt</c>) and "Pedagogical task"
/// (links in <c>extensions.ltipdTaskLinks</c>); <c>humanCodingScheme</c> is always our code.</item>
/// <item>CFAssociations: <c>isChildOf</c> builds the tree (component → document, competency → component,
/// indicator and knowledge element → competency, task → document); <c>isRelatedTo</c> from a task to the
/// knowledge element of each link, for CASE readers that ignore extensions.</item>
/// <item>CFRubrics: one per competency, one criterion pointing at the competency, five criterion levels
/// (score 1–5 = <see cref="Level"/>) holding the level descriptors.</item>
/// </list>
/// On import the CFItems array order is the order of competencies, indicators, elements and tasks.
/// </summary>
public static class CaseFramework
{
    public const string ComponentType = "Component";
    public const string CompetencyType = "Competency";
    public const string IndicatorType = "Indicator";
    public const string KnowledgeElementType = "Knowledge element";
    public const string TaskType = "Pedagogical task";

    public static string Export(CompetencyFramework framework, CaseExportOptions options)
    {
        var language = Language(options.Language);
        var stamp = options.LastChange.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var baseUri = options.BaseUri.ToString().TrimEnd('/');
        string Id(string name) => DeterministicUuid.Create(DeterministicUuid.LtiPdNamespace, $"{framework.Code}/{name}").ToString();
        CfLinkUri Link(string id, string title) => new() { Title = title, Identifier = id, Uri = $"{baseUri}/uri/{id}" };
        string T(LocalizedText text) => text.For(language);

        var documentId = Id("document");
        var document = Link(documentId, T(framework.Title));
        var items = new List<CfItem?>();
        var associations = new List<CfAssociation?>();
        var rubrics = new List<CfRubric?>();
        var siblings = new Dictionary<string, int>(StringComparer.Ordinal);

        CfLinkUri AddItem(string name, string type, string code, string statement, CfLinkUri parent, string? notes = null, CfItemExtensions? extensions = null)
        {
            var link = Link(Id(name), statement);
            items.Add(new CfItem
            {
                Identifier = link.Identifier,
                Uri = link.Uri,
                FullStatement = statement,
                HumanCodingScheme = code,
                ItemType = type,
                Notes = notes,
                Language = language,
                DocumentUri = document,
                LastChangeDateTime = stamp,
                Extensions = extensions,
            });
            var sequence = siblings[parent.Identifier!] = siblings.GetValueOrDefault(parent.Identifier!) + 1;
            associations.Add(Association(Id($"isChildOf/{name}"), "isChildOf", link, parent, sequence));
            return link;
        }

        CfAssociation Association(string id, string type, CfLinkUri origin, CfLinkUri destination, int sequence) => new()
        {
            Identifier = id,
            Uri = $"{baseUri}/uri/{id}",
            AssociationType = type,
            SequenceNumber = sequence,
            Origin = origin,
            Destination = destination,
            DocumentUri = document,
            LastChangeDateTime = stamp,
        };

        var components = new Dictionary<Component, CfLinkUri>();
        foreach (var component in framework.Competencies.Select(c => c.Component).Distinct())
        {
            var code = ContentNames.Of(component);
            components[component] = AddItem($"component/{code}", ComponentType, code, T(ContentNames.ComponentName(component)), document);
        }

        var elements = new Dictionary<string, CfLinkUri>(StringComparer.Ordinal);
        foreach (var competency in framework.Competencies)
        {
            var node = AddItem($"competency/{competency.Code}", CompetencyType, competency.Code, T(competency.Name), components[competency.Component], T(competency.Description));
            foreach (var indicator in competency.Indicators)
            {
                AddItem($"indicator/{indicator.Code}", IndicatorType, indicator.Code, T(indicator.Text), node);
            }

            foreach (var element in competency.KnowledgeElements)
            {
                elements[element.Code] = AddItem($"element/{element.Code}", KnowledgeElementType, element.Code, T(element.Name), node,
                    extensions: new CfItemExtensions { StudiedAt = element.StudiedAt.Order().Select(l => (string?)ContentNames.Of(l)).ToList() });
            }

            var rubricId = Id($"rubric/{competency.Code}");
            var criterionId = Id($"rubric/{competency.Code}/criterion");
            rubrics.Add(new CfRubric
            {
                Identifier = rubricId,
                Uri = $"{baseUri}/uri/{rubricId}",
                Title = T(competency.Name),
                LastChangeDateTime = stamp,
                Criteria =
                [
                    new CfRubricCriterion
                    {
                        Identifier = criterionId,
                        Uri = $"{baseUri}/uri/{criterionId}",
                        Category = T(competency.Name),
                        ItemUri = node,
                        Position = 1,
                        RubricId = rubricId,
                        LastChangeDateTime = stamp,
                        Levels = competency.LevelDescriptors.OrderBy(d => d.Key).Select(d =>
                        {
                            var levelId = Id($"rubric/{competency.Code}/level/{ContentNames.Of(d.Key)}");
                            return (CfRubricCriterionLevel?)new CfRubricCriterionLevel
                            {
                                Identifier = levelId,
                                Uri = $"{baseUri}/uri/{levelId}",
                                Description = T(d.Value),
                                Quality = T(ContentNames.LevelName(d.Key)),
                                Score = (int)d.Key,
                                Position = (int)d.Key,
                                RubricCriterionId = criterionId,
                                LastChangeDateTime = stamp,
                            };
                        }).ToList(),
                    },
                ],
            });
        }

        foreach (var task in framework.Tasks)
        {
            var node = AddItem($"task/{task.Code}", TaskType, task.Code, T(task.Name), document,
                extensions: new CfItemExtensions
                {
                    TaskLinks = task.Links.Select(l => (CfTaskLink?)new CfTaskLink
                    {
                        Competency = l.PedagogicalCompetencyCode,
                        Element = l.KnowledgeElementCode,
                        Level = ContentNames.Of(l.Required),
                    }).ToList(),
                });
            for (var l = 0; l < task.Links.Count; l++)
            {
                if (elements.TryGetValue(task.Links[l].KnowledgeElementCode, out var element))
                {
                    associations.Add(Association(Id($"task/{task.Code}/link/{l + 1}"), "isRelatedTo", node, element, l + 1));
                }
            }
        }

        var package = new CfPackage
        {
            Document = new CfDocument
            {
                Identifier = documentId,
                Uri = document.Uri,
                Creator = options.Creator,
                Title = T(framework.Title),
                LastChangeDateTime = stamp,
                Description = T(framework.Description),
                Language = language,
                Version = framework.Version,
                AdoptionStatus = "Implemented",
                Extensions = new CfDocumentExtensions { FrameworkCode = framework.Code },
            },
            Items = items,
            Associations = associations,
            Rubrics = rubrics,
        };
        return JsonSerializer.Serialize(package, CaseJsonContext.Readable.CfPackage) + "\n";
    }

    /// <summary>
    /// Reads a CFPackage. Texts go into the slot of <c>CFDocument.language</c>, with English filled as
    /// the fallback. Returns the whole framework or every problem found, never part of one.
    /// </summary>
    public static ContentResult<CompetencyFramework> Import(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return ContentResult<CompetencyFramework>.Fail([new(null, "$", ProblemCodes.EmptyFile, ContentMessages.EmptyFile())]);
        }

        CfPackage? package;
        try
        {
            package = JsonSerializer.Deserialize(json, CaseJsonContext.Default.CfPackage);
        }
        catch (JsonException exception)
        {
            return ContentResult<CompetencyFramework>.Fail([JsonProblems.From(exception)]);
        }

        if (package?.Document is not { } document)
        {
            return ContentResult<CompetencyFramework>.Fail([new(null, "$.CFDocument", ProblemCodes.Required, ContentMessages.PackageWithoutDocument())]);
        }

        return new CaseReader(package, document).Read();
    }

    internal static string Language(string? language) =>
        string.IsNullOrWhiteSpace(language) ? "en" : language.Trim()[..Math.Min(2, language.Trim().Length)].ToLowerInvariant();

    /// <summary>A single-language text put into its language slot, English filled as the fallback.</summary>
    internal static LocalizedText Slot(string text, string language) => language switch
    {
        "ru" => new(text, Ru: text),
        "kk" => new(text, Kk: text),
        _ => new(text),
    };
}
