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
