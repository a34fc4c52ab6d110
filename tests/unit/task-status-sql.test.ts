import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canTransition, heldStatus, nextStatus, sourcesOf, taskStatuses, waitingStatus, type TaskAction } from '../../src/domain/task-states.js';
import { canLeave, heldStatuses, isHeld, leavableBy, stageOfColumn, targetOf } from '../../src/storage/task-status-sql.js';

/**
 * Every SQL statement that changes a task's status takes its conditions and targets from the transition
 * table. These tests read the generated SQL back and compare it with the table, and read the repositories'
 * source and the migrations' function bodies to make sure no status-changing statement spells a status of
 * its own.
 */

/** The statuses of an `x IN ('a','b')` condition. */
function listed(condition: string): string[] {
  const match = /IN \(([^)]*)\)$/.exec(condition);
  expect(match, condition).not.toBeNull();
  return match![1]!.split(',').map((s) => s.replace(/'/g, ''));
}

/** from -> to pairs of a `CASE col WHEN 'a' THEN 'b' ... END`, or the one literal of a fixed target. */
function mapped(sql: string, sources: string[]): Map<string, string> {
  if (/^'[a-z_]+'$/.test(sql)) return new Map(sources.map((from) => [from, sql.slice(1, -1)]));
  const pairs = [...sql.matchAll(/WHEN '([a-z_]+)' THEN '([a-z_]+)'/g)].map((m) => [m[1]!, m[2]!] as const);
  return new Map(pairs);
}

// The actions applied to many rows by SQL statements, with the statuses the table must let them leave.
const sqlMoves: Array<{ action: TaskAction; sources: string[] }> = [
  { action: 'claim', sources: ['queued'] },
  { action: 'claim_review', sources: ['review_queued'] },
  { action: 'lapse', sources: ['claimed', 'reviewing'] },
  { action: 'cancel', sources: ['queued', 'claimed', 'review_queued', 'reviewing'] },
  { action: 'reopen', sources: ['cancelled'] },
  { action: 'submit', sources: ['claimed'] },
  { action: 'fill', sources: ['queued'] },
];

describe('task status SQL generated from the transition table', () => {
  it.each(sqlMoves)('conditions of $action list exactly the statuses the table lets it leave', ({ action, sources }) => {
    expect(listed(canLeave('t.status', action))).toEqual(sources);
    expect(sourcesOf(action)).toEqual(sources);
    for (const status of taskStatuses) expect(canTransition(status, action)).toBe(sources.includes(status));
  });

  it.each(['lapse', 'cancel', 'reopen'] as const)('targets of %s are the table\'s', (action) => {
    const sources = sourcesOf(action);
    const sql = targetOf('t.status', action);
    const pairs = mapped(sql, sources);
    expect([...pairs.keys()].sort()).toEqual([...sources].sort());
    for (const [from, to] of pairs) expect(to).toBe(nextStatus(from as never, action));
  });

  it('puts a lapsed lease back where each stage waits, cancelled work back in the translation queue', () => {
    expect(mapped(targetOf('l.status', 'lapse'), sourcesOf('lapse'))).toEqual(new Map([['claimed', 'queued'], ['reviewing', 'review_queued']]));
    expect(nextStatus('cancelled', 'reopen')).toBe('queued');
    expect(mapped(stageOfColumn('l.status', 'lapse'), [])).toEqual(new Map([['claimed', 'translate'], ['reviewing', 'review']]));
  });

  it('claims take the waiting status of their stage to its held status', () => {
    expect(waitingStatus).toEqual({ translate: 'queued', review: 'review_queued' });
    expect(heldStatus).toEqual({ translate: nextStatus('queued', 'claim'), review: nextStatus('review_queued', 'claim_review') });
    expect(listed(isHeld('h.status')).sort()).toEqual(['claimed', 'reviewing']);
    expect(listed(canLeave('status', 'claim', 'claim_review'))).toEqual(['queued', 'review_queued']);
  });

  it('gives SQL functions the statuses the table lets a claim leave and a holder hold', () => {
    expect(leavableBy('claim', 'claim_review')).toEqual(['queued', 'review_queued']);
    expect(leavableBy('claim', 'claim_review')).toEqual(listed(canLeave('status', 'claim', 'claim_review')));
    expect([...heldStatuses].sort()).toEqual(listed(isHeld('h.status')).sort());
    expect([...heldStatuses].sort()).toEqual(taskStatuses.filter((status) => canTransition(status, 'lapse')).sort());
  });

  it('no repository statement or SQL function that sets a task status spells a status itself', () => {
    const statusLiteral = new RegExp(`'(${taskStatuses.join('|')})'`);
    const moves = /UPDATE tasks\b[^`]*\bSET status\b/;
    const offenders: string[] = [];
    let moving = 0;
    const storage = join(import.meta.dirname, '../../src/storage');
    for (const file of readdirSync(storage).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(storage, file), 'utf8');
      // Template literals (the SQL); `${...}` interpolations are left in as written, not evaluated.
      for (const [sql] of source.matchAll(/`[^`]*`/g)) {
        if (!moves.test(sql)) continue;
        moving += 1;
        if (statusLiteral.test(sql)) offenders.push(`${file}: ${sql.slice(0, 80)}`);
      }
    }
    // Function bodies in the migrations (between dollar quotes): statements moved there, such as the claim
    // batch in claim_tasks, take their statuses as parameters and must not spell one either. Comments are
    // dropped first, so a comment may name a status.
    const migrations = join(storage, 'migrations');
    for (const file of readdirSync(migrations).filter((f) => f.endsWith('.sql'))) {
      const source = readFileSync(join(migrations, file), 'utf8').replace(/--[^\n]*/g, '');
      for (const [, , body] of source.matchAll(/(\$[a-z_]*\$)([\s\S]*?)\1/g)) {
        if (!moves.test(body!)) continue;
        moving += 1;
        if (statusLiteral.test(body!)) offenders.push(`${file}: ${body!.trim().slice(0, 80)}`);
      }
    }
    // Claim (single and claim_tasks' batch), submit batch, move, lapse, cancel (two), reopen and fill: the
    // statements exist, wherever they live.
    expect(moving).toBeGreaterThanOrEqual(9);
    expect(offenders).toEqual([]);
  });
});
