using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// What a part of a content file is called in a problem sentence ("the module code is missing"), in lower case, in the three
/// languages. Russian and Kazakh sentences of <see cref="ContentMessages"/> use a term in its dictionary form (after a colon,
/// in brackets), so one term serves every sentence without declension.
/// </summary>
public static class ContentTerms
{
    public static LocalizedText Framework { get; } = new("framework", "рамка компетенций", "құзыреттер шеңбері");
    public static LocalizedText FrameworkVersion { get; } = new("framework version", "версия рамки", "шеңбер нұсқасы");
    public static LocalizedText FrameworkTitle { get; } = new("framework title", "название рамки", "шеңбер атауы");
    public static LocalizedText FrameworkDescription { get; } = new("framework description", "описание рамки", "шеңбер сипаттамасы");
    public static LocalizedText Competency { get; } = new("competency", "компетенция", "құзырет");
    public static LocalizedText CompetencyName { get; } = new("competency name", "название компетенции", "құзырет атауы");
    public static LocalizedText CompetencyDescription { get; } = new("competency description", "описание компетенции", "құзырет сипаттамасы");
    public static LocalizedText PedagogicalCompetency { get; } = new("pedagogical competency", "педагогическая компетенция", "педагогикалық құзырет");
    public static LocalizedText Component { get; } = new("component", "компонент", "компонент");
    public static LocalizedText Level { get; } = new("level", "уровень", "деңгей");
    public static LocalizedText StudiedAtLevel { get; } = new("level the element is studied at", "уровень, на котором изучается элемент", "элемент оқытылатын деңгей");
    public static LocalizedText Indicator { get; } = new("indicator", "индикатор", "индикатор");
    public static LocalizedText IndicatorText { get; } = new("indicator text", "текст индикатора", "индикатор мәтіні");
    public static LocalizedText KnowledgeElement { get; } = new("knowledge element", "элемент знаний", "білім элементі");
    public static LocalizedText KnowledgeElementName { get; } = new("knowledge element name", "название элемента знаний", "білім элементінің атауы");
    public static LocalizedText PedagogicalTask { get; } = new("pedagogical task", "педагогическая задача", "педагогикалық міндет");
    public static LocalizedText PedagogicalTaskName { get; } = new("pedagogical task name", "название педагогической задачи", "педагогикалық міндет атауы");
    public static LocalizedText Link { get; } = new("link", "связь", "байланыс");
    public static LocalizedText Instrument { get; } = new("instrument", "инструмент оценивания", "бағалау құралы");
    public static LocalizedText InstrumentKind { get; } = new("instrument kind", "вид инструмента оценивания", "бағалау құралының түрі");
    public static LocalizedText InstrumentTitle { get; } = new("instrument title", "название инструмента оценивания", "бағалау құралының атауы");
    public static LocalizedText InstrumentIntroduction { get; } = new("instrument introduction", "вступление к инструменту оценивания", "бағалау құралының кіріспесі");
    public static LocalizedText Item { get; } = new("item", "вопрос", "сұрақ");
    public static LocalizedText ItemKind { get; } = new("item kind", "тип вопроса", "сұрақ түрі");
    public static LocalizedText ItemText { get; } = new("item text", "текст вопроса", "сұрақ мәтіні");
    public static LocalizedText Option { get; } = new("option", "вариант ответа", "жауап нұсқасы");
    public static LocalizedText OptionText { get; } = new("option text", "текст варианта ответа", "жауап нұсқасының мәтіні");
    public static LocalizedText RubricCriterion { get; } = new("rubric criterion", "критерий рубрики", "рубрика критерийі");
    public static LocalizedText Criterion { get; } = new("criterion", "критерий", "критерий");
    public static LocalizedText CriterionDescription { get; } = new("criterion description", "описание критерия", "критерий сипаттамасы");
    public static LocalizedText Programme { get; } = new("programme", "программа", "бағдарлама");
    public static LocalizedText ProgrammeTitle { get; } = new("programme title", "название программы", "бағдарлама атауы");
    public static LocalizedText ProgrammeDescription { get; } = new("programme description", "описание программы", "бағдарлама сипаттамасы");
    public static LocalizedText MicroObjective { get; } = new("micro-objective", "микроцель", "микромақсат");
    public static LocalizedText MicroObjectiveText { get; } = new("micro-objective text", "текст микроцели", "микромақсат мәтіні");
    public static LocalizedText Module { get; } = new("module", "модуль", "модуль");
    public static LocalizedText ModuleKind { get; } = new("module kind", "тип модуля", "модуль түрі");
    public static LocalizedText ModuleTitle { get; } = new("module title", "название модуля", "модуль атауы");
    public static LocalizedText ModuleSummary { get; } = new("module summary", "краткое описание модуля", "модульдің қысқаша сипаттамасы");
    public static LocalizedText StudyForm { get; } = new("study form", "форма обучения", "оқу формасы");
    public static LocalizedText MaterialSection { get; } = new("material section", "раздел материалов", "материалдар бөлімі");
    public static LocalizedText SectionHeading { get; } = new("section heading", "заголовок раздела", "бөлім тақырыбы");
    public static LocalizedText SectionText { get; } = new("section text", "текст раздела", "бөлім мәтіні");
    public static LocalizedText CredentialTitle { get; } = new("credential title", "название сертификата", "сертификат атауы");
    public static LocalizedText CredentialDescription { get; } = new("credential description", "описание сертификата", "сертификат сипаттамасы");
    public static LocalizedText CredentialCriteria { get; } = new("credential criteria", "критерии сертификата", "сертификат критерийлері");
    public static LocalizedText TargetProfile { get; } = new("target profile", "целевой профиль", "мақсатты бейін");
    public static LocalizedText CareerStage { get; } = new("career stage", "этап карьеры", "мансап кезеңі");
    public static LocalizedText TrainingStage { get; } = new("training stage", "вид подготовки", "дайындық түрі");
    public static LocalizedText FrameworkIdNumber { get; } = new("framework ID number", "ID number рамки", "шеңбердің ID number мәні");
    public static LocalizedText IdNumber { get; } = new("ID number", "поле ID number", "ID number өрісі");
    public static LocalizedText ShortName { get; } = new("short name", "краткое название (Short name)", "қысқа атауы (Short name)");

    /// <summary>A level's descriptor, named by the level's spelling in the file.</summary>
    public static LocalizedText LevelDescriptor(string level) =>
        new($"descriptor of level \"{level}\"", $"описание уровня «{level}»", $"«{level}» деңгейінің сипаттамасы");
}
