import type { Task } from '../../api/types';
import type { WorkNotice } from '../../api/workbench-types';
import type { StreamEvent } from '../../lib/events';
import { formatRelative } from '../../lib/format';
import { t } from '../../i18n';

/**
 * A list of notices the server answered, with those the page heard live after it asked: a read that began
 * before a notice was written does not carry it, and must not take it off the page.
 */
export function afterLoad(loaded: WorkNotice[], shown: WorkNotice[], heardAt: ReadonlyMap<WorkNotice['id'], number>, askedAt: number): WorkNotice[] {
  const inAnswer = new Set(loaded.map((n) => n.id));
  const newer = shown.filter((n) => !inAnswer.has(n.id) && (heardAt.get(n.id) ?? -1) > askedAt);
  return [...newer, ...loaded];
}

/** The notices with the one a stream event carries on top (once, however often the event comes). */
export function withNotice(before: WorkNotice[], event: StreamEvent): WorkNotice[] {
  const notice = (event.data ?? event) as unknown as WorkNotice;
  return [notice, ...before.filter((n) => n.id !== notice.id)];
}

interface Props {
  notices: WorkNotice[];
  /** What the person holds now: a notice about one of these opens it. */
  held?: Task[];
  onOpenTask?: (taskId: string) => void;
  /** Editors may open the article a notice is about. */
  canOpenArticles?: boolean;
}

/**
 * What happened to the person's work without them: tasks taken back, reassigned, sent back, mentions. Each
 * notice leads to what it is about: the sentence when it is still held, the article's page for an editor,
 * and otherwise names the article by its headline when a held sentence shows it.
 */
export function Notices({ notices, held = [], onOpenTask, canOpenArticles = false }: Props) {
  return (
    <section class="panel" aria-labelledby="notices-title">
      <h2 id="notices-title" class="panel-title">
        {t('notices.title')}
      </h2>
      {notices.length === 0 && <p class="muted">{t('notices.none')}</p>}
      <ul class="notices">
        {notices.slice(0, 10).map((notice) => {
          const task = held.find((h) => h.id === notice.taskId) ?? held.find((h) => h.segmentId === notice.segmentId && h.targetLocale === notice.locale);
          const headline = task?.headline ?? held.find((h) => h.articleId === notice.articleId && h.headline)?.headline;
          return (
            <li key={notice.id}>
              <span>{t(`notices.kind.${notice.kind}`, { defaultValue: t('notices.kind.other') })}</span>
              {(notice.detail?.comment ?? notice.detail?.text) && <q dir="auto">{notice.detail?.comment ?? notice.detail?.text}</q>}
              {notice.kind === 'cancelled_by_withdrawal' && notice.detail?.reason && (
                <span class="notice-reason">
                  {' '}
                  {t('notices.withdrawalReason')} <q dir="auto">{notice.detail.reason}</q>
                </span>
              )}{' '}
              <time class="muted" dateTime={notice.at}>
                {formatRelative(notice.at)}
              </time>
              {task && onOpenTask && (
                <div>
                  <button type="button" class="link" onClick={() => onOpenTask(task.id)}>
                    {t('notices.openTask')}
                  </button>
                </div>
              )}
              {!task && notice.articleId && canOpenArticles && (
                <div>
                  <a href={`/app/articles/${notice.articleId}`}>{headline ? <bdi dir="auto">{headline}</bdi> : t('notices.openArticle')}</a>
                </div>
              )}
              {!task && !canOpenArticles && headline && (
                <div class="muted">
                  <bdi dir="auto">{headline}</bdi>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
