import type { Task } from '../../api/types';
import { t, textAttrs } from '../../i18n';
import { Action } from '../action';

/** The tasks a person holds (claimed by them or pushed to them); Alt+Up/Down move between them. */
export function HeldList({ tasks, currentId, onOpen }: { tasks: Task[]; currentId: string | null; onOpen: (id: string) => void }) {
  const at = tasks.findIndex((task) => task.id === currentId);
  const step = (by: number) => {
    const next = tasks[at + by];
    if (next) onOpen(next.id);
  };
  return (
    <section class="panel" aria-labelledby="held-title">
      <h2 id="held-title" class="panel-title">
        {t('held.title', { n: tasks.length })}
      </h2>
      {tasks.length === 0 && <p class="muted">{t('held.none')}</p>}
      <ol class="held">
        {tasks.map((task) => (
          <li key={task.id}>
            <a
              href={`#task-${task.id}`}
              aria-current={task.id === currentId ? 'true' : undefined}
              onClick={(event) => {
                event.preventDefault();
                onOpen(task.id);
              }}
            >
              <span {...textAttrs(task.sourceLang)}>{task.source.length > 70 ? `${task.source.slice(0, 70)}…` : task.source}</span>
              {task.reviewComment && <span class="badge">{t('held.sentBack')}</span>}
              {task.assignedBy === 'push' && <span class="badge">{t('held.pushed')}</span>}
              {task.assignedBy === 'editor' && <span class="badge">{t('held.handedOver')}</span>}
            </a>
          </li>
        ))}
      </ol>
      {tasks.length > 1 && (
        <div class="actions">
          <Action shortcut="Alt+ArrowUp" onAction={() => step(-1)} disabled={at <= 0}>
            {t('held.previous')}
          </Action>
          <Action shortcut="Alt+ArrowDown" onAction={() => step(1)} disabled={at < 0 || at >= tasks.length - 1}>
            {t('held.next')}
          </Action>
        </div>
      )}
    </section>
  );
}
