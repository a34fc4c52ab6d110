import { useState } from 'preact/hooks';
import { articles } from '../../api/endpoints';
import type { ArticleChanges } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { t } from '../../i18n';

const priorities = ['breaking', 'high', 'normal', 'low'];

/** datetime-local works in local time without a zone; the API wants an instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Priority and deadline of an article: changing them re-queues its waiting sentences. */
export function ArticleSettings({ id, priority, deadline, onChanged }: { id: string; priority: string; deadline: string | null; onChanged: () => void }) {
  const [value, setValue] = useState({ priority, deadline: toLocalInput(deadline) });
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function save() {
    setBusy(true);
    setProblem(null);
    try {
      await articles.change(id, { priority: value.priority as ArticleChanges['priority'], deadline: value.deadline ? new Date(value.deadline).toISOString() : null });
      onChanged();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="filters">
      <label class="field">
        <span>{t('task.priority')}</span>
        <select value={value.priority} onChange={(event) => setValue({ ...value, priority: event.currentTarget.value })}>
          {priorities.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span>{t('task.deadline')}</span>
        <input type="datetime-local" value={value.deadline} onInput={(event) => setValue({ ...value, deadline: event.currentTarget.value })} />
      </label>
      <Action shortcut="Alt+S" onAction={() => void save()} busy={busy}>
        {t('article.saveSettings')}
      </Action>
      <ProblemBox error={problem} />
    </div>
  );
}
