import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../helpers/harness.js';

// Sessions keep their default lives (12 h unused, 14 days at most): a test that makes many requests on one
// session must not see it end because a loaded machine was slow between two of them. The tests of expiry
// move a session's deadlines in SQL instead, before the session's first use (a session is cached once used).
let h: Harness;
let translator: string;
beforeAll(async () => {
  h = await startHarness();
  translator = await h.user(['translator'], [{ source: 'ru', target: 'en' }]);
});
afterAll(async () => h?.close());

async function signIn(token: string, headers: Record<string, string> = {}) {
  const res = await h.call('POST', '/api/v1/session', { json: { token }, headers });
  const setCookie = res.headers.get('set-cookie') ?? '';
  const value = /dragoman_session=([^;]*)/.exec(setCookie)?.[1] ?? '';
  return { res, setCookie, cookie: `dragoman_session=${value}`, value };
}

describe('sign-in with a token', () => {
  it('sets an HttpOnly, SameSite=Strict cookie whose value is random and stored only hashed', async () => {
    const { res, setCookie, value } = await signIn(translator);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ roles: ['translator'], languagePairs: [{ source: 'ru', target: 'en' }], auth: { method: 'session' } });
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Path=\/api\/v1/);
    expect(setCookie).not.toMatch(/Secure/i); // plain http here
    expect(value).toMatch(/^[\w-]{40,}$/);
    const stored = await h.api.pool.query('SELECT id_hash FROM sessions');
    expect(stored.rows.length).toBeGreaterThan(0);
    expect(stored.rows.map((r) => r.id_hash)).not.toContain(value);
    const again = await signIn(translator);
    expect(again.value).not.toBe(value);
  });

  it('signing in again in the same browser ends the session it had', async () => {
    const first = await signIn(translator);
    const second = await signIn(translator, { cookie: first.cookie });
    expect(second.res.status).toBe(200);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: first.cookie } })).body.code).toBe('session_expired');
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: second.cookie } })).status).toBe(200);
  });

  it('marks the cookie Secure when the request came over https through a local proxy', async () => {
    const { setCookie } = await signIn(translator, { 'x-forwarded-proto': 'https' });
    expect(setCookie).toMatch(/Secure/i);
  });

  it('refuses a wrong token, and a sign-in posted from another site', async () => {
    const wrong = await h.call('POST', '/api/v1/session', { json: { token: 'not-a-token' }, headers: { 'accept-language': 'ru' } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ code: 'unauthorized' });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const forced = await signIn(translator, { origin: 'https://evil.example' });
    expect(forced.res.status).toBe(403);
    expect(forced.res.body.code).toBe('csrf_rejected');
    const empty = await h.call('POST', '/api/v1/session', { json: {} });
    expect(empty.status).toBe(422);
  });
});

describe('requests with the cookie', () => {
  it('authenticate like the token; bearer tokens keep working beside them', async () => {
    const { cookie } = await signIn(translator);
    const me = await h.call('GET', '/api/v1/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(me.body.auth.method).toBe('session');
    expect(Date.parse(me.body.auth.expiresAt)).toBeGreaterThan(Date.now());
    const claim = await h.call('POST', '/api/v1/tasks/claim', { headers: { cookie, 'sec-fetch-site': 'same-origin' }, json: {} });
    expect(claim.status).toBe(204);
    const bearer = await h.call('GET', '/api/v1/me', { token: translator });
    expect(bearer.body.auth).toEqual({ method: 'token' });
    expect((await h.call('GET', '/api/v1/me')).body.code).toBe('unauthorized');
  });

  it('that change state are refused when a browser says they come from another site', async () => {
    const { cookie } = await signIn(translator);
    const attempts: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const headers of attempts) {
      const res = await h.call('POST', '/api/v1/translators/me/availability', { headers: { cookie, ...headers }, json: { available: true } });
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(res.body.code).toBe('csrf_rejected');
    }
    const stored = await h.api.pool.query(`SELECT available FROM users WHERE name = 'translator'`);
    expect(stored.rows.every((r) => r.available === false)).toBe(true);
    // Reading is never refused; the same origin, and programs that send neither header, may write.
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(200);
    const sameOrigin = await h.call('POST', '/api/v1/translators/me/availability', {
      headers: { cookie, origin: h.baseUrl },
      json: { available: false },
    });
    expect(sameOrigin.status).toBe(200);
    const program = await h.call('POST', '/api/v1/translators/me/availability', { headers: { cookie }, json: { available: false } });
    expect(program.status).toBe(200);
    // A bearer token is not a cookie: no browser adds it on its own.
    const bearer = await h.call('POST', '/api/v1/translators/me/availability', {
      token: translator,
      headers: { origin: 'https://evil.example' },
      json: { available: false },
    });
    expect(bearer.status).toBe(200);
  });
});

describe('session end', () => {
  it('sign-out revokes the session in the database and clears the cookie', async () => {
    const { cookie } = await signIn(translator);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie } })).status).toBe(200);
    const out = await h.call('DELETE', '/api/v1/session', { headers: { cookie, origin: h.baseUrl } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/dragoman_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await h.call('GET', '/api/v1/me', { headers: { cookie, 'accept-language': 'ar' } });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('session_expired');
    expect(after.body.title).toBe('انتهت الجلسة');
    expect((await h.call('DELETE', '/api/v1/session')).status).toBe(204);
  });

  it('an idle session ends: 401 session_expired, with the cookie cleared', async () => {
    const { cookie, value } = await signIn(translator);
    await h.api.pool.query(`UPDATE sessions SET expires_at = now() - interval '1 second' WHERE id_hash = encode(sha256($1::bytea), 'hex')`, [value]);
    const res = await h.call('GET', '/api/v1/me', { headers: { cookie } });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('session_expired');
    expect(res.headers.get('set-cookie')).toMatch(/dragoman_session=;/);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: 'dragoman_session=made-up' } })).body.code).toBe('session_expired');
  });

  it('use slides the idle deadline forward, but never past the maximum after sign-in', async () => {
    const deadlines = async (value: string) =>
      (await h.api.pool.query(`SELECT expires_at, max_expires_at FROM sessions WHERE id_hash = encode(sha256($1::bytea), 'hex')`, [value])).rows[0];
    // A session last used long ago, ending in a minute, with ten left to its maximum: its next use slides the
    // idle deadline, which would be 12 h away, to the maximum and no further.
    const sliding = await signIn(translator);
    await h.api.pool.query(
      `UPDATE sessions SET expires_at = now() + interval '1 minute', max_expires_at = now() + interval '10 minutes'
       WHERE id_hash = encode(sha256($1::bytea), 'hex')`,
      [sliding.value],
    );
    const first = await deadlines(sliding.value);
    expect((await h.call('GET', '/api/v1/me', { headers: { cookie: sliding.cookie } })).status).toBe(200);
    const slid = await deadlines(sliding.value);
    expect(slid.expires_at.getTime()).toBeGreaterThan(first.expires_at.getTime());
    expect(slid.expires_at.getTime()).toBe(slid.max_expires_at.getTime());

    // Used all the time, it still ends at the maximum: a session whose idle deadline already is its maximum,
    // a few seconds away, ends then however often it is used (a deadline slid past the maximum never would).
    const { cookie, value } = await signIn(translator);
    await h.api.pool.query(
      `UPDATE sessions SET expires_at = now() + interval '3 seconds', max_expires_at = now() + interval '3 seconds'
       WHERE id_hash = encode(sha256($1::bytea), 'hex')`,
      [value],
    );
    const ended = await eventually(async () => {
      const res = await h.call('GET', '/api/v1/me', { headers: { cookie } });
      return res.status === 401 ? res : null;
    });
    expect(ended.body.code).toBe('session_expired');
    const last = await deadlines(value);
    expect(last.expires_at.getTime()).toBeLessThanOrEqual(last.max_expires_at.getTime());
  });
});
