import { listNoticesFor, type NoticeRow } from '../storage/notices-repo.js';
import type { UserRecord } from '../domain/people.js';
import type { ServiceDeps } from './deps.js';

export type Notice = NoticeRow;

export async function listNotices(deps: Pick<ServiceDeps, 'pool'>, user: UserRecord, after: number | null): Promise<Notice[]> {
  return listNoticesFor(deps.pool, user.id, after);
}
