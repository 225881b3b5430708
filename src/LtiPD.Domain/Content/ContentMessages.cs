using System.Globalization;
using LtiPD.Domain.Competencies;

namespace LtiPD.Domain.Content;

/// <summary>
/// Every sentence a content reader or validator says about a refused file, in English, Russian and Kazakh, so the page shows
/// it in the reader's language while the domain stays free of resources and cultures. Codes, paths, JSON names and quoted
/// values stay as they are in the file; Russian and Kazakh put values in «» as the pages do, and name counts after a colon
/// ("найдено: 3") so no plural form is needed.
/// </summary>
public static class ContentMessages
{
    // Files and formats.
    public static LocalizedText EmptyFile() => Say(
        "The file is empty.",
        "Файл пуст.",
        "Файл бос.");

    public static LocalizedText NullDocument(LocalizedText what) => Say(
        $"The file holds null instead of a {what.En} object.",
        $"В файле null, а нужен объект: {Ru(what)}.",
        $"Файлда null тұр, ал объект қажет: {Kk(what)}.");

    public static LocalizedText UnsupportedFormat(string expected, string? found) => Say(
        $"\"format\" must be \"{expected}\"; found \"{found}\".",
        $"Поле «format» должно быть «{expected}»; указано «{found}».",
        $"«format» өрісі «{expected}» болуы керек; көрсетілгені: «{found}».");

    public static LocalizedText VersionNotWholeNumber(LocalizedText what) => Say(
        $"The {what.En} version must be a whole number from 1.",
        $"{Cap(Ru(what))}: версия должна быть целым числом не меньше 1.",
        $"{Cap(Kk(what))}: нұсқасы 1-ден басталатын бүтін сан болуы керек.");

    /// <summary>A file that is not JSON or not of this format's shape; <paramref name="reason"/> is one of the Json* reasons below.</summary>
    public static LocalizedText InvalidJson(long? line, long position, LocalizedText reason) => line is { } l
        ? Say(
            $"The file is not valid for this format (line {l + 1}, position {position + 1}): {reason.En}.",
            $"Файл не подходит для этого формата (строка {l + 1}, позиция {position + 1}): {Ru(reason)}.",
            $"Файл бұл форматқа сай емес ({l + 1}-жол, {position + 1}-позиция): {Kk(reason)}.")
        : Say(
            $"The file is not valid for this format: {reason.En}.",
            $"Файл не подходит для этого формата: {Ru(reason)}.",
            $"Файл бұл форматқа сай емес: {Kk(reason)}.");

    public static LocalizedText JsonNotAField(string path) => Say(
        $"{path} is not a field of this format",
        $"{path} — не поле этого формата",
        $"{path} бұл форматтың өрісі емес");

    public static LocalizedText JsonWrongKind(string path) => Say(
        $"the value at {path} is not of the kind this format expects there (text, a number, a list or an object)",
        $"значение в {path} не того вида, который здесь ожидает формат (текст, число, список или объект)",
        $"{path} ішіндегі мән формат мұнда күтетін түрде емес (мәтін, сан, тізім немесе объект)");

    public static LocalizedText JsonMalformed() => Say(
        "it is not well-formed JSON (a bracket, quote or comma is missing or extra)",
        "это некорректный JSON (пропущена или лишняя скобка, кавычка или запятая)",
        "бұл дұрыс құрылмаған JSON (жақша, тырнақша немесе үтір жетіспейді не артық)");

    // Fields every native document reads the same way (DtoReader).
    public static LocalizedText CodeMissing(LocalizedText what) => Say(
        $"The {what.En} code is missing.",
        $"{Cap(Ru(what))}: не указан код.",
        $"{Cap(Kk(what))}: коды көрсетілмеген.");

    public static LocalizedText CodeWithSpaces(LocalizedText what, string code) => Say(
        $"The {what.En} code \"{code}\" must not contain spaces, commas or quotes.",
        $"{Cap(Ru(what))}: код «{code}» не должен содержать пробелов, запятых и кавычек.",
        $"{Cap(Kk(what))}: «{code}» кодында бос орын, үтір және тырнақша болмауы керек.");

    public static LocalizedText CodeNotValid(LocalizedText what, string code) => Say(
        $"The {what.En} code \"{code}\" must be non-empty without spaces, commas or quotes.",
        $"{Cap(Ru(what))}: код «{code}» должен быть непустым, без пробелов, запятых и кавычек.",
        $"{Cap(Kk(what))}: «{code}» коды бос болмауы керек, онда бос орын, үтір және тырнақша болмауы тиіс.");

    public static LocalizedText CodeUsedTwice(LocalizedText what, string code) => Say(
        $"The {what.En} code \"{code}\" is used more than once.",
        $"{Cap(Ru(what))}: код «{code}» используется более одного раза.",
        $"{Cap(Kk(what))}: «{code}» коды бірнеше рет қолданылған.");

    public static LocalizedText Missing(LocalizedText what) => Say(
        $"The {what.En} is missing.",
        $"Не указано: {Ru(what)}.",
        $"{Cap(Kk(what))} көрсетілмеген.");

    public static LocalizedText NoEnglishText(LocalizedText what) => Say(
        $"The {what.En} has no English text; English is required and shown when a translation is missing.",
        $"{Cap(Ru(what))}: нет текста на английском; английский текст обязателен и показывается, когда нет перевода.",
        $"{Cap(Kk(what))}: ағылшынша мәтін жоқ; ағылшынша мәтін міндетті және аударма болмаған кезде көрсетіледі.");

    public static LocalizedText MissingOneOf(LocalizedText what, string expected) => Say(
        $"The {what.En} is missing; expected one of {expected}.",
        $"Не указано: {Ru(what)}; ожидается одно из значений {expected}.",
        $"{Cap(Kk(what))} көрсетілмеген; күтілетін мәндердің бірі: {expected}.");

    public static LocalizedText NotOneOf(string? value, LocalizedText what, string expected) => Say(
        $"\"{value}\" is not a {what.En}; expected one of {expected}.",
        $"«{value}» — недопустимое значение ({Ru(what)}); ожидается одно из значений {expected}.",
        $"«{value}» жарамды мән емес ({Kk(what)}); күтілетін мәндердің бірі: {expected}.");

    public static LocalizedText AtLeastOne(LocalizedText what) => Say(
        $"There must be at least one {what.En}.",
        $"Нужен хотя бы один элемент: {Ru(what)}.",
        $"Кемінде бір элемент қажет: {Kk(what)}.");

    public static LocalizedText NullEntry(LocalizedText what) => Say(
        $"This {what.En} is empty (null).",
        $"{Cap(Ru(what))}: пустой элемент (null).",
        $"{Cap(Kk(what))}: бос элемент (null).");

    // Frameworks.
    public static LocalizedText NoLevelDescriptors() => Say(
        "The competency has no level descriptors; describe each of the five levels.",
        "У компетенции нет описаний уровней; опишите каждый из пяти уровней.",
        "Құзыретте деңгей сипаттамалары жоқ; бес деңгейдің әрқайсысын сипаттаңыз.");

    public static LocalizedText NotACaseItemUri(string text) => Say(
        $"\"{text}\" is not an absolute http or https URI of a CASE item.",
        $"«{text}» — не абсолютный URI элемента CASE по http или https.",
        $"«{text}» CASE элементінің http немесе https бойынша абсолютті URI-і емес.");

    public static LocalizedText CompetencyWithoutComponent(string competency) => Say(
        $"Competency \"{competency}\" has no known component.",
        $"У компетенции «{competency}» нет известного компонента.",
        $"«{competency}» құзыретінің белгілі компоненті жоқ.");

    public static LocalizedText LevelsMissing(string competency, int described, string missing) => Say(
        $"Competency \"{competency}\" describes {described} of the five levels; missing: {missing}.",
        $"В компетенции «{competency}» описано уровней: {described} из пяти; не хватает: {missing}.",
        $"«{competency}» құзыретінде сипатталған деңгейлер саны: бестен {described}; жетіспейтіндері: {missing}.");

    public static LocalizedText CompetencyWithoutIndicators(string competency) => Say(
        $"Competency \"{competency}\" has no indicators; every item maps to one.",
        $"У компетенции «{competency}» нет индикаторов, а каждый вопрос соотносится с одним из них.",
        $"«{competency}» құзыретінде индикаторлар жоқ, ал әр сұрақ солардың біріне байланады.");

    public static LocalizedText ElementOutsideSubject(string competency, string component) => Say(
        $"Competency \"{competency}\" is {component}; only subject competencies have knowledge elements.",
        $"Компетенция «{competency}» относится к компоненту {component}; элементы знаний бывают только у предметных компетенций.",
        $"«{competency}» құзыреті {component} компонентіне жатады; білім элементтері тек пәндік құзыреттерде болады.");

    public static LocalizedText ElementWithoutIndicator(string element, string competency) => Say(
        $"Knowledge element \"{element}\" must also be listed as an indicator of \"{competency}\" with the same code, so items can map to it.",
        $"Элемент знаний «{element}» должен быть указан и как индикатор компетенции «{competency}» с тем же кодом, чтобы вопросы могли с ним соотноситься.",
        $"Сұрақтар оған байлана алуы үшін «{element}» білім элементі «{competency}» құзыретінің индикаторы ретінде де сол кодпен көрсетілуі керек.");

    public static LocalizedText ElementNotStudied(string element) => Say(
        $"Knowledge element \"{element}\" is not studied at any level.",
        $"Элемент знаний «{element}» не изучается ни на одном уровне.",
        $"«{element}» білім элементі ешбір деңгейде оқытылмайды.");

    public static LocalizedText ElementWithoutLevels(string element) => Say(
        $"Knowledge element \"{element}\" does not say at which levels it is studied.",
        $"Для элемента знаний «{element}» не указано, на каких уровнях он изучается.",
        $"«{element}» білім элементі қай деңгейлерде оқытылатыны көрсетілмеген.");

    public static LocalizedText TaskWithoutLinks(string task) => Say(
        $"Pedagogical task \"{task}\" has no links.",
        $"У педагогической задачи «{task}» нет связей.",
        $"«{task}» педагогикалық міндетінің байланыстары жоқ.");

    public static LocalizedText TaskLinksToNonPedagogical(string task, string competency) => Say(
        $"Task \"{task}\" links to \"{competency}\", which is not a pedagogical competency of this framework.",
        $"Задача «{task}» связана с «{competency}», но это не педагогическая компетенция этой рамки.",
        $"«{task}» міндеті «{competency}» дегенге байланған, бірақ ол бұл шеңбердің педагогикалық құзыреті емес.");

    public static LocalizedText TaskLinksToUnknownElement(string task, string element) => Say(
        $"Task \"{task}\" links to \"{element}\", which is not a knowledge element of this framework.",
        $"Задача «{task}» связана с «{element}», но это не элемент знаний этой рамки.",
        $"«{task}» міндеті «{element}» дегенге байланған, бірақ ол бұл шеңбердің білім элементі емес.");

    public static LocalizedText TaskUnknownLevel(string task) => Say(
        $"Task \"{task}\" requires an unknown level.",
        $"Задача «{task}» требует неизвестного уровня.",
        $"«{task}» міндеті белгісіз деңгейді талап етеді.");

    public static LocalizedText IncompleteTaskLink() => Say(
        "The task link needs a competency, an element and a level.",
        "Для связи задачи нужны компетенция, элемент и уровень.",
        "Міндет байланысына құзырет, элемент және деңгей қажет.");

    // Instruments.
    public static LocalizedText OptionWithoutScore() => Say(
        "The option has no key score.",
        "У варианта ответа нет ключевого балла.",
        "Жауап нұсқасының кілттік ұпайы жоқ.");

    public static LocalizedText CriterionWithoutMaxPoints() => Say(
        "The criterion has no maximum points.",
        "У критерия не указан максимальный балл.",
        "Критерийдің ең жоғары ұпайы көрсетілмеген.");

    public static LocalizedText InstrumentWithoutItems() => Say(
        "The instrument has no items.",
        "В инструменте оценивания нет вопросов.",
        "Бағалау құралында сұрақтар жоқ.");

    public static LocalizedText ItemKindNotAllowed(string instrumentKind, string itemKind, string allowed) => Say(
        $"A {instrumentKind} instrument cannot hold a {itemKind} item; allowed: {allowed}.",
        $"Инструмент оценивания вида {instrumentKind} не может содержать вопрос типа {itemKind}; допустимо: {allowed}.",
        $"{instrumentKind} түріндегі бағалау құралында {itemKind} түріндегі сұрақ болмайды; рұқсат етілгені: {allowed}.");

    public static LocalizedText WrittenForOtherFramework(LocalizedText what, string written, string framework) => Say(
        $"The {what.En} is written for framework \"{written}\", not \"{framework}\".",
        $"{Cap(Ru(what))}: относится к рамке «{written}», а не «{framework}».",
        $"{Cap(Kk(what))}: «{framework}» шеңберіне емес, «{written}» шеңберіне арналған.");

    public static LocalizedText ItemUnknownCompetency(string item, string competency) => Say(
        $"Item \"{item}\" maps to competency \"{competency}\", which the framework does not have.",
        $"Вопрос «{item}» соотнесён с компетенцией «{competency}», которой нет в рамке.",
        $"«{item}» сұрағы шеңберде жоқ «{competency}» құзыретіне байланған.");

    public static LocalizedText ItemUnknownIndicator(string item, string indicator, string competency) => Say(
        $"Item \"{item}\" maps to indicator \"{indicator}\", which is not an indicator of \"{competency}\".",
        $"Вопрос «{item}» соотнесён с индикатором «{indicator}», но это не индикатор компетенции «{competency}».",
        $"«{item}» сұрағы «{indicator}» индикаторына байланған, бірақ ол «{competency}» құзыретінің индикаторы емес.");

    public static LocalizedText OptionCodeUsedTwice(string option, string item) => Say(
        $"Option code \"{option}\" is used more than once in item \"{item}\".",
        $"Код варианта ответа «{option}» используется в вопросе «{item}» более одного раза.",
        $"«{option}» жауап нұсқасының коды «{item}» сұрағында бірнеше рет қолданылған.");

    public static LocalizedText OptionNegativeScore(string option) => Say(
        $"Option \"{option}\" has a negative or missing key score.",
        $"У варианта ответа «{option}» ключевой балл отрицательный или не указан.",
        $"«{option}» жауап нұсқасының кілттік ұпайы теріс немесе көрсетілмеген.");

    public static LocalizedText OptionsNotAllowed(string kind, string item) => Say(
        $"{kind} item \"{item}\" must not have options.",
        $"У вопроса «{item}» типа {kind} не должно быть вариантов ответа.",
        $"{kind} түріндегі «{item}» сұрағында жауап нұсқалары болмауы керек.");

    public static LocalizedText OptionsMissing(string kind, string item) => Say(
        $"{kind} item \"{item}\" needs at least two options.",
        $"Вопросу «{item}» типа {kind} нужно не меньше двух вариантов ответа.",
        $"{kind} түріндегі «{item}» сұрағына кемінде екі жауап нұсқасы қажет.");

    public static LocalizedText ReverseKeyNotAllowed(string item, string kind) => Say(
        $"Only Likert items can be reverse-keyed; \"{item}\" is {kind}.",
        $"Обратный ключ бывает только у вопросов Likert; вопрос «{item}» имеет тип {kind}.",
        $"Кері кілт тек Likert сұрақтарында болады; «{item}» сұрағының түрі: {kind}.");

    public static LocalizedText RubricMissing(string item) => Say(
        $"Rubric task \"{item}\" needs a rubric with at least one criterion.",
        $"Заданию с рубрикой «{item}» нужна рубрика хотя бы с одним критерием.",
        $"«{item}» рубрикалық тапсырмасына кемінде бір критерийі бар рубрика қажет.");

    public static LocalizedText CriterionCodeUsedTwice(string criterion, string item) => Say(
        $"Criterion code \"{criterion}\" is used more than once in item \"{item}\".",
        $"Код критерия «{criterion}» используется в вопросе «{item}» более одного раза.",
        $"«{criterion}» критерий коды «{item}» сұрағында бірнеше рет қолданылған.");

    public static LocalizedText CriterionWithoutPoints(string criterion) => Say(
        $"Criterion \"{criterion}\" must be worth at least one point.",
        $"Критерий «{criterion}» должен давать хотя бы один балл.",
        $"«{criterion}» критерийі кемінде бір ұпай беруі керек.");

    public static LocalizedText RubricNotAllowed(string item, string kind) => Say(
        $"Only rubric tasks have a rubric; \"{item}\" is {kind}.",
        $"Рубрика бывает только у заданий с рубрикой; вопрос «{item}» имеет тип {kind}.",
        $"Рубрика тек рубрикалық тапсырмаларда болады; «{item}» сұрағының түрі: {kind}.");

    public static LocalizedText SingleChoiceKey(string item) => Say(
        $"Single-choice item \"{item}\" must have exactly one option scored 1 and the rest scored 0.",
        $"В вопросе с одним ответом «{item}» ровно один вариант должен иметь балл 1, а остальные — 0.",
        $"Бір жауапты «{item}» сұрағында дәл бір нұсқа 1 ұпаймен, қалғандары 0 ұпаймен бағалануы керек.");

    public static LocalizedText MultipleChoiceKey(string item) => Say(
        $"Multiple-choice item \"{item}\" must score its options 1 (correct) or 0, with at least one correct.",
        $"В вопросе с несколькими ответами «{item}» варианты должны иметь балл 1 (верный) или 0, и хотя бы один должен быть верным.",
        $"Бірнеше жауапты «{item}» сұрағының нұсқалары 1 (дұрыс) немесе 0 ұпаймен бағалануы керек, кемінде біреуі дұрыс болуы тиіс.");

    public static LocalizedText ScenarioKey(string item) => Say(
        $"Scenario \"{item}\" needs at least one option with a key score above 0.",
        $"Сценарию «{item}» нужен хотя бы один вариант с ключевым баллом выше 0.",
        $"«{item}» сценарийіне кілттік ұпайы 0-ден жоғары кемінде бір нұсқа қажет.");

    // Scoring (ScoringPlan.Check): what a key must be for an attempt to be scored at all.
    public static LocalizedText OptionScoreInvalid(string option, double score) => Say(
        $"Option \"{option}\" has key score {Number(score)}; scores are finite and not negative.",
        $"У варианта ответа «{option}» ключевой балл: {Number(score)}; балл должен быть конечным и неотрицательным.",
        $"«{option}» жауап нұсқасының кілттік ұпайы: {Number(score)}; ұпай ақырлы әрі теріс емес болуы керек.");

    public static LocalizedText ChoiceWithoutOptions(string kind, string item) => Say(
        $"{kind} item \"{item}\" needs options.",
        $"Вопросу «{item}» типа {kind} нужны варианты ответа.",
        $"{kind} түріндегі «{item}» сұрағына жауап нұсқалары қажет.");

    public static LocalizedText TooManyOptions(string item, int count, int most) => Say(
        $"A choice item has at most {most} options; \"{item}\" has {count}.",
        $"В вопросе «{item}» вариантов ответа: {count}; в вопросе с выбором их может быть не больше: {most}.",
        $"«{item}» сұрағындағы жауап нұсқаларының саны: {count}; таңдау сұрағында ең көбі: {most}.");

    public static LocalizedText SingleChoiceScoreRange(string item) => Say(
        $"Single-choice item \"{item}\" scores its options from 0 to 1 with at least one correct option (score above 0).",
        $"В вопросе с одним ответом «{item}» варианты должны иметь балл от 0 до 1, и хотя бы один должен быть верным (балл выше 0).",
        $"Бір жауапты «{item}» сұрағының нұсқалары 0-ден 1-ге дейінгі ұпаймен бағалануы керек, кемінде біреуі дұрыс болуы тиіс (ұпайы 0-ден жоғары).");

    /// <summary>A new framework version under which a stored instrument could no longer be scored, with why.</summary>
    public static LocalizedText StoredInstrumentBroken(string instrument, string framework, LocalizedText reason) => Say(
        $"The stored instrument \"{instrument}\" is scored against the newest version of \"{framework}\"; with this file it could not be: {reason.En}",
        $"Сохранённый инструмент оценивания «{instrument}» оценивается по новейшей версии «{framework}»; с этим файлом это стало бы невозможно: {Ru(reason)}",
        $"Сақталған «{instrument}» бағалау құралы «{framework}» шеңберінің ең жаңа нұсқасы бойынша бағаланады; бұл файлмен бұл мүмкін болмас еді: {Kk(reason)}");

    // Programmes.
    public static LocalizedText ModuleWithoutHours() => Say(
        "The module has no time allocation in hours.",
        "У модуля не указан объём в часах.",
        "Модульдің сағаттағы көлемі көрсетілмеген.");

    public static LocalizedText ModuleWithoutForms(string expected) => Say(
        $"The module offers no form; expected some of {expected}.",
        $"Модуль не предлагает ни одной формы обучения; ожидаются некоторые из {expected}.",
        $"Модульде бірде-бір оқу формасы жоқ; мыналардың кейбірі күтіледі: {expected}.");

    public static LocalizedText ModuleWithoutDiagnostics() => Say(
        "The module has no diagnostics; name at least one of content, activity, communicative.",
        "У модуля нет диагностик; укажите хотя бы одну из content, activity, communicative.",
        "Модульде диагностика жоқ; content, activity, communicative ішінен кемінде біреуін көрсетіңіз.");

    public static LocalizedText ModuleWithoutDiagnostics(string module) => Say(
        $"Module \"{module}\" has no diagnostics; name at least one of content, activity, communicative.",
        $"У модуля «{module}» нет диагностик; укажите хотя бы одну из content, activity, communicative.",
        $"«{module}» модулінде диагностика жоқ; content, activity, communicative ішінен кемінде біреуін көрсетіңіз.");

    public static LocalizedText CredentialWithoutImage() => Say(
        "The credential has no image: an https URL or a path of the tool starting with \"/\".",
        "У сертификата нет изображения: нужен https URL или путь инструмента, начинающийся с «/».",
        "Сертификаттың суреті жоқ: https URL немесе құралдың «/» белгісінен басталатын жолы қажет.");

    public static LocalizedText CredentialImageInvalid(string image) => Say(
        $"The credential image \"{image}\" must be an https URL or a path of the tool starting with \"/\".",
        $"Изображение сертификата «{image}» должно быть https URL или путём инструмента, начинающимся с «/».",
        $"«{image}» сертификат суреті https URL немесе құралдың «/» белгісінен басталатын жолы болуы керек.");

    public static LocalizedText PassMarkOutsideContent(string aspect, string expected) => Say(
        $"Only a content test has a pass mark; the {aspect} diagnostic states {expected}.",
        $"Проходной порог есть только у теста; в диагностике {aspect} указывается {expected}.",
        $"Өту шегі тек тестте болады; {aspect} диагностикасында {expected} көрсетіледі.");

    public static LocalizedText ReviewOutsideActivity(string aspect, string expected) => Say(
        $"Only a practical task is reviewed at a level; the {aspect} diagnostic states {expected}.",
        $"Проверку на уровне проходит только практическое задание; в диагностике {aspect} указывается {expected}.",
        $"Деңгей бойынша тек практикалық тапсырма тексеріледі; {aspect} диагностикасында {expected} көрсетіледі.");

    public static LocalizedText AnsweredInFullOutsideCommunicative(string aspect, string expected) => Say(
        $"Only a self-analysis is judged by being answered in full; the {aspect} diagnostic states {expected}.",
        $"Только самоанализ оценивается по полноте ответов; в диагностике {aspect} указывается {expected}.",
        $"Толық жауап берілуі бойынша тек өзін-өзі талдау бағаланады; {aspect} диагностикасында {expected} көрсетіледі.");

    public static LocalizedText AnsweredInFullFalse() => Say(
        "A self-analysis counts when it is answered in full; \"answeredInFull\": false states no criterion. Leave it out or set it to true.",
        "Самоанализ засчитывается, когда на него ответили полностью; \"answeredInFull\": false не задаёт никакого критерия. Уберите это поле или укажите true.",
        "Өзін-өзі талдау толық жауап берілгенде есептеледі; \"answeredInFull\": false ешқандай критерий бермейді. Бұл өрісті алып тастаңыз немесе true деп қойыңыз.");

    public static LocalizedText UnknownMicroObjective(string module, string objective) => Say(
        $"Module \"{module}\" develops micro-objective \"{objective}\", which the programme does not have.",
        $"Модуль «{module}» развивает микроцель «{objective}», которой нет в программе.",
        $"«{module}» модулі бағдарламада жоқ «{objective}» микромақсатын дамытады.");

    public static LocalizedText HoursOutOfRange(string module, int hours) => Say(
        $"Module \"{module}\" must take from 1 to 1000 hours; found {hours}.",
        $"Модуль «{module}» должен занимать от 1 до 1000 часов; указано: {hours}.",
        $"«{module}» модулінің көлемі 1-ден 1000 сағатқа дейін болуы керек; көрсетілгені: {hours}.");

    public static LocalizedText StudyFormTwice(string module) => Say(
        $"Module \"{module}\" lists a study form more than once.",
        $"В модуле «{module}» форма обучения указана более одного раза.",
        $"«{module}» модулінде оқу формасы бірнеше рет көрсетілген.");

    public static LocalizedText CriterionKindMismatch(string aspect, string module, string expected, string found) => Say(
        $"The {aspect} diagnostic of module \"{module}\" is judged by {expected}, not {found}.",
        $"Диагностика {aspect} модуля «{module}» оценивается по критерию {expected}, а не {found}.",
        $"«{module}» модулінің {aspect} диагностикасы {found} бойынша емес, {expected} бойынша бағаланады.");

    public static LocalizedText PassPercentOutOfRange(string module) => Say(
        $"The content test of module \"{module}\" needs a pass threshold above 0 and at most 100 (percent of its maximum).",
        $"Тесту модуля «{module}» нужен проходной порог больше 0 и не больше 100 (процент от максимума).",
        $"«{module}» модулінің тестіне 0-ден жоғары және 100-ден аспайтын өту шегі қажет (ең жоғары нәтиженің пайызы).");

    public static LocalizedText ReviewLevelMissing(string module, string expected) => Say(
        $"The practical task of module \"{module}\" needs the level its review must reach, one of {expected}.",
        $"Практическому заданию модуля «{module}» нужен уровень, которого должна достичь проверка, — одно из значений {expected}.",
        $"«{module}» модулінің практикалық тапсырмасына тексеру жетуі тиіс деңгей қажет, мыналардың бірі: {expected}.");

    public static LocalizedText ObjectiveUnknownCompetency(string objective, string competency) => Say(
        $"Micro-objective \"{objective}\" names competency \"{competency}\", which the framework does not have.",
        $"Микроцель «{objective}» называет компетенцию «{competency}», которой нет в рамке.",
        $"«{objective}» микромақсаты шеңберде жоқ «{competency}» құзыретін атайды.");

    public static LocalizedText UnknownInstrument(string module, string instrument) => Say(
        $"Module \"{module}\" names instrument \"{instrument}\", which does not exist.",
        $"Модуль «{module}» называет инструмент оценивания «{instrument}», которого нет.",
        $"«{module}» модулі жоқ «{instrument}» бағалау құралын атайды.");

    public static LocalizedText InstrumentKindMismatch(string aspect, string module, IReadOnlyList<string> allowed, string instrument, string kind) => Say(
        $"The {aspect} diagnostic of module \"{module}\" must be a {string.Join(" or ", allowed)} instrument; \"{instrument}\" is {kind}.",
        $"Диагностика {aspect} модуля «{module}» должна быть инструментом оценивания вида {string.Join(" или ", allowed)}; «{instrument}» — вида {kind}.",
        $"«{module}» модулінің {aspect} диагностикасы {string.Join(" немесе ", allowed)} түріндегі бағалау құралы болуы керек; «{instrument}» түрі: {kind}.");

    // Target profiles.
    public static LocalizedText ProfileWithoutTargets() => Say(
        "The profile sets no target; name at least one competency and its level.",
        "Профиль не задаёт ни одной цели; укажите хотя бы одну компетенцию и её уровень.",
        "Бейінде бірде-бір мақсат жоқ; кемінде бір құзырет пен оның деңгейін көрсетіңіз.");

    /// <summary>A second profile for a career stage and training stage (<paramref name="training"/> null: the general one).</summary>
    public static LocalizedText ProfileTwice(string stage, string? training) => Say(
        $"There is already a profile for {stage}{(training is null ? " (general)" : $" in {training}")}.",
        $"Профиль для этапа {stage}{(training is null ? " (общий)" : $", подготовка {training},")} уже есть.",
        $"{stage} кезеңі{(training is null ? " (жалпы)" : $", {training} дайындығы")} үшін бейін бұрыннан бар.");

    public static LocalizedText TargetNotALevel(string competency, string expected) => Say(
        $"The target of \"{competency}\" is not a level; expected one of {expected}.",
        $"Цель для «{competency}» не является уровнем; ожидается одно из значений {expected}.",
        $"«{competency}» үшін мақсат деңгей емес; күтілетін мәндердің бірі: {expected}.");

    public static LocalizedText ProgrammeOfOtherFramework(string programme, string written, string framework) => Say(
        $"Programme \"{programme}\" is written for framework \"{written}\", not \"{framework}\".",
        $"Программа «{programme}» относится к рамке «{written}», а не «{framework}».",
        $"«{programme}» бағдарламасы «{framework}» шеңберіне емес, «{written}» шеңберіне арналған.");

    public static LocalizedText ProfilesOfOtherProgramme(string written, string programme) => Say(
        $"The profiles are written for programme \"{written}\", not \"{programme}\".",
        $"Профили относятся к программе «{written}», а не «{programme}».",
        $"Бейіндер «{programme}» бағдарламасына емес, «{written}» бағдарламасына арналған.");

    public static LocalizedText ProfileUnknownCompetency(string stage, string? training, string competency, string framework) => Say(
        $"The profile for {stage}{(training is null ? " (general)" : $" in {training}")} names competency \"{competency}\", which framework \"{framework}\" does not have.",
        $"Профиль для этапа {stage}{(training is null ? " (общий)" : $", подготовка {training},")} называет компетенцию «{competency}», которой нет в рамке «{framework}».",
        $"{stage} кезеңі{(training is null ? " (жалпы)" : $", {training} дайындығы")} үшін бейін «{framework}» шеңберінде жоқ «{competency}» құзыретін атайды.");

    public static LocalizedText StageWithoutGeneralProfile(string stage) => Say(
        $"No general profile (without \"training\") for career stage \"{stage}\": teachers at that stage would have no target.",
        $"Нет общего профиля (без \"training\") для этапа карьеры «{stage}»: у преподавателей на этом этапе не было бы цели.",
        $"«{stage}» мансап кезеңі үшін жалпы бейін (\"training\" өрісінсіз) жоқ: бұл кезеңдегі оқытушылардың мақсаты болмас еді.");

    // Translations of shipped content.
    public static LocalizedText EnglishMissing() => Say(
        "The English text is missing.",
        "Нет текста на английском.",
        "Ағылшынша мәтін жоқ.");

    public static LocalizedText RussianMissing() => Say(
        "The Russian translation is missing.",
        "Нет перевода на русский.",
        "Орысша аударма жоқ.");

    public static LocalizedText KazakhMissing() => Say(
        "The Kazakh translation is missing.",
        "Нет перевода на казахский.",
        "Қазақша аударма жоқ.");

    // CASE packages.
    public static LocalizedText PackageWithoutDocument() => Say(
        "The package has no CFDocument.",
        "В пакете нет CFDocument.",
        "Пакетте CFDocument жоқ.");

    public static LocalizedText DocumentWithoutIdentifier() => Say(
        "The CFDocument has no identifier.",
        "У CFDocument нет identifier.",
        "CFDocument ішінде identifier жоқ.");

    public static LocalizedText DocumentWithoutTitle() => Say(
        "The CFDocument has no title.",
        "У CFDocument нет title.",
        "CFDocument ішінде title жоқ.");

    public static LocalizedText CaseItemNull() => Say(
        "This CFItem is empty (null).",
        "Этот CFItem пуст (null).",
        "Бұл CFItem бос (null).");

    public static LocalizedText CaseItemWithoutStatement() => Say(
        "The CFItem has no fullStatement.",
        "У CFItem нет fullStatement.",
        "CFItem ішінде fullStatement жоқ.");

    public static LocalizedText CaseItemWithoutCodingScheme() => Say(
        "The CFItem has no humanCodingScheme; LtiPD uses it as the code.",
        "У CFItem нет humanCodingScheme; LtiPD использует его как код.",
        "CFItem ішінде humanCodingScheme жоқ; LtiPD оны код ретінде пайдаланады.");

    public static LocalizedText CaseItemWithoutIdentifier() => Say(
        "The CFItem has no identifier.",
        "У CFItem нет identifier.",
        "CFItem ішінде identifier жоқ.");

    public static LocalizedText UnknownCaseItemType(string type, string expected) => Say(
        $"CFItemType \"{type}\" is not one of {expected}.",
        $"CFItemType «{type}» не входит в число допустимых: {expected}.",
        $"«{type}» CFItemType мәні рұқсат етілгендердің қатарында жоқ: {expected}.");

    public static LocalizedText IdentifierUsedTwice(string identifier) => Say(
        $"The identifier \"{identifier}\" is used more than once.",
        $"Идентификатор «{identifier}» используется более одного раза.",
        $"«{identifier}» идентификаторы бірнеше рет қолданылған.");

    public static LocalizedText CaseAssociationNull() => Say(
        "This CFAssociation is empty (null).",
        "Эта CFAssociation пуста (null).",
        "Бұл CFAssociation бос (null).");

    public static LocalizedText AssociationFromUnknown(string origin) => Say(
        $"The association starts at \"{origin}\", which is not a CFItem of this package.",
        $"Связь начинается в «{origin}», но это не CFItem этого пакета.",
        $"Байланыс «{origin}» түйінінен басталады, бірақ ол бұл пакеттің CFItem-і емес.");

    public static LocalizedText ChildOfUnknown(string code, string? parent) => Say(
        $"\"{code}\" is a child of \"{parent}\", which is neither the CFDocument nor a CFItem of this package.",
        $"«{code}» — дочерний узел «{parent}», но это ни CFDocument, ни CFItem этого пакета.",
        $"«{code}» — «{parent}» түйінінің еншілесі, бірақ ол бұл пакеттің CFDocument-і де, CFItem-і де емес.");

    public static LocalizedText ChildOfMany(string code) => Say(
        $"\"{code}\" is a child of more than one node.",
        $"«{code}» — дочерний узел более чем одного узла.",
        $"«{code}» бірнеше түйіннің еншілесі болып тұр.");

    public static LocalizedText CaseCycle(string code) => Say(
        $"\"{code}\" is, through its parents, a child of itself.",
        $"«{code}» через своих родителей оказывается дочерним узлом самого себя.",
        $"«{code}» өз ата-түйіндері арқылы өзінің еншілесі болып шығады.");

    /// <summary>An item without an isChildOf association; <paramref name="parentType"/> null: it belongs under the CFDocument.</summary>
    public static LocalizedText NoParentAssociation(string? code, string? parentType) => Say(
        $"\"{code}\" has no isChildOf association; it must be a child of {ParentEn(parentType)}.",
        $"У «{code}» нет связи isChildOf; он должен быть дочерним узлом {ParentRu(parentType)}.",
        $"«{code}» үшін isChildOf байланысы жоқ; ол {ParentKk(parentType)} еншілесі болуы керек.");

    public static LocalizedText WrongParentType(string? code, string? type, string? parentType) => Say(
        $"\"{code}\" ({type}) must be a child of {ParentEn(parentType)}.",
        $"«{code}» ({type}) должен быть дочерним узлом {ParentRu(parentType)}.",
        $"«{code}» ({type}) {ParentKk(parentType)} еншілесі болуы керек.");

    public static LocalizedText UnknownCaseComponent(string? code, string expected) => Say(
        $"Component \"{code}\" is unknown; expected one of {expected}.",
        $"Компонент «{code}» неизвестен; ожидается одно из значений {expected}.",
        $"«{code}» компоненті белгісіз; күтілетін мәндердің бірі: {expected}.");

    public static LocalizedText RubricForUnknown(string? target) => Say(
        $"The rubric criterion points at \"{target}\", which is not a competency of this package.",
        $"Критерий рубрики указывает на «{target}», но это не компетенция этого пакета.",
        $"Рубрика критерийі «{target}» дегенге сілтейді, бірақ ол бұл пакеттің құзыреті емес.");

    public static LocalizedText RubricLevelCount(string competency, int count) => Say(
        $"The rubric of \"{competency}\" has {count} levels; it needs exactly five (low, acceptable, average, high, advanced).",
        $"В рубрике «{competency}» уровней: {count}; нужно ровно пять (low, acceptable, average, high, advanced).",
        $"«{competency}» рубрикасындағы деңгейлер саны: {count}; дәл бесеуі қажет (low, acceptable, average, high, advanced).");

    public static LocalizedText RubricLevelScore() => Say(
        "The criterion level needs a score from 1 (low) to 5 (advanced).",
        "Уровню критерия нужен балл от 1 (low) до 5 (advanced).",
        "Критерий деңгейіне 1-ден (low) 5-ке (advanced) дейінгі балл қажет.");

    public static LocalizedText RubricLevelWithoutDescription() => Say(
        "The criterion level has no description (the level descriptor).",
        "У уровня критерия нет описания (дескриптора уровня).",
        "Критерий деңгейінің сипаттамасы (деңгей дескрипторы) жоқ.");

    public static LocalizedText LevelDescribedTwice(string level, string competency) => Say(
        $"Level {level} is described twice for \"{competency}\".",
        $"Уровень {level} описан для «{competency}» дважды.",
        $"{level} деңгейі «{competency}» үшін екі рет сипатталған.");

    public static LocalizedText ManyRubricCriteria(string competency) => Say(
        $"\"{competency}\" has more than one rubric criterion with level descriptors.",
        $"У «{competency}» больше одного критерия рубрики с описаниями уровней.",
        $"«{competency}» үшін деңгей сипаттамалары бар рубрика критерийі біреуден көп.");

    public static LocalizedText CompetencyWithoutRubric(string? competency) => Say(
        $"Competency \"{competency}\" has no CFRubric criterion with its five level descriptors.",
        $"У компетенции «{competency}» нет критерия CFRubric с описаниями пяти уровней.",
        $"«{competency}» құзыретінің бес деңгей сипаттамасы бар CFRubric критерийі жоқ.");

    // Moodle CSV.
    public static LocalizedText UnclosedQuote() => Say(
        "A quoted field starts on this line and is never closed.",
        "Поле в кавычках начинается в этой строке и нигде не закрывается.",
        "Тырнақшадағы өріс осы жолда басталып, еш жерде жабылмайды.");

    public static LocalizedText WrongHeaderColumn(int column, string expected, string found) => Say(
        $"Column {column} of the header must be \"{expected}\"; found \"{found}\".",
        $"Столбец {column} заголовка должен называться «{expected}»; указано «{found}».",
        $"Тақырып жолының {column}-бағаны «{expected}» болуы керек; көрсетілгені: «{found}».");

    public static LocalizedText ColumnCount(int found, int expected) => Say(
        $"The row has {found} columns; Moodle's format has {expected}.",
        $"Столбцов в строке: {found}; в формате Moodle их {expected}.",
        $"Жолдағы бағандар саны: {found}; Moodle форматында: {expected}.");

    public static LocalizedText NoFrameworkRow() => Say(
        "No row has \"Is framework\" set to 1; the framework row is required.",
        "Ни в одной строке «Is framework» не равно 1; строка рамки обязательна.",
        "Бірде-бір жолда «Is framework» мәні 1 емес; шеңбер жолы міндетті.");

    public static LocalizedText ManyFrameworkRows() => Say(
        "More than one row has \"Is framework\" set; a file holds one framework.",
        "«Is framework» задано в нескольких строках; файл содержит одну рамку.",
        "«Is framework» бірнеше жолда қойылған; файлда бір ғана шеңбер болады.");

    public static LocalizedText IdNumberUsedTwice(string id) => Say(
        $"ID number \"{id}\" is used by more than one row.",
        $"ID number «{id}» используется в нескольких строках.",
        $"«{id}» ID number мәні бірнеше жолда қолданылған.");

    public static LocalizedText TopLevelNotComponent(string id, string expected) => Say(
        $"Top-level competency \"{id}\" must be a component: ID number {expected}.",
        $"Компетенция верхнего уровня «{id}» должна быть компонентом: ID number {expected}.",
        $"Жоғарғы деңгейдегі «{id}» құзыреті компонент болуы керек: ID number {expected}.");

    public static LocalizedText NestedTooDeep(string id, int depth) => Say(
        $"\"{id}\" is nested {depth} levels deep; the format has components, competencies and indicators (3 levels).",
        $"Глубина вложенности «{id}» (уровней): {depth}; в формате есть компоненты, компетенции и индикаторы (3 уровня).",
        $"«{id}» кірістіру тереңдігі (деңгей): {depth}; форматта компоненттер, құзыреттер және индикаторлар бар (3 деңгей).");

    public static LocalizedText UnknownParentRow(string parent) => Say(
        $"Parent ID number \"{parent}\" is not the ID number of any row.",
        $"Parent ID number «{parent}» не совпадает с ID number ни одной строки.",
        $"«{parent}» Parent ID number мәні ешбір жолдың ID number мәнімен сәйкес келмейді.");

    public static LocalizedText OwnParent(string id) => Say(
        $"\"{id}\" is, through its parents, its own parent.",
        $"«{id}» через своих родителей оказывается собственным родителем.",
        $"«{id}» өз ата-жолдары арқылы өзіне-өзі ата-жол болып шығады.");

    public static LocalizedText CompetencyNotUnderComponent(string competency, string parent, string expected) => Say(
        $"Competency \"{competency}\" is under \"{parent}\"; its parent must be a component ({expected}).",
        $"Компетенция «{competency}» находится под «{parent}»; её родителем должен быть компонент ({expected}).",
        $"«{competency}» құзыреті «{parent}» астында тұр; оның ата-жолы компонент болуы керек ({expected}).");

    public static LocalizedText MoodleLevelsMissing(string competency, int described) => Say(
        $"Competency \"{competency}\" describes {described} of the five levels; its description needs a <dl class=\"ltipd-levels\"> with a <dt data-level=\"…\"> and <dd> for low, acceptable, average, high and advanced.",
        $"В компетенции «{competency}» описано уровней: {described} из пяти; в её описании нужен <dl class=\"ltipd-levels\"> с <dt data-level=\"…\"> и <dd> для low, acceptable, average, high и advanced.",
        $"«{competency}» құзыретінде сипатталған деңгейлер саны: бестен {described}; оның сипаттамасында low, acceptable, average, high және advanced үшін <dt data-level=\"…\"> және <dd> бар <dl class=\"ltipd-levels\"> қажет.");

    public static LocalizedText DataLevelNotALevel(string name, string expected) => Say(
        $"\"{name}\" in data-levels is not a level; expected one of {expected}.",
        $"«{name}» в data-levels — не уровень; ожидается одно из значений {expected}.",
        $"data-levels ішіндегі «{name}» деңгей емес; күтілетін мәндердің бірі: {expected}.");

    public static LocalizedText FieldEmpty(LocalizedText what) => Say(
        $"The {what.En} is empty.",
        $"{Cap(Ru(what))}: поле пустое.",
        $"{Cap(Kk(what))}: өріс бос.");

    private static LocalizedText Say(string en, string ru, string kk) => new(en, ru, kk);

    private static string Ru(LocalizedText text) => text.For("ru");

    private static string Kk(LocalizedText text) => text.For("kk");

    /// <summary>A key score as a file writes it (a point, not a comma), whatever the thread's culture.</summary>
    private static string Number(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Cap(string text) => text.Length == 0 ? text : string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]);

    private static string ParentEn(string? type) => type is null ? "the CFDocument" : $"a {type}";

    private static string ParentRu(string? type) => type is null ? "CFDocument" : $"элемента типа {type}";

    private static string ParentKk(string? type) => type is null ? "CFDocument-тің" : $"{type} түріндегі элементтің";
}
