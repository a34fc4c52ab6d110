/** A short article in the shape editors send; texts are real-looking Russian news sentences. */
export function sampleArticle(overrides: Record<string, unknown> = {}) {
  return {
    sourceLang: 'ru',
    targetLocales: ['en', 'ar'],
    priority: 'normal',
    headline: 'Алиев принес извинения в связи с гибелью миротворцев РФ в Карабахе',
    dateline: '21 сентября 2023',
    blocks: [
      {
        type: 'paragraph',
        text: 'Президент Азербайджана Ильхам Алиев принес извинения. Об этом сообщает пресс-служба Кремля.',
      },
      { type: 'subheading', text: 'О важности содействия РМК' },
      { type: 'credit', text: 'По материалам ТАСС' },
    ],
    ...overrides,
  };
}

let serial = 0;

/**
 * An article no other test has sent: translation memory fills sentences it has seen in the same context,
 * so tests that count queued tasks need text of their own.
 */
export function freshArticle(overrides: Record<string, unknown> = {}) {
  serial += 1;
  const tag = `${process.pid}-${serial}`;
  return sampleArticle({
    headline: `Заголовок статьи номер ${tag}`,
    blocks: [
      { type: 'paragraph', text: `Первое предложение статьи ${tag}. Второе предложение статьи ${tag}.` },
      { type: 'subheading', text: `Подзаголовок ${tag}` },
      { type: 'credit', text: `По материалам агентства ${tag}` },
    ],
    ...overrides,
  });
}
