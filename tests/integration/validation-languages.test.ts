import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';

let h: Harness;
let editor: string;

beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

const article = (fields: Record<string, unknown>) => ({
  sourceLang: 'ru',
  targetLocales: ['en'],
  headline: 'Заголовок',
  blocks: [{ type: 'paragraph', text: 'Текст.' }],
  ...fields,
});
const post = (json: unknown, lng: string) =>
  h.call('POST', '/api/v1/articles', { token: editor, json, headers: { 'accept-language': lng } });
const tasks = async () => Number((await h.api.pool.query('SELECT count(*) FROM tasks')).rows[0].count);

describe('field-level validation messages follow Accept-Language', () => {
  it('answers every zod issue in Russian and Arabic, keeping a stable code', async () => {
    const body = article({ targetLocales: 'en', headline: '', priority: 'asap', deadline: 'tomorrow', extra: 1 });
    const ru = await post(body, 'ru');
    expect(ru.status).toBe(422);
    expect(ru.body.title).toBe('Некорректный запрос');
    const byPath = (res: typeof ru) => Object.fromEntries(res.body.errors.map((e: { path: string }) => [e.path, e]));
    const ruFields = byPath(ru);
    expect(ruFields.targetLocales).toEqual({ path: 'targetLocales', code: 'invalid_type', message: 'Ожидалось: список; получено: текст.' });
    expect(ruFields.headline.message).toBe('Слишком коротко: нужен хотя бы 1 символ.');
    expect(ruFields.priority.message).toMatch(/^Допустимые значения: "breaking", /);
    expect(ruFields.deadline.message).toMatch(/датой и временем/);

    const ar = await post(body, 'ar');
    const arFields = byPath(ar);
    expect(arFields.targetLocales.message).toBe('المتوقع: قائمة، والوارد: نص.');
    expect(arFields.headline.message).toMatch(/الحد الأدنى حرف واحد/);
    // Every message is in the caller's script, not zod's English.
    for (const e of ar.body.errors) expect(e.message, e.path).toMatch(/\p{Script=Arabic}/u);
    for (const e of ru.body.errors) expect(e.message, e.path).toMatch(/\p{Script=Cyrillic}/u);
  });

  it('translates the schemas\' own messages and names missing fields as required', async () => {
    const res = await post({ targetLocales: ['e1'], headline: 'x', blocks: [] }, 'ru');
    const fields = Object.fromEntries(res.body.errors.map((e: { path: string; message: string }) => [e.path, e.message]));
    expect(fields.sourceLang).toBe('Обязательное поле.');
    expect(fields['targetLocales.0']).toBe('Нужен языковой тег, например en, ru, ar или pt-BR.');
  });
});

describe('languages the installation supports', () => {
  it('refuses an article in or into an unsupported language, naming it in words, and stores nothing', async () => {
    const before = await tasks();
    const ru = await post(article({ targetLocales: ['en', 'de'] }), 'ru');
    expect(ru.status).toBe(422);
    expect(ru.body.code).toBe('language_not_supported');
    expect(ru.body.detail).toBe(
      'Язык «немецкий» не входит в число языков, с которыми работает эта установка: английский, русский, арабский, испанский и украинский.',
    );
    expect(ru.body.errors).toEqual([{ path: 'targetLocales.1', code: 'language_not_supported', message: 'Этот язык не поддерживается в этой установке.' }]);
    const ar = await post(article({ sourceLang: 'fr' }), 'ar');
    expect(ar.body.detail).toMatch(/^اللغة «الفرنسية»/);
    expect(ar.body.detail).not.toMatch(/\bfr\b/);
    expect(await tasks()).toBe(before);
  });

  it('accepts a regional tag of a supported language, and a pasted page is checked the same way', async () => {
    expect((await post(article({ targetLocales: ['ar-EG', 'es'] }), 'en')).status).toBe(201);
    const pasted = await h.call('POST', '/api/v1/articles?sourceLang=ru&targetLocales=en,zh', {
      token: editor,
      body: 'Заголовок\n\nТекст статьи.',
      headers: { 'content-type': 'text/plain', 'accept-language': 'en' },
    });
    expect(pasted.status).toBe(422);
    expect(pasted.body.detail).toMatch(/^Chinese is not one of the languages/);
  });

  it('names languages, not codes, in other messages too', async () => {
    const translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
    const res = await h.call('POST', '/api/v1/tasks/claim', { token: translator, json: { targetLocale: 'ar' }, headers: { 'accept-language': 'ru' } });
    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('арабский');
    expect(res.body.detail).not.toMatch(/\bar\b/);
  });
});
