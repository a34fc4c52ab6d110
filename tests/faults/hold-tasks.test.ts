/**
 * The fault kit's holdTasks against a claim committing while the hold is being taken: the hold must end up
 * on the tasks still waiting and on no other, or the claimed task's holder (and the push that claimed it,
 * writing its notice) would block on a row nobody meant to hold.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/harness.js';
import { holdTasks, waitFor } from './kit.js';

let harness: Harness;
const clients: pg.Client[] = [];

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  for (const client of clients) await client.end().catch(() => undefined);
  await harness?.close();
});

async function connect(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: harness.isolated.config.databaseUrl });
  client.on('error', () => undefined);
  await client.connect();
  clients.push(client);
  return client;
}

/** Whether another session holds a row lock on the task that a foreign key check (FOR KEY SHARE) waits for. */
async function keyShareBlocked(client: pg.Client, taskId: string): Promise<boolean> {
  try {
    await client.query(`SELECT 1 FROM tasks WHERE id = $1 FOR KEY SHARE NOWAIT`, [taskId]);
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === '55P03') return true;
    throw error;
  }
}

describe('holdTasks', () => {
  it('holds the tasks still waiting, and not one whose claim commits while the hold waits for it', async () => {
    const editor = await harness.user(['editor']);
    const translator = await harness.call('GET', '/api/v1/me', { token: await harness.user(['translator'], [{ source: 'ru', target: 'en' }]) });
    expect(translator.status).toBe(200);
    const article = await harness.call('POST', '/api/v1/articles', {
      token: editor,
      json: {
        sourceLang: 'ru',
        targetLocales: ['en'],
        priority: 'normal',
        headline: 'Заседание прошло в четверг',
        blocks: [{ type: 'paragraph', text: 'Министры обсудили дороги. Решение примут на следующей неделе. Подробности позже.' }],
      },
    });
    expect(article.status, JSON.stringify(article.body)).toBe(201);
    const queued = await harness.api.pool.query<{ id: string }>(`SELECT id FROM tasks WHERE status = 'queued' ORDER BY id`);
    expect(queued.rows.length).toBeGreaterThanOrEqual(3);
    const [claimedId, ...waitingIds] = queued.rows.map((row) => row.id);

    // A claim in flight, as a push's: the task's row changed, not committed yet.
    const claim = await connect();
    await claim.query('BEGIN');
    await claim.query(
      `UPDATE tasks SET status = 'claimed', assignee = $2, claimed_at = now(), lease_expires_at = now() + interval '1 minute' WHERE id = $1`,
      [claimedId, translator.body.id],
    );
    const holding = holdTasks(harness.isolated.config.databaseUrl, 'queued');
    await waitFor('the hold waiting for the claimed row', async () => {
      const result = await harness.api.pool.query(
        `SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%FOR UPDATE%' AND datname = current_database()`,
      );
      return (result.rowCount ?? 0) > 0;
    }, 10_000, 20);
    await claim.query('COMMIT');
    const hold = await holding;
    try {
      const probe = await connect();
      expect(hold.count).toBe(waitingIds.length);
      // The claimed task is free for its holder, its notice and its submit; every waiting task is held.
      expect(await keyShareBlocked(probe, claimedId!)).toBe(false);
      for (const id of waitingIds) expect(await keyShareBlocked(probe, id)).toBe(true);
    } finally {
      await hold.release();
    }
  }, 60_000);
});
