import type { GridTask } from '../../api/workbench-types';
import { formatRelative, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { MarkedText } from '../../components/text/marked-text';

export interface GridRow {
  segmentId: string;
  position: number;
  blockType: string;
  source: string;
  cells: Record<string, GridTask | undefined>;
}

/** Segments down, locales across: one task per cell. Arrow keys move between cells, Enter selects. */
export function ArticleGrid({
  rows,
  locales,
  sourceLang,
  selected,
  onSelect,
}: {
  rows: GridRow[];
  locales: string[];
  sourceLang: string;
  selected: string | null;
  onSelect: (taskId: string) => void;
}) {
  function move(event: KeyboardEvent) {
    const keys: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const step = keys[event.key];
    const target = event.target as HTMLElement;
    if (!step || !target.dataset.row) return;
    event.preventDefault();
    const rtl = getComputedStyle(target).direction === 'rtl';
    const row = Number(target.dataset.row) + step[0];
    const col = Number(target.dataset.col) + (rtl ? -step[1] : step[1]);
    const next = target.closest('table')?.querySelector<HTMLElement>(`[data-row="${row}"][data-col="${col}"]`);
    next?.focus();
  }
  return (
    <div class="table-wrap">
      <table class="grid" onKeyDown={move}>
        <caption class="visually-hidden">{t('grid.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">{t('task.source')}</th>
            {locales.map((locale) => (
              <th scope="col" key={locale}>
                {languageName(locale)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={row.segmentId}>
              <th scope="row">{row.position === Number.MAX_SAFE_INTEGER ? '—' : row.position + 1}</th>
              <td>
                <div class="muted">{t(`blockType.${row.blockType}`, { defaultValue: row.blockType })}</div>
                {/* Direction on the text, not its box: the text starts where its column header does. */}
                <div>
                  <span {...textAttrs(sourceLang)}>
                    <MarkedText text={row.source} />
                  </span>
                </div>
              </td>
              {locales.map((locale, c) => {
                const task = row.cells[locale];
                if (!task) return <td key={locale} />;
                // Findings confirmed as intended are shown in the cell's detail, not counted as open ones.
                const warnings = task.qa.filter((finding) => !finding.overridden).length;
                return (
                  <td key={locale}>
                    <button
                      type="button"
                      class="cell"
                      data-row={r}
                      data-col={c}
                      aria-pressed={selected === task.id}
                      onClick={() => onSelect(task.id)}
                    >
                      <span class="cell-meta">
                        <span class={`status ${task.flagged ? 'flagged' : task.status}`}>{t(`status.${task.status}`)}</span>
                        {task.filledFrom === 'memory' && <span class="badge">{t('grid.fromMemory')}</span>}
                        {task.flagged && <span class="badge">{t('grid.flagged', { n: task.abandonCount })}</span>}
                        {warnings > 0 && <span class="badge">{t('grid.qa', { n: warnings })}</span>}
                        {task.comments > 0 && <span class="badge">{t('grid.comments', { n: task.comments })}</span>}
                      </span>
                      {task.assignee && (
                        <span class="muted">
                          <bdi>{task.assignee.name}</bdi>
                          {task.leaseExpiresAt && ` · ${formatRelative(task.leaseExpiresAt)}`}
                        </span>
                      )}
                      {(task.translation ?? task.draft) && (
                        <span class="cell-text" {...textAttrs(locale)}>
                          <MarkedText text={task.translation ?? task.draft ?? ''} />
                        </span>
                      )}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function gridRows(tasks: GridTask[]): GridRow[] {
  const rows = new Map<string, GridRow>();
  for (const task of tasks) {
    // A segment dropped by a revision has no position in the current one: it sorts last.
    const row: GridRow = rows.get(task.segmentId) ?? {
      segmentId: task.segmentId,
      position: task.position ?? Number.MAX_SAFE_INTEGER,
      blockType: task.blockType ?? 'paragraph',
      source: task.source,
      cells: {},
    };
    row.cells[task.targetLocale] = task;
    rows.set(task.segmentId, row);
  }
  return [...rows.values()].sort((a, b) => a.position - b.position);
}
