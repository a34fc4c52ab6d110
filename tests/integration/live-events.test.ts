import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qaCodes } from '../../src/domain/qa/index.js';
import { freshArticle } from '../helpers/articles.js';
import { manyLanguages, startHarness, type Harness } from '../helpers/harness.js';
import { namesField } from '../helpers/problems.js';
import { EventStreamClient } from '../helpers/sse.js';

// Workers run (lease sweep, push assignment); leases last 5 s so a lapse happens inside the test.
let h: Harness;
const people: Record<string, { id: string; token: string }> = {};
const streams: EventStreamClient[] = [];

beforeAll(async () => {
  h = await startHarness({ workers: true, env: { ...manyLanguages, DRAGOMAN_LEASE_SECONDS: '5' } });
  const make = async (name: string, roles: string[], target?: string) => {
    const res = await h.call('POST', '/api/v1/users', {
      token: h.adminToken,
      json: { name, roles, languagePairs: target ? [{ source: 'ru', target }] : [] },
    });
    people[name] = { id: res.body.id, token: res.body.token };
  };
  await make('Desk Chief', ['editor']);
  await make('Lena Ivanova', ['translator'], 'en');
  await make('Omar', ['translator'], 'ar');
  await make('Pavel', ['translator'], 'fr');
  await make('Rita', ['reviewer'], 'en');
  await make('Paula', ['publisher']);
  // One pair per scenario below, so one scenario's queued work never meets another's translator.
  await make('Dieter', ['translator'], 'de');
  await make('Rolf', ['reviewer'], 'de');
  await make('Taner', ['translator'], 'tr');
  await make('Ivo', ['translator'], 'it');
  for (const locale of ['de', 'tr', 'it', 'fr']) {
    await h.call('PUT', `/api/v1/locales/${locale}/settings`, { token: h.adminToken, json: { disabledChecks: qaCodes } });
  }
});
afterAll(async () => {
  for (const stream of streams) stream.close();
  await h?.close();
});

const token = (name: string) => people[name]!.token;

async function cookieOf(name: string): Promise<string> {
  const res = await h.call('POST', '/api/v1/session', { json: { token: token(name) } });
  return `dragoman_session=${/dragoman_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')![1]}`;
}

async function open(query: string, headers: Record<string, string>): Promise<EventStreamClient> {
  const stream = await EventStreamClient.open(`${h.baseUrl}/api/v1/events${query}`, headers);
  streams.push(stream);
  expect(stream.status).toBe(200);
  return stream;
}

async function submitArticle(overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await h.call('POST', '/api/v1/articles', { token: token('Desk Chief'), json: freshArticle(overrides) });
  expect(res.status).toBe(201);
  return res.body.id;
}

describe('segment comments', () => {
  it('reach the people mentioned as notices on their own event streams, and editors as comment events', async () => {
    await submitArticle({ targetLocales: ['en', 'ar'] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: token('Lena Ivanova'), json: {} });
    const segmentId: string = claim.body.segmentId;
    // A browser's EventSource: the session cookie, no Authorization header.
    const lena = await open('', { cookie: await cookieOf('Lena Ivanova') });
    const pavel = await open('', { authorization: `Bearer ${token('Pavel')}` });
    const desk = await open('?types=comment.created', { authorization: `Bearer ${token('Desk Chief')}` });

    const posted = await h.call('POST', `/api/v1/segments/${segmentId}/comments`, {
      token: token('Desk Chief'),
      json: { text: '@lena_ivanova is "Заголовок" the right word here? cc @nobody', locale: 'en' },
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({
      segmentId,
      locale: 'en',
      author: { name: 'Desk Chief' },
      mentions: [{ id: people['Lena Ivanova']!.id, name: 'Lena Ivanova' }],
      unresolvedMentions: ['nobody'],
    });
    const notice = await lena.waitFor((e) => e.event === 'notice' && e.data.data.kind === 'mentioned');
    expect(notice.id).toMatch(/^\d+$/);
    expect(notice.data.data).toMatchObject({
      userId: people['Lena Ivanova']!.id,
      segmentId,
      locale: 'en',
      detail: { commentId: posted.body.id, by: { name: 'Desk Chief' } },
    });
    const created = await desk.waitFor((e) => e.event === 'comment.created');
    expect(created.data.data).toMatchObject({ segmentId, commentId: posted.body.id });
    // Personal and desk events stay where they belong.
    expect(pavel.events.filter((e) => e.event === 'notice' || e.event === 'comment.created')).toEqual([]);
    expect(lena.events.filter((e) => e.event === 'comment.created')).toEqual([]);

    // After a reconnect, the replay from the table is filtered the same way.
    const resumeFrom = String(Number(notice.id) - 1);
    const lenaAgain = await open('', { authorization: `Bearer ${token('Lena Ivanova')}`, 'last-event-id': resumeFrom });
    const pavelAgain = await open('', { authorization: `Bearer ${token('Pavel')}`, 'last-event-id': resumeFrom });
    await lenaAgain.waitFor((e) => e.event === 'notice' && e.data.id === notice.data.id);
    const deskAgain = await open('?types=comment.created', { authorization: `Bearer ${token('Desk Chief')}`, 'last-event-id': resumeFrom });
    await deskAgain.waitFor((e) => e.event === 'comment.created');
    expect(pavelAgain.events.filter((e) => e.event === 'notice')).toEqual([]);

    const notices = await h.call('GET', '/api/v1/notices', { token: token('Lena Ivanova') });
    expect((await h.call('GET', '/api/v1/notices')).status).toBe(401);
    // Not necessarily the newest: Lena's claim lapses after 5 s while the test runs, and its lease_lapsed
    // notice may come after this one.
    const mentioned = notices.body.items.find((n: { kind: string; detail: { commentId?: number } | null }) => n.kind === 'mentioned' && n.detail?.commentId === posted.body.id);
    expect(mentioned).toMatchObject({ kind: 'mentioned', segmentId, detail: { commentId: posted.body.id } });

    // The translator holding the segment's task reads the thread and answers.
    const thread = await h.call('GET', `/api/v1/segments/${segmentId}/comments`, { headers: { cookie: await cookieOf('Lena Ivanova') } });
    expect(thread.body.items.map((c: { id: number }) => c.id)).toEqual([posted.body.id]);
    const reply = await h.call('POST', `/api/v1/segments/${segmentId}/comments`, { token: token('Lena Ivanova'), json: { text: 'Yes, @Desk_Chief.' } });
    expect(reply.status).toBe(201);
    expect(reply.body.mentions).toEqual([{ id: people['Desk Chief']!.id, name: 'Desk Chief' }]);
    const onlyAr = await h.call('GET', `/api/v1/segments/${segmentId}/comments?locale=ar`, { token: token('Desk Chief') });
    expect(onlyAr.body.items.map((c: { id: number }) => c.id)).toEqual([reply.body.id]);
  }, 120_000); // four waits of up to 25 s (or their own) one after the other, within the test's time

  it('are open to editors, those who work on the article, and those mentioned on it; to nobody else', async () => {
    const articleId = await submitArticle({ targetLocales: ['fr'] });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: token('Pavel'), json: {} });
    const segmentId: string = claim.body.segmentId;
    const path = `/api/v1/segments/${segmentId}/comments`;
    for (const outsider of ['Lena Ivanova', 'Rita']) {
      const refused = await h.call('GET', path, { token: token(outsider), headers: { 'accept-language': 'ru' } });
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'segment_access_denied', title: 'Это не ваш сегмент' });
      expect((await h.call('POST', path, { token: token(outsider), json: { text: 'hello' } })).status).toBe(403);
    }
    expect((await h.call('GET', path, { token: token('Paula') })).status).toBe(403);
    expect((await h.call('POST', path, { token: token('Pavel'), json: { text: 'A question for @Rita' } })).status).toBe(201);
    expect((await h.call('GET', path, { token: token('Rita') })).status).toBe(200);
    expect((await h.call('GET', path, { token: token('Lena Ivanova') })).status).toBe(403);
    // Pavel works on the article, so he may discuss its other sentences too, not only the one he holds.
    const neighbour = await h.api.pool.query<{ id: string }>(`SELECT id FROM segments WHERE article_id = $1 AND id <> $2 LIMIT 1`, [articleId, segmentId]);
    const aside = `/api/v1/segments/${neighbour.rows[0]!.id}/comments`;
    expect((await h.call('GET', aside, { token: token('Pavel') })).status).toBe(200);
    expect((await h.call('GET', aside, { token: token('Lena Ivanova') })).status).toBe(403);

    expect((await h.call('GET', '/api/v1/segments/00000000-0000-4000-8000-000000000000/comments', { token: token('Desk Chief') })).body.code).toBe('segment_not_found');
    expect((await h.call('GET', '/api/v1/segments/nope/comments', { token: token('Desk Chief') })).status).toBe(404);
    const empty = await h.call('POST', path, { token: token('Desk Chief'), json: { text: '   ' }, headers: { 'accept-language': 'ar' } });
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].path).toBe('text');
    expect(empty.body.title).toMatch(/[\u0600-\u06ff]/);
    const otherLocale = await h.call('POST', path, { token: token('Desk Chief'), json: { text: 'hi', locale: 'de' } });
    expect(otherLocale.body.errors).toHaveLength(1);
    expect(namesField(otherLocale.body, 'locale', 'not_a_target_locale')).toBe(true);
    const count = await h.api.pool.query('SELECT count(*)::int AS n FROM segment_comments WHERE segment_id = $1', [segmentId]);
    expect(count.rows[0].n).toBe(1);
  });
});

describe("translators' and reviewers' own notices on the event stream", () => {
  it('tell a translator of a rejection with its comment, and of a lapsed lease', async () => {
    const dieter = await open('?types=notice', { cookie: await cookieOf('Dieter') });
    await submitArticle({ targetLocales: ['de'], review: true });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: token('Dieter'), json: {} });
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: token('Dieter'), json: { text: 'DE Entwurf' } });
    const review = await h.call('POST', '/api/v1/reviews/claim', { token: token('Rolf'), json: {} });
    expect(review.body.id).toBe(claim.body.id);
    await h.call('POST', `/api/v1/reviews/${review.body.id}/reject`, { token: token('Rolf'), json: { comment: 'Wrong tense in the second clause' } });
    const rejected = await dieter.waitFor((e) => e.data.data.kind === 'rejected');
    expect(rejected.data.data).toMatchObject({ taskId: claim.body.id, detail: { comment: 'Wrong tense in the second clause', by: { name: 'Rolf' } } });

    // A claim left alone lapses after 5 s; the sweeper takes it back and says so.
    const held = await h.call('POST', '/api/v1/tasks/claim', { token: token('Dieter'), json: {} });
    const lapsed = await dieter.waitFor((e) => e.data.data.kind === 'lease_lapsed' && e.data.data.taskId === held.body.id, 15_000);
    expect(lapsed.data.data.userId).toBe(people['Dieter']!.id);
  });

  it('tell a translator on shift of work pushed to them', async () => {
    const taner = await open('', { authorization: `Bearer ${token('Taner')}` });
    const articleId = await submitArticle({ targetLocales: ['tr'] });
    await h.call('POST', '/api/v1/translators/me/availability', { token: token('Taner'), json: { available: true } });
    const pushed = await taner.waitFor((e) => e.event === 'notice' && e.data.data.kind === 'pushed');
    expect(pushed.data.data).toMatchObject({ articleId, locale: 'tr', userId: people['Taner']!.id });
    await h.call('POST', '/api/v1/translators/me/availability', { token: token('Taner'), json: { available: false } });
  });
});

describe('progress on the event stream', () => {
  it("moves an editor's progress bars as segments are done, without anyone polling", async () => {
    const articleId = await submitArticle({ targetLocales: ['it'] });
    const desk = await open(`?articles=${articleId}`, { cookie: await cookieOf('Desk Chief') });
    const translatorStream = await open(`?articles=${articleId}`, { authorization: `Bearer ${token('Ivo')}` });
    const first = await desk.waitFor((e) => e.event === 'article.progress' && e.data.articleId === articleId);
    expect(first.id).toBeNull(); // derived, not stored: nothing to replay
    expect(first.data).toMatchObject({ articleId, revision: 1, priority: 'normal', progress: { it: { total: 5, done: 0, dir: 'ltr' } } });
    const claim = await h.call('POST', '/api/v1/tasks/claim', { token: token('Ivo'), json: {} });
    await h.call('POST', `/api/v1/tasks/${claim.body.id}/submit`, { token: token('Ivo'), json: { text: 'IT' } });
    const moved = await desk.waitFor((e) => e.event === 'article.progress' && e.data.progress.it.done === 1);
    expect(moved.data.progress.it.eta.remaining).toBe(4);
    expect(translatorStream.events.filter((e) => e.event === 'article.progress')).toEqual([]);
    const bad = await h.call('GET', '/api/v1/events?articles=not-an-id', { token: token('Desk Chief') });
    expect(bad.status).toBe(422);
  });
});

describe('a stream the page opens again itself', () => {
  // A new EventSource sends no Last-Event-ID: the page's hub names the last event it saw in the query.
  it('replays from ?lastEventId= when the request carries no Last-Event-ID header, and refuses a malformed one', async () => {
    const articleId = await submitArticle({ targetLocales: ['en'] });
    const segment = await h.api.pool.query<{ segmentId: string }>(`SELECT segment_id AS "segmentId" FROM tasks WHERE article_id = $1 LIMIT 1`, [articleId]);
    const posted = await h.call('POST', `/api/v1/segments/${segment.rows[0]!.segmentId}/comments`, {
      token: token('Desk Chief'),
      json: { text: 'Said while the page was reopening its stream', locale: 'en' },
    });
    expect(posted.status).toBe(201);
    const stored = await h.api.pool.query<{ id: number }>(
      `SELECT id FROM events WHERE type = 'comment.created' AND payload->>'commentId' = $1`, [String(posted.body.id)],
    );
    const eventId = Number(stored.rows[0]!.id);
    // Opened after the comment: only a replay can bring it.
    const reopened = await open(`?types=comment.created&lastEventId=${eventId - 1}`, { authorization: `Bearer ${token('Desk Chief')}` });
    // The event's own id is in its data: the `id:` line may be lower (the watermark, while this process's
    // live cursor has not yet passed the event), so a later reconnect replays rather than skips.
    const replayed = await reopened.waitFor((e) => e.event === 'comment.created' && e.data.id === eventId);
    expect(Number(replayed.id)).toBeLessThanOrEqual(eventId);
    expect(replayed.data.data).toMatchObject({ articleId, commentId: posted.body.id });

    const malformed = await h.call('GET', '/api/v1/events?lastEventId=yesterday', { token: token('Desk Chief'), headers: { 'accept-language': 'ru' } });
    expect(malformed.status).toBe(422);
    expect(malformed.body.errors.map((e: { path: string }) => e.path)).toEqual(['lastEventId']);
    expect(malformed.body.title).toMatch(/[\u0400-\u04ff]/);
  });
  it('starts a stream that replays nothing with its position, from which a later stream replays what came between', async () => {
    const articleId = await submitArticle({ targetLocales: ['en'] });
    const first = await open('', { authorization: `Bearer ${token('Desk Chief')}` });
    // A client that names the types it wants is sent only those: no position message. (The administrator's,
    // as the desk's own streams of the tests above are still open and a person may hold only five.)
    const filtered = await open('?types=comment.created', { authorization: `Bearer ${h.adminToken}` });
    // A page that has received no event yet still learns where its stream began.
    const opened = await first.waitFor((e) => e.event === 'stream-open');
    const from = Number(opened.id);
    expect(opened.data).toEqual({ type: 'stream-open', data: { from } });
    first.close();
    // Said while the page had no stream open (between closing one and opening the next).
    const segment = await h.api.pool.query<{ segmentId: string }>(`SELECT segment_id AS "segmentId" FROM tasks WHERE article_id = $1 LIMIT 1`, [articleId]);
    const posted = await h.call('POST', `/api/v1/segments/${segment.rows[0]!.segmentId}/comments`, {
      token: token('Desk Chief'),
      json: { text: 'Said between two streams', locale: 'en' },
    });
    expect(posted.status).toBe(201);
    const next = await open(`?types=comment.created&lastEventId=${from}`, { authorization: `Bearer ${token('Desk Chief')}` });
    const replayed = await next.waitFor((e) => e.event === 'comment.created' && e.data.data.commentId === posted.body.id);
    expect(replayed.data.data).toMatchObject({ articleId });
    await filtered.waitFor((e) => e.event === 'comment.created' && e.data.data.commentId === posted.body.id);
    // Only the type asked for, and no position message; this comment once. (A comment of an earlier test may
    // still reach this live stream just after it opened, so the count is of this test's comment only.)
    expect(filtered.events.filter((e) => e.event !== 'comment.created')).toEqual([]);
    expect(filtered.events.filter((e) => e.data.data.commentId === posted.body.id)).toHaveLength(1);
    // A replaying stream sends no position: the page already has one.
    expect(next.events.some((e) => e.event === 'stream-open')).toBe(false);
    next.close();
    // A client that names its types may ask for the position too.
    const named = await open('?types=comment.created,stream-open', { authorization: `Bearer ${h.adminToken}` });
    const position = await named.waitFor((e) => e.event === 'stream-open');
    expect(Number(position.id)).toBeGreaterThanOrEqual(from);
    named.close();
  }, 120_000); // four waits of up to 25 s (or their own) one after the other, within the test's time
});
