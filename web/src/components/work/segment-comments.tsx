import { useState } from 'preact/hooks';
import { segments } from '../../api/endpoints';
import { formatDateTime, formatList, isolate } from '../../lib/format';
import { streamOpenType, useEventStream } from '../../lib/events';
import { useLoad } from '../../lib/use-load';
import { dropDraft, loadDraft, saveDraft } from '../../lib/drafts';
import { useSession } from '../../session';
import { isKeys } from '../../lib/shortcuts';
import { t } from '../../i18n';
import { Action } from '../action';
import { ProblemBox } from '../problem';

/** Discussion of one segment; `@name` mentions reach the person named. */
export function SegmentComments({ segmentId, locale }: { segmentId: string; locale?: string }) {
  const { data, error, reload } = useLoad(() => segments.comments(segmentId, locale), [segmentId, locale]);
  // Kept with the drafts (pruned after a week, removed once sent): a comment half typed survives a reload
  // or an expired session.
  const { user } = useSession();
  const draftOf = { userId: user.id, taskId: `${segmentId}.${locale ?? ''}`, stage: 'comment' };
  const [text, setTextState] = useState(() => loadDraft(draftOf)?.text ?? '');
  const setText = (value: string) => {
    setTextState(value);
    if (value === '') dropDraft(draftOf);
    else saveDraft(draftOf, { text: value });
  };
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [unresolved, setUnresolved] = useState<string[]>([]);
  const fieldId = `comment-${segmentId}`;

  // New comments on this sentence: editors hear every comment, others the mentions of them (notices).
  useEventStream({ types: ['comment.created', 'notice', streamOpenType] }, (event) => {
    if (event.type === streamOpenType || (event.data as { segmentId?: string } | undefined)?.segmentId === segmentId) void reload();
  });

  async function send() {
    if (text.trim() === '' || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const created = await segments.comment(segmentId, text.trim(), locale);
      setUnresolved(created.unresolvedMentions ?? []);
      setText('');
      await reload();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="panel" aria-labelledby={`${fieldId}-title`}>
      <h2 id={`${fieldId}-title`} class="panel-title">
        {t('comments.title')}
      </h2>
      <ProblemBox error={error} />
      {data && data.items.length === 0 && <p class="muted">{t('comments.none')}</p>}
      <ol class="history">
        {(data?.items ?? []).map((comment) => (
          <li key={comment.id}>
            <div class="muted">
              <bdi>{comment.author.name}</bdi> ·{' '}
              <bdi>
                <time dateTime={comment.createdAt}>{formatDateTime(comment.createdAt)}</time>
              </bdi>
            </div>
            <p dir="auto">{comment.text}</p>
          </li>
        ))}
      </ol>
      <label class="field">
        <span>{t('comments.new')}</span>
        <textarea
          id={fieldId}
          dir="auto"
          rows={2}
          value={text}
          aria-keyshortcuts="Control+Enter"
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            // Ctrl+Enter here sends the comment; it must never reach the page's Ctrl+Enter (submit or approve).
            if (!isKeys(event, 'Ctrl+Enter')) return;
            event.preventDefault();
            void send();
          }}
        />
      </label>
      {unresolved.length > 0 && <p class="muted">{t('comments.unresolved', { names: formatList(unresolved.map(isolate)) })}</p>}
      <ProblemBox error={problem} />
      <div class="actions">
        <Action shortcut="Alt+M" onAction={() => void send()} busy={busy} disabled={text.trim() === ''}>
          {t('comments.send')}
        </Action>
      </div>
    </section>
  );
}
