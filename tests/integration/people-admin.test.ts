import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { namesField } from '../helpers/problems.js';

let h: Harness;
let editor: string;
beforeAll(async () => {
  h = await startHarness();
  editor = await h.user(['editor']);
});
afterAll(async () => h?.close());

async function createPerson(name: string, roles: string[], languagePairs?: Array<{ source: string; target: string }>) {
  const res = await h.call('POST', '/api/v1/users', { token: h.adminToken, json: { name, roles, languagePairs } });
  expect(res.status).toBe(201);
  return res.body as { id: string; token: string; name: string };
}

async function signIn(token: string): Promise<string> {
  const res = await h.call('POST', '/api/v1/session', { json: { token } });
  return `dragoman_session=${/dragoman_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')![1]}`;
}

describe('GET /users', () => {
  it('pages through people by name with an opaque cursor, searches names and filters by role', async () => {
    for (const name of ['Zoya', 'Amir', 'Boris', 'Bella', 'Carmen']) await createPerson(name, ['translator'], [{ source: 'ru', target: 'en' }]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: Awaited<ReturnType<Harness['call']>> = await h.call('GET', `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: h.adminToken });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((u: { name: string }) => u.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    const sorted = [...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(seen).toEqual(sorted);
    expect(seen).toEqual(expect.arrayContaining(['Zoya', 'Amir', 'Boris', 'Bella', 'Carmen', 'admin', 'editor']));
    expect(new Set(seen).size).toBe(seen.length);

    // Other tests add people of their own (in any order): each answer is checked on what it holds, with
    // the people this test created as the ones that must and must not be in it.
    type Listed = { name: string; roles: string[] };
    const created = ['Zoya', 'Amir', 'Boris', 'Bella', 'Carmen'];
    const search = await h.call('GET', '/api/v1/users?q=b&limit=100', { token: h.adminToken });
    const found: Listed[] = search.body.items;
    expect(found.map((u) => u.name).filter((name) => created.includes(name))).toEqual(['Bella', 'Boris']);
    expect(found.every((u) => u.name.toLowerCase().includes('b'))).toBe(true);
    expect(search.body.items[0]).not.toHaveProperty('token');
    expect(search.body.items[0]).not.toHaveProperty('sortName');
    expect(search.body.items[0]).toHaveProperty('interfaceLanguage', null);
    const editors = await h.call('GET', '/api/v1/users?role=editor&limit=100', { token: h.adminToken });
    const listedEditors: Listed[] = editors.body.items;
    expect(listedEditors.find((u) => u.name === 'editor')?.roles).toEqual(['editor']);
    expect(listedEditors.every((u) => u.roles.includes('editor'))).toBe(true);
    expect(listedEditors.filter((u) => created.includes(u.name))).toEqual([]);
    // `%` is a character to find, not a wildcard.
    const literal = await h.call('GET', `/api/v1/users?q=${encodeURIComponent('%')}`, { token: h.adminToken });
    expect((literal.body.items as Listed[]).every((u) => u.name.includes('%'))).toBe(true);
    expect((literal.body.items as Listed[]).filter((u) => created.includes(u.name))).toEqual([]);
  });

  it('is for admins only; a bad cursor or role is a localized field error', async () => {
    const res = await h.call('GET', '/api/v1/users', { token: editor });
    expect(res.status).toBe(403);
    const bad = await h.call('GET', '/api/v1/users?cursor=abc&role=chief&limit=0', { token: h.adminToken, headers: { 'accept-language': 'ru' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['limit', 'role']);
    expect(bad.body.title).toBe('Некорректный запрос');
    const cursor = await h.call('GET', '/api/v1/users?cursor=abc', { token: h.adminToken, headers: { 'accept-language': 'ar' } });
    expect(cursor.status).toBe(422);
    expect(cursor.body.errors).toHaveLength(1);
    expect(namesField(cursor.body, 'cursor', 'invalid_cursor')).toBe(true);
    const forged = Buffer.from(JSON.stringify(['bob', '-'.repeat(36)])).toString('base64url');
    expect((await h.call('GET', `/api/v1/users?cursor=${forged}`, { token: h.adminToken })).status).toBe(422);
  });
});

describe('PATCH /users/:id', () => {
  it('changes roles, pairs, capacity, availability and name; the change is seen at once', async () => {
    const person = await createPerson('Dana', ['translator'], [{ source: 'ru', target: 'en' }]);
    expect((await h.call('GET', '/api/v1/articles/00000000-0000-4000-8000-000000000000', { token: person.token })).status).toBe(403);
    const res = await h.call('PATCH', `/api/v1/users/${person.id}`, {
      token: h.adminToken,
      json: { name: 'Dana K', roles: ['translator', 'editor'], languagePairs: [{ source: 'ru', target: 'ar' }], capacity: 9, available: true },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Dana K', roles: ['translator', 'editor'], languagePairs: [{ source: 'ru', target: 'ar' }], capacity: 9, available: true, interfaceLanguage: null });
    // The authentication cache of this process was dropped: the new role works on the next request.
    expect((await h.call('GET', '/api/v1/articles/00000000-0000-4000-8000-000000000000', { token: person.token })).status).toBe(404);
  });

  it('refuses bad input, unknown people, non-admins, and removing the last admin', async () => {
    const person = await createPerson('Egor', ['translator']);
    expect((await h.call('PATCH', `/api/v1/users/${person.id}`, { token: editor, json: { capacity: 2 } })).status).toBe(403);
    const empty = await h.call('PATCH', `/api/v1/users/${person.id}`, { token: h.adminToken, json: {} });
    expect(empty.status).toBe(422);
    expect(namesField(empty.body, '(body)', 'nothing_to_change')).toBe(true);
    expect((await h.call('PATCH', `/api/v1/users/${person.id}`, { token: h.adminToken, json: { roles: [] } })).status).toBe(422);
    expect((await h.call('PATCH', '/api/v1/users/nope', { token: h.adminToken, json: { capacity: 2 } })).body.code).toBe('user_not_found');
    const me = await h.call('GET', '/api/v1/me', { token: h.adminToken });
    const demote = await h.call('PATCH', `/api/v1/users/${me.body.id}`, { token: h.adminToken, json: { roles: ['editor'] } });
    expect(demote.status).toBe(409);
    expect(demote.body.code).toBe('last_admin');
    expect((await h.call('GET', '/api/v1/me', { token: h.adminToken })).body.roles).toEqual(['admin']);
    // With a second admin, the first may step down.
    const second = await createPerson('Second admin', ['admin']);
    const stepDown = await h.call('PATCH', `/api/v1/users/${second.id}`, { token: h.adminToken, json: { roles: ['editor'] } });
    expect(stepDown.body.roles).toEqual(['editor']);
  });
});

describe('POST /users/:id/token', () => {
  it('gives a new token and revokes the old one and every session at once (admin)', async () => {
    const person = await createPerson('Farid', ['translator'], [{ source: 'ru', target: 'ar' }]);
    const cookie = await signIn(person.token);
    // Warm the authentication cache with the old token: rotation must not wait for it to expire.
    expect((await h.call('GET', '/api/v1/me', { token: person.token })).status).toBe(200);
    const rotated = await h.call('POST', `/api/v1/users/${person.id}/token`, { token: h.adminToken });
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).toMatch(/^[\w-]{24,}$/);
    expect(rotated.body.token).not.toBe(person.token);
    expect((await h.call('GET', '/api/v1/me', { token: person.token })).status).toBe(401);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie } })).body.code).toBe('session_expired');
    const fresh = await h.call('GET', '/api/v1/me', { token: rotated.body.token });
    expect(fresh.body).toMatchObject({ id: person.id, name: 'Farid' });
  });

  it('lets a person rotate their own token, staying signed in in the browser that asked', async () => {
    const person = await createPerson('Galina', ['reviewer']);
    const asking = await signIn(person.token);
    const other = await signIn(person.token);
    const rotated = await h.call('POST', `/api/v1/users/${person.id}/token`, { headers: { cookie: asking, 'sec-fetch-site': 'same-origin' } });
    expect(rotated.status).toBe(200);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: asking } })).status).toBe(200);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: other } })).body.code).toBe('session_expired');
    expect((await h.call('GET', '/api/v1/me', { token: person.token })).status).toBe(401);
  });

  it("refuses someone else's token to non-admins", async () => {
    const person = await createPerson('Hana', ['translator']);
    const intruder = await createPerson('Ivan', ['translator']);
    const res = await h.call('POST', `/api/v1/users/${person.id}/token`, { token: intruder.token });
    expect(res.status).toBe(403);
    expect((await h.call('GET', '/api/v1/me', { token: person.token })).status).toBe(200);
    expect((await h.call('POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/token', { token: h.adminToken })).status).toBe(404);
  });
});

describe('GET and PATCH /me', () => {
  it('says who I am and keeps my interface language', async () => {
    const person = await createPerson('Jamal', ['translator', 'reviewer'], [{ source: 'ru', target: 'ar' }]);
    const me = await h.call('GET', '/api/v1/me', { token: person.token });
    expect(me.body).toMatchObject({
      id: person.id,
      name: 'Jamal',
      roles: ['translator', 'reviewer'],
      languagePairs: [{ source: 'ru', target: 'ar' }],
      capacity: 5,
      available: false,
      interfaceLanguage: null,
      auth: { method: 'token' },
    });
    const chosen = await h.call('PATCH', '/api/v1/me', { token: person.token, json: { interfaceLanguage: 'ar' } });
    expect(chosen.body.interfaceLanguage).toBe('ar');
    expect((await h.call('GET', '/api/v1/me', { token: person.token })).body.interfaceLanguage).toBe('ar');
    expect((await h.call('PATCH', '/api/v1/me', { token: person.token, json: { interfaceLanguage: 'fr' } })).status).toBe(422);
    const cleared = await h.call('PATCH', '/api/v1/me', { token: person.token, json: { interfaceLanguage: null } });
    expect(cleared.body.interfaceLanguage).toBeNull();
  });
});

describe('locales', () => {
  it('lists every known locale with its settings, and reads one locale (admin and editor)', async () => {
    await h.call('PUT', '/api/v1/locales/fr/settings', { token: h.adminToken, json: { reviewByDefault: true } });
    const uk = { checkSeverities: { double_space: 'off' }, reviewOverrides: true, preTranslate: true };
    expect((await h.call('PUT', '/api/v1/locales/uk/settings', { token: h.adminToken, json: uk })).status).toBe(200);
    await createPerson('Kemal', ['translator'], [{ source: 'ru', target: 'tr' }]);
    const list = await h.call('GET', '/api/v1/locales', { token: editor });
    expect(list.status).toBe(200);
    const byLocale = Object.fromEntries(list.body.items.map((l: { locale: string }) => [l.locale, l]));
    expect(byLocale.fr).toMatchObject({ configured: true, reviewByDefault: true, dir: 'ltr' });
    expect(byLocale.tr).toMatchObject({ configured: false, reviewByDefault: false, translators: 1, reviewers: 0 });
    // The list carries every setting the single reading does (QA severities, overrides, pre-translation).
    expect(byLocale.uk).toMatchObject({ configured: true, checkSeverities: { double_space: 'off' }, reviewOverrides: true, preTranslate: true });
    expect(byLocale.tr).toMatchObject({ checkSeverities: {}, reviewOverrides: false, preTranslate: false });
    expect(byLocale.ar).toMatchObject({ configured: true, dir: 'rtl' });
    const one = await h.call('GET', '/api/v1/locales/de/settings', { token: h.adminToken });
    expect(one.body).toEqual({
      locale: 'de',
      reviewByDefault: false,
      reviewMemoryMatches: false,
      disabledChecks: [],
      checkSeverities: {},
      reviewOverrides: false,
      preTranslate: false,
      configured: false,
      dir: 'ltr',
    });
    const translator = await createPerson('Lev', ['translator']);
    expect((await h.call('GET', '/api/v1/locales', { token: translator.token })).status).toBe(403);
    expect((await h.call('GET', '/api/v1/locales/Not%20a%20locale/settings', { token: h.adminToken })).status).toBe(422);
  });
});
