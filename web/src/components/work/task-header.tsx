import type { Task } from '../../api/types';
import type { Lease } from '../../lib/use-lease';
import { formatCountdown, formatDateTime, formatRelative, languageName } from '../../lib/format';
import { t } from '../../i18n';

/** What a task is: its article, the kind of block, how urgent, and how long it is held. */
export function TaskHeader({ task, lease }: { task: Task; lease: Lease }) {
  return (
    <header class="task-header">
      {task.headline && (
        <p class="article-headline" lang={task.sourceLang} dir="auto">
          {task.headline}
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>{t('task.pair')}</dt>
          <dd>
            {t('task.pairValue', { source: languageName(task.sourceLang), target: languageName(task.targetLocale) })}
          </dd>
        </div>
        {task.blockType && (
          <div>
            <dt>{t('task.blockType')}</dt>
            <dd>{t(`blockType.${task.blockType}`, { defaultValue: task.blockType })}</dd>
          </div>
        )}
        <div>
          <dt>{t('task.priority')}</dt>
          <dd class={`priority ${task.priority}`}>{t(`priority.${task.priority}`)}</dd>
        </div>
        {task.deadline && (
          <div>
            <dt>{t('task.deadline')}</dt>
            <dd>
              <time dateTime={task.deadline} title={formatDateTime(task.deadline)}>
                {formatRelative(task.deadline)}
              </time>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('task.leaseLeft')}</dt>
          <dd class={`lease ${lease.state}`}>
            <span role="timer" aria-live="off" dir="ltr">
              {lease.state === 'lost' ? t('lease.lostShort') : formatCountdown(lease.remainingMs)}
            </span>
          </dd>
        </div>
      </dl>
    </header>
  );
}
