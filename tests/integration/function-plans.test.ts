import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { startHarness, type Harness } from '../helpers/harness.js';

/**
 * The claim, submit and completion functions (migrations 180, 210) keep one generic plan per statement
 * (migration 220): planned for each call's values, their statements used to cost more to plan than to run.
 * A later `CREATE OR REPLACE FUNCTION` would silently drop that setting, so this test watches the plans
 * themselves: auto_explain, loaded into one session, reports each statement's plan as a notice. A plan made
 * for the call's values carries them as literals (the sentinel id below); a generic plan names parameters.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const sentinel = '00000000-0000-4000-8000-00000000abcd';

/** Runs `sql` in a session with auto_explain reporting every statement's plan, nested ones included. */
async function plansOf(sql: string, values: unknown[]): Promise<Array<{ query: string; nodes: string }>> {
  const client: pg.PoolClient = await h.api.pool.connect();
  const plans: Array<{ query: string; nodes: string }> = [];
  const onNotice = (notice: { message?: string }) => {
    const json = notice.message?.split('plan:\n')[1];
    if (!json) return;
    try {
      const explained = JSON.parse(json) as { 'Query Text': string; Plan: unknown };
      // The plan's nodes alone: the echoed query text always names the parameters.
      plans.push({ query: explained['Query Text'], nodes: JSON.stringify(explained.Plan) });
    } catch {
      // Thrown here it would escape into pg's socket handler; recorded, it fails the test below.
      plans.push({ query: 'unreadable notice', nodes: json });
    }
  };
  try {
    // LOAD and auto_explain's settings need a superuser: the tests connect as postgres.
    await client.query(`LOAD 'auto_explain'`);
    await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on;
                        SET auto_explain.log_format = 'json'; SET auto_explain.log_verbose = on; SET auto_explain.log_level = 'notice';
                        SET client_min_messages = 'notice'`);
    client.on('notice', onNotice);
    await client.query(sql, values);
    // Notices arrive on the connection before the statement's answer; the answer has come.
    return plans;
  } finally {
    client.off('notice', onNotice);
    // The session has auto_explain loaded: it goes, rather than back to the pool.
    client.release(true);
  }
}

describe('the claim, submit and completion functions', () => {
  it.each([
    ['claim_tasks', `SELECT * FROM claim_tasks($1::jsonb, ARRAY['queued','review_queued'], ARRAY['claimed','reviewing'])`,
      [JSON.stringify([{ i: 0, task_id: sentinel, user_id: sentinel, held: 'claimed', waiting: 'queued', lease: 60, via: 'pull', stage: 'translate' }])]],
    ['submit_tasks', `SELECT * FROM submit_tasks('[]'::jsonb, ARRAY[$1::uuid], ARRAY[]::text[], ARRAY['claimed'], 'done')`, [sentinel]],
    ['complete_locales', `SELECT * FROM complete_locales(ARRAY[$1::uuid], ARRAY['en'], 'done')`, [sentinel]],
  ])('%s plans its statements once, not for each call’s values', async (name, sql, values) => {
    const plans = await plansOf(sql, values);
    expect(plans.map((plan) => plan.query)).not.toContain('unreadable notice');
    // The call itself and at least one statement inside the function were reported.
    expect(plans.length).toBeGreaterThan(1);
    const inside = plans.filter((plan) => !plan.query.includes(`${name}(`));
    expect(inside.length).toBeGreaterThan(0);
    for (const plan of inside) expect(plan.nodes).not.toContain('abcd');
    // ...and the statements do read the ids given, through parameters (an id list, or the arrays unnested).
    expect(inside.some((plan) => /ANY \(\$\d+\)|unnest\(\$\d+/.test(plan.nodes))).toBe(true);
  });
});
