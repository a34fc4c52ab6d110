import { describe, expect, it } from 'vitest';
import { planPush, type PersonView } from '../../src/domain/assignment.js';
import { queuePriority, priorityClassOf } from '../../src/domain/priority.js';
import { planRevision } from '../../src/domain/revision.js';
import { canTransition, nextStatus, taskStatuses, type TaskAction } from '../../src/domain/task-states.js';
import { AppError } from '../../src/errors.js';

describe('task state transitions', () => {
  const legal: Array<[string, TaskAction, boolean, string]> = [
    ['queued', 'claim', false, 'claimed'],
    ['claimed', 'submit', false, 'done'],
    ['claimed', 'submit', true, 'review_queued'],
    ['claimed', 'release', false, 'queued'],
    ['claimed', 'lapse', false, 'queued'],
    ['review_queued', 'claim_review', false, 'reviewing'],
    ['reviewing', 'approve', false, 'done'],
    ['reviewing', 'reject', false, 'queued'],
    ['reviewing', 'release', false, 'review_queued'],
    ['queued', 'fill', false, 'done'],
    ['queued', 'fill', true, 'review_queued'],
    ['reviewing', 'cancel', false, 'cancelled'],
  ];
  it.each(legal)('%s --%s(review=%s)--> %s', (from, action, review, to) => {
    expect(nextStatus(from as never, action, review)).toBe(to);
  });

  it('refuses every other move with illegal_transition', () => {
    const actions: TaskAction[] = ['claim', 'submit', 'release', 'lapse', 'claim_review', 'approve', 'reject', 'cancel', 'fill'];
    let refused = 0;
    for (const status of taskStatuses) {
      for (const action of actions) {
        if (canTransition(status, action)) continue;
        refused += 1;
        expect(() => nextStatus(status, action)).toThrow(AppError);
      }
    }
    // done and cancelled are final: nothing moves them.
    expect(actions.some((a) => canTransition('done', a) || canTransition('cancelled', a))).toBe(false);
    expect(refused).toBeGreaterThan(30);
  });
});

describe('queue priority', () => {
  it('orders by class, then by deadline, deadlines before none', () => {
    const breaking = queuePriority('breaking');
    const normalSoon = queuePriority('normal', '2027-01-01T10:00:00Z');
    const normalLater = queuePriority('normal', '2027-01-02T10:00:00Z');
    const normalNone = queuePriority('normal');
    expect(breaking).toBeLessThan(normalSoon);
    expect(normalSoon).toBeLessThan(normalLater);
    expect(normalLater).toBeLessThan(normalNone);
    expect(normalNone).toBeLessThan(queuePriority('low', '2024-01-01T00:00:00Z'));
    expect(priorityClassOf(normalSoon)).toBe(priorityClassOf(normalNone));
    expect(queuePriority('low')).toBeLessThanOrEqual(2 ** 21);
  });
});

describe('revision planning', () => {
  it('keeps identical sentences, in order, and reports the dropped ones', () => {
    const previous = [
      { id: 'a', text: 'Один.' },
      { id: 'b', text: 'Два.' },
      { id: 'c', text: 'Один.' },
      { id: 'd', text: 'Три.' },
    ];
    const next = ['Один.', 'Два!', 'Один.', 'Четыре.'].map((text, position) => ({
      blockIndex: 1,
      blockType: 'paragraph' as const,
      position,
      text,
      spaceAfter: ' ',
    }));
    const plan = planRevision(previous, next);
    expect(plan.layout.map((row) => row.keep)).toEqual(['a', null, 'c', null]);
    expect(plan.removed.sort()).toEqual(['b', 'd']);
  });
});

describe('push planning', () => {
  const person = (id: string, free: number, held: Array<[string, number]> = []): PersonView => {
    const heldByArticle = new Map<string, Set<number>>();
    for (const [article, position] of held) heldByArticle.set(article, new Set([...(heldByArticle.get(article) ?? []), position]));
    return { id, pairs: new Set(['ru>en']), free, held: held.length, heldByArticle };
  };
  const tasks = (article: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `${article}${i}`, articleId: article, pair: 'ru>en', position: i }));

  it('spreads one article over everyone available, within capacity', () => {
    const plan = planPush(tasks('A', 6), [person('x', 5), person('y', 5), person('z', 5)]);
    const counts = ['x', 'y', 'z'].map((id) => plan.filter((p) => p.userId === id).length);
    expect(counts).toEqual([2, 2, 2]);
  });

  it('never exceeds capacity nor serves a pair a person lacks', () => {
    const other: PersonView = { ...person('w', 5), pairs: new Set(['ru>ar']) };
    const plan = planPush(tasks('A', 6), [person('x', 1), other]);
    expect(plan).toEqual([{ taskId: 'A0', userId: 'x' }]);
  });

  it('prefers whoever holds the previous sentence when the load is even', () => {
    const plan = planPush([{ id: 'A3', articleId: 'A', pair: 'ru>en', position: 3 }], [person('x', 3, [['A', 1]]), person('y', 3, [['A', 2]])]);
    expect(plan).toEqual([{ taskId: 'A3', userId: 'y' }]);
  });
});
