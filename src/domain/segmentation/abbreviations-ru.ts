import { buildAbbreviations, wordSet, type LanguageRules } from './abbreviation-kinds.js';

/**
 * Russian abbreviations. Keys without spaces: "т. е." and "т.е." are one entry. Compound keys ("т.п") are
 * looked up with the previous token, so "п." alone stays "пункт" while "т. п." may end a sentence.
 */
const abbreviations = buildAbbreviations({
  never:
    'т.е т.к т.н т.о и.о прим им ср ул просп пр-т пер пл наб пгт пос дер проф акад доц ген зам нач зав ' +
    'гос тов гр св оз о-в п-ов ст ч гл п пп рис табл стр кв корп д д-р тт напр англ нем франц лат греч ' +
    'рус араб пр прибл мн ед к.п.н д.т.н к.т.н д.м.н к.э.н д.э.н к.ф.н д.ф.н дж вл ал ст-ца х ' +
    'тел вып изд ред сост пер-во т.ч p.s п.с доп соц мед эл авт отд упр иностр муж жен сокр разг устар бывш ' +
    'перен букв след прил сущ глаг ' +
    // Two-letter abbreviations, listed because other two-letter words end sentences ("синий яд. дуновение").
    'сб чл уч кн ур эт оф тр ил лл',
  // "макс. 2-3 года", "ок. 300 человек": an ordinary word otherwise ("все Ок. Своей дурости").
  beforeNumber: 'макс ном ок',
  mayEnd:
    'т.д т.п н.э до.н.э и.др и.пр др тыс млн млрд трлн руб долл дол коп проц экз чел шт мин сек ' +
    'обл р-н у.е куб.м кв.м кв.км куб.см л.с',
  // Year and century after a number, city and "в" before a name; units after a number ("заглублением 2-6 м.
  // Джиг-головка", "до объема 3–4 мл. Да уж."), which may end a sentence like "г." after a year; "мл." is
  // "младший" and "см." is "смотри" elsewhere.
  afterNumber: 'г гг в вв м км мм кг мл см',
});

/** Frequent first words of Russian sentences (prepositions, pronouns, conjunctions, discourse words). */
const starters = wordSet(
  'В Во На По Но А И Это Эти Этот Эта Он Она Оно Они Мы Я Ты Вы Так Как Что Когда Тогда Также Тем При ' +
    'С Со Из Для После До Однако Кроме Среди Его Ее Её Их Там Здесь Сегодня Вчера Завтра Затем Потом Если ' +
    'Хотя Поэтому Кстати Впрочем Между Около Об О К Ко У За Под Над Перед Уже Еще Ещё Все Всё Вот Ни Не ' +
    'Позже Ранее Сейчас Теперь Ведь Лишь Только Кто Где Почему Зачем Сам Сама Сами Их',
);

const pronouns = 'я мы ты вы он она они';

export const ruRules: LanguageRules = {
  abbreviations,
  starters,
  lowerPronouns: wordSet(pronouns),
  // "я" is the pronoun, not an initial ("Приглашён только я."): initials are capitals.
  shortWords: wordSet('я ты мы вы он'),
  // Ordinary words that informal writers also cut short ("кот." for "который", "глав." for "главный"): before a
  // capital they end a sentence like any word, before a lowercase word they do not ("Худяков, кот. выперли").
  wordsAlsoShortened: wordSet('кот глав'),
  twoLetterWords: true,
  continuers: wordSet('и а но или да либо зато'),
  lowerStarters: 'any',
  // "о нем." is "о нём.", not "о немецком": "…кошмаров о нем. Зайдешь с бедою…".
  pronounsAfterPreposition: { words: wordSet('нем'), prepositions: wordSet('о в во на при') },
  neverLast: wordSet('и а но или да либо в во на с со к ко по за из от до у о об при для без через бы же ли не ни'),
  singleLower: 'never',
  singleUpper: 'starter',
};
