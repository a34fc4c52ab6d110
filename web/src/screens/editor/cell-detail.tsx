import { useEffect, useState } from 'preact/hooks';
import { articles } from '../../api/endpoints';
import type { Candidate, GridTask } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { MarkedText } from '../../components/text/marked-text';
import { SegmentComments } from '../../components/work/segment-comments';
import { SegmentHistory } from '../../components/work/segment-history';
import { formatDateTime, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';

/** One cell of the grid in full, with what an editor can do about it: give it back, or give it to someone. */
export function CellDetail({ articleId, task, sourceLang, onChanged }: { articleId: string; task: GridTask; sourceLang: string; onChanged: () => void }) {
  const [assignee, setAssignee] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  // Reviewers take a task in review, translators any other: the server's reassign rule, so none is refused.
  const stage = task.status === 'review_queued' || task.status === 'reviewing' ? 'review' : 'translate';
  useEffect(() => {
    // Everyone of the pair, not only those already on this article (an editor cannot list all users).
    articles.candidates(articleId, task.targetLocale, stage).then(
      (page) => setCandidates(page.items),
      (error: unknown) => setProblem(error),
    );
  }, [task.id, task.assignee?.id, stage]);
  const held = task.status === 'claimed' || task.status === 'reviewing';
  const open = task.status !== 'done' && task.status !== 'cancelled';

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card cell-detail" aria-labelledby="cell-title">
      <h2 id="cell-title">{t('grid.cellTitle', { n: (task.position ?? 0) + 1, locale: languageName(task.targetLocale) })}</h2>
      <p {...textAttrs(sourceLang)}>
        <MarkedText text={task.source} />
      </p>
      {(task.translation ?? task.draft) && (
        <p {...textAttrs(task.targetLocale)}>
          <MarkedText text={task.translation ?? task.draft ?? ''} />
        </p>
      )}
      <dl class="facts">
        <div>
          <dt>{t('grid.status')}</dt>
          <dd>{t(`status.${task.status}`)}</dd>
        </div>
        {task.assignee && (
          <div>
            <dt>{t('grid.holder')}</dt>
            <dd><bdi>{task.assignee.name}</bdi></dd>
          </div>
        )}
        {task.leaseExpiresAt && (
          <div>
            <dt>{t('grid.leaseUntil')}</dt>
            <dd>{formatDateTime(task.leaseExpiresAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t('grid.abandoned')}</dt>
          <dd>{task.abandonCount}</dd>
        </div>
      </dl>
      {task.reviewComment && <p class="banner info">{task.reviewComment}</p>}
      {task.qa.length > 0 && (
        <ul class="qa-list">
          {task.qa.map((finding, i) =>
            // A finding confirmed as intended is no longer an open error: shown apart, with who-said-why's reason.
            finding.overridden ? (
              <li key={i} class="finding confirmed">
                {finding.message} <span class="finding-confirmed">{t('grid.findingConfirmed')}</span> <q dir="auto">{finding.reason}</q>
              </li>
            ) : (
              <li key={i} class={`finding ${finding.severity}`}>
                {finding.message}
              </li>
            ),
          )}
        </ul>
      )}
      <ProblemBox error={problem} />
      <div class="actions">
        <Action shortcut="Alt+R" onAction={() => void act(() => articles.release(task.id))} disabled={!held} busy={busy}>
          {t('grid.release')}
        </Action>
        <label class="inline-field">
          <span>{t('grid.reassignTo')}</span>
          <select value={assignee} onChange={(event) => setAssignee(event.currentTarget.value)} disabled={!open}>
            <option value="">—</option>
            {candidates.map((person) => (
              <option key={person.id} value={person.id}>
                {t(person.available ? 'grid.candidateLoad' : 'grid.candidateOffShift', { name: person.name, held: person.held, capacity: person.capacity })}
              </option>
            ))}
          </select>
        </label>
        <Action shortcut="Alt+G" onAction={() => void act(() => articles.reassign(task.id, assignee))} disabled={!open || assignee === ''} busy={busy}>
          {t('grid.reassign')}
        </Action>
      </div>
      <div class="side-by-side">
        <SegmentHistory segmentId={task.segmentId} locale={task.targetLocale} />
        <SegmentComments key={`${task.segmentId}-${task.targetLocale}`} segmentId={task.segmentId} locale={task.targetLocale} />
      </div>
    </section>
  );
}
