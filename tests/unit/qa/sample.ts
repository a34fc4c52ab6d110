/**
 * Sentences of the sample article (tests/fixtures/tass-aliyev-apology.ru.txt) with our own English and Arabic
 * translations, plus helpers. sample.test.ts checks that every Russian sentence is verbatim in the fixture.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runQaChecks, type QaCode, type QaInput, type QaIssue } from '../../../src/domain/qa/index.js';

export const articleText = readFileSync(
  fileURLToPath(new URL('../../fixtures/tass-aliyev-apology.ru.txt', import.meta.url)),
  'utf8',
);

export interface SamplePair {
  ru: string;
  en: string[];
  ar: string[];
}

export const apology: SamplePair = {
  ru: 'Президент Азербайджана Ильхам Алиев в ходе телефонного разговора с президентом РФ Владимиром Путиным принес свои извинения и выразил глубокие соболезнования по поводу гибели в Карабахе 20 сентября военнослужащих российского миротворческого контингента.',
  en: [
    'During a telephone conversation with Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev apologized and expressed deep condolences over the deaths of servicemen of the Russian peacekeeping contingent in Karabakh on September 20.',
    'In a telephone conversation with Russian President Vladimir Putin, Azerbaijan’s President Ilham Aliyev apologised and offered his deep condolences over the death of Russian peacekeepers in Karabakh on 20 September.',
  ],
  ar: [
    'قدّم الرئيس الأذربيجاني إلهام علييف، خلال اتصال هاتفي مع الرئيس الروسي فلاديمير بوتين، اعتذاره وأعرب عن تعازيه العميقة في مقتل عسكريين من قوة حفظ السلام الروسية في قره باغ في 20 سبتمبر.',
    'قدّم الرئيس الأذربيجاني إلهام علييف، خلال اتصال هاتفي مع الرئيس الروسي فلاديمير بوتين، اعتذاره وأعرب عن تعازيه العميقة في مقتل عسكريين من قوة حفظ السلام الروسية في قره باغ في ٢٠ أيلول/سبتمبر.',
  ],
};

export const trilateral: SamplePair = {
  ru: '"Условлено активизировать работу на переговорном треке в русле известных трехсторонних договоренностей на высшем уровне 2020-2022 годов, прежде всего в части разблокирования транспортных связей, делимитации азербайджано-армянской границы и подготовки мирного договора между Баку и Ереваном", - говорится в сообщении.',
  en: [
    '“It was agreed to step up work on the negotiating track in line with the well-known trilateral agreements reached at the highest level in 2020–2022, primarily on unblocking transport links, delimiting the Azerbaijani-Armenian border and preparing a peace treaty between Baku and Yerevan,” the statement said.',
    '"The sides agreed to intensify work on the negotiating track in line with the known trilateral summit agreements of 2020-2022, above all on unblocking transport links, delimiting the Azerbaijani-Armenian border and preparing a peace treaty between Baku and Yerevan," the statement said.',
  ],
  ar: [
    '«تم الاتفاق على تكثيف العمل على مسار المفاوضات في إطار الاتفاقات الثلاثية المعروفة على أعلى مستوى للأعوام 2020-2022، ولا سيما في ما يتعلق بفتح طرق النقل وترسيم الحدود الأذربيجانية الأرمينية والتحضير لمعاهدة سلام بين باكو ويريفان»، بحسب البيان.',
    '«تم الاتفاق على تكثيف العمل على مسار المفاوضات في إطار الاتفاقات الثلاثية المعروفة على أعلى مستوى للأعوام ٢٠٢٠–٢٠٢٢، ولا سيما في ما يتعلق بفتح طرق النقل وترسيم الحدود الأذربيجانية الأرمينية والتحضير لمعاهدة سلام بين باكو ويريفان»، بحسب البيان.',
  ],
};

export const reykjavik: SamplePair = {
  ru: '17 мая 2023 года на саммите Совета Европы в Рейкьявике Пашинян заявил, что Ереван признает суверенитет Азербайджана в его границах, куда входит и Нагорный Карабах.',
  en: [
    "On May 17, 2023, at the Council of Europe summit in Reykjavik, Pashinyan said that Yerevan recognizes Azerbaijan's sovereignty within its borders, which include Nagorno-Karabakh.",
    'On 17 May 2023, at a Council of Europe summit in Reykjavik, Pashinyan said Yerevan recognised the sovereignty of Azerbaijan within borders that include Nagorno-Karabakh.',
  ],
  ar: [
    'وفي 17 مايو 2023، أعلن باشينيان خلال قمة مجلس أوروبا في ريكيافيك أن يريفان تعترف بسيادة أذربيجان ضمن حدودها، التي تشمل ناغورنو قره باغ.',
    'وفي 17 أيار/مايو 2023، أعلن باشينيان خلال قمة مجلس أوروبا في ريكيافيك أن يريفان تعترف بسيادة أذربيجان ضمن حدودها التي تشمل ناغورنو قره باغ.',
  ],
};

export const headline: SamplePair = {
  ru: 'Алиев принес извинения в связи с гибелью миротворцев РФ в Карабахе',
  en: ['Aliyev apologizes for deaths of Russian peacekeepers in Karabakh'],
  ar: ['علييف يعتذر عن مقتل جنود حفظ السلام الروس في قره باغ'],
};

export const dateline: SamplePair = {
  ru: '21 сентября 2023',
  en: ['September 21, 2023', '21 September 2023'],
  ar: ['21 سبتمبر 2023', '٢١ أيلول ٢٠٢٣'],
};

export const ceasefire: SamplePair = {
  ru: '9 ноября президент России Владимир Путин, президент Азербайджана Ильхам Алиев и премьер-министр Армении Никол Пашинян подписали совместное заявление о полном прекращении военных действий.',
  en: [
    'On November 9, Russian President Vladimir Putin, Azerbaijani President Ilham Aliyev and Armenian Prime Minister Nikol Pashinyan signed a joint statement on a complete cessation of hostilities.',
  ],
  ar: [
    'وفي 9 نوفمبر، وقّع الرئيس الروسي فلاديمير بوتين والرئيس الأذربيجاني إلهام علييف ورئيس الوزراء الأرميني نيكول باشينيان بيانًا مشتركًا بشأن الوقف الكامل للأعمال العسكرية.',
  ],
};

export const since1988: SamplePair = {
  ru: 'Баку и Ереван оспаривают принадлежность Нагорного Карабаха еще с 1988 года.',
  en: ['Baku and Yerevan have been disputing Nagorno-Karabakh since 1988.'],
  ar: ['تتنازع باكو ويريفان على تبعية إقليم ناغورنو قره باغ منذ عام 1988.'],
};

export const september2020: SamplePair = {
  ru: 'В сентябре 2020 года в регионе в очередной раз развернулись активные бои.',
  en: ['In September 2020, heavy fighting broke out in the region once again.'],
  ar: ['وفي سبتمبر 2020، اندلعت معارك عنيفة في المنطقة مرة أخرى.', 'وفي أيلول 2020، اندلعت معارك عنيفة في المنطقة مرة أخرى.'],
};

/** A sentence of a quotation that continues in the next segment: its opening quote is closed elsewhere. */
export const openQuote: SamplePair = {
  ru: 'Отмечается, что в ходе беседы "Алиев принес извинения и выразил глубокие соболезнования по поводу трагической гибели в Карабахе 20 сентября военнослужащих Российского миротворческого контингента.',
  en: [
    'It is noted that during the conversation “Aliyev apologized and expressed deep condolences over the tragic deaths in Karabakh on September 20 of servicemen of the Russian peacekeeping contingent.',
  ],
  ar: ['وأشار البيان إلى أنه خلال المحادثة «قدّم علييف اعتذاره وأعرب عن تعازيه العميقة في المقتل المأساوي لعسكريين من قوة حفظ السلام الروسية في قره باغ في 20 سبتمبر.'],
};

export const midMarch: SamplePair = {
  ru: 'В предыдущий раз Путин и Алиев общались по телефону в середине марта этого года.',
  en: ['Putin and Aliyev last spoke by phone in mid-March this year.'],
  ar: ['وكانت آخر مكالمة هاتفية بين بوتين وعلييف في منتصف مارس من هذا العام.'],
};

export const samples = { apology, trilateral, reykjavik, headline, dateline, ceasefire, since1988, september2020, openQuote, midMarch };

export function qa(source: string, target: string, targetLocale = 'en', extra: Partial<QaInput> = {}): QaIssue[] {
  return runQaChecks({ source, target, sourceLang: 'ru', targetLocale, ...extra });
}

export function codesOf(issues: QaIssue[]): QaCode[] {
  return issues.map((i) => i.code);
}

/** Only the issues of the given codes: a test of one check should not depend on the others. */
export function only(issues: QaIssue[], ...codes: QaCode[]): QaIssue[] {
  return issues.filter((i) => codes.includes(i.code));
}

/** The target text a span points at. */
export function spanText(target: string, found: QaIssue): string | undefined {
  return found.span ? target.slice(found.span.start, found.span.end) : undefined;
}
