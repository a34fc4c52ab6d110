import { AppError } from '../errors.js';
import type { Db } from '../storage/pool.js';
import type { TaskRow } from '../storage/tasks-repo.js';

export interface QaReport {
  issues: Array<{ code: string; severity: 'error' | 'warning'; params: Record<string, string | number>; span?: { start: number; end: number } }>;
  blocking: boolean;
  error: AppError;
}

/** Automatic checks on a submitted or reviewed translation; errors block, warnings travel with the answer. */
export async function checkTranslation(_db: Db, _task: TaskRow, _text: string): Promise<QaReport> {
  return { issues: [], blocking: false, error: new AppError('qa_failed', { count: 0 }) };
}
