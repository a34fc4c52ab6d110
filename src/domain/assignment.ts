/**
 * Push assignment, decided without I/O. Waiting tasks arrive most urgent first; each goes to the available
 * person with the pair and free capacity who holds the fewest tasks of that article (so a breaking story is
 * spread over several people and finishes sooner), then the fewest tasks overall, preferring whoever holds
 * the sentence just before it (so each person still gets a continuous stretch).
 */
export interface WaitingTaskView {
  id: string;
  articleId: string;
  pair: string; // "ru>en"
  position: number | null;
  /** Someone who must not get this task (its translator, at review). */
  exclude?: string | null;
}

export interface PersonView {
  id: string;
  pairs: Set<string>;
  free: number;
  held: number;
  /** Positions held per article, to know who holds the previous sentence. */
  heldByArticle: Map<string, Set<number>>;
}

export function planPush(tasks: WaitingTaskView[], people: PersonView[]): Array<{ taskId: string; userId: string }> {
  const plan: Array<{ taskId: string; userId: string }> = [];
  for (const task of tasks) {
    const candidates = people.filter((p) => p.free > 0 && p.pairs.has(task.pair) && p.id !== task.exclude);
    if (candidates.length === 0) continue;
    const inArticle = (p: PersonView) => p.heldByArticle.get(task.articleId)?.size ?? 0;
    const holdsPrevious = (p: PersonView) =>
      task.position !== null && (p.heldByArticle.get(task.articleId)?.has(task.position - 1) ?? false) ? 0 : 1;
    candidates.sort((a, b) => inArticle(a) - inArticle(b) || a.held - b.held || holdsPrevious(a) - holdsPrevious(b) || a.id.localeCompare(b.id));
    const chosen = candidates[0]!;
    chosen.free -= 1;
    chosen.held += 1;
    const positions = chosen.heldByArticle.get(task.articleId) ?? new Set<number>();
    if (task.position !== null) positions.add(task.position);
    chosen.heldByArticle.set(task.articleId, positions);
    plan.push({ taskId: task.id, userId: chosen.id });
  }
  return plan;
}
