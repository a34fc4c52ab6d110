import { useEffect, useRef, useState } from 'preact/hooks';
import type { Task } from '../../api/types';
import { Action } from '../../components/action';
import { TargetEditor, type TargetEditorHandle } from '../../components/text/target-editor';
import { tokensOf } from '../../components/text/placeholders';
import { GlossaryPanel } from '../../components/work/glossary-panel';
import { LeaseBanner } from '../../components/work/lease-banner';
import { PlaceholderPalette } from '../../components/work/placeholder-palette';
import { SegmentComments } from '../../components/work/segment-comments';
import { SegmentHistory } from '../../components/work/segment-history';
import { SourceContext } from '../../components/work/source-context';
import { TaskHeader } from '../../components/work/task-header';
import { loadDraft, saveDraft } from '../../lib/drafts';
import { languageName } from '../../lib/format';
import { useLease } from '../../lib/use-lease';
import { isKeys } from '../../lib/shortcuts';
import { t } from '../../i18n';
import { useSession } from '../../session';

interface Props {
  task: Task;
  lost: boolean;
  sending: boolean;
  /** Changes when a send failed: the cursor goes back to the translation, not to the page. */
  refocus?: number;
  onApprove: (text: string | undefined) => void;
  onReject: (comment: string) => void;
  onRelease: () => void;
  onLost: () => void;
}

/** One translation under review: source and translation side by side, its history and discussion. */
export function ReviewBox({ task, lost, sending, refocus = 0, onApprove, onReject, onRelease, onLost }: Props) {
  const editor = useRef<TargetEditorHandle>(null);
  const commentField = useRef<HTMLTextAreaElement>(null);
  const { user } = useSession();
  const draftOf = { userId: user.id, taskId: task.id, stage: 'review' };
  // The reviewer's edit and comment come back after a reload, as a translator's draft does.
  const [kept] = useState(() => loadDraft(draftOf));
  const [initial] = useState(() => kept?.text ?? task.translation ?? '');
  const [comment, setComment] = useState(kept?.comment ?? '');
  const [needComment, setNeedComment] = useState(false);
  const lease = useLease('review', lost ? null : task.id, task.leaseExpiresAt, onLost);
  const shown = lost ? { ...lease, state: 'lost' as const } : lease;
  const gone = shown.state === 'lost';

  // The translation takes the cursor when the review is shown and again after a failed send (the busy
  // button that had it was disabled meanwhile), unless the reviewer is writing the comment.
  const shownOnce = useRef(false);
  useEffect(() => {
    const first = !shownOnce.current;
    shownOnce.current = true;
    if (first || document.activeElement !== commentField.current) editor.current?.focus();
  }, [refocus]);

  const approve = () => {
    const text = editor.current?.text() ?? '';
    onApprove(text !== task.translation ? text : undefined);
  };
  const reject = () => {
    if (comment.trim() === '') {
      setNeedComment(true);
      commentField.current?.focus();
      return;
    }
    onReject(comment.trim());
  };

  return (
    <article class="task" aria-labelledby="source-title" data-task-id={task.id}>
      <TaskHeader task={task} lease={shown} />
      <LeaseBanner lease={shown} />
      <div class="side-by-side">
        <SourceContext task={task} />
        <section class="target" aria-labelledby="target-title">
          <h2 id="target-title" class="panel-title">
            {t('editor.translationInto', { language: languageName(task.targetLocale) })}
          </h2>
          <TargetEditor
            handle={editor}
            initialText={initial}
            lang={task.targetLocale}
            label={t('editor.translation')}
            onChange={(text) => saveDraft(draftOf, { text })}
          />
          <PlaceholderPalette tokens={tokensOf(task.source)} onInsert={(token) => editor.current?.insertToken(token)} />
        </section>
      </div>
      <label class="field">
        <span>{t('reviewer.comment')}</span>
        <textarea
          ref={commentField}
          rows={2}
          dir="auto"
          value={comment}
          aria-invalid={needComment && comment.trim() === '' ? 'true' : undefined}
          aria-describedby="reject-hint"
          aria-keyshortcuts="Control+Enter"
          onInput={(event) => {
            setComment(event.currentTarget.value);
            saveDraft(draftOf, { comment: event.currentTarget.value });
          }}
          onKeyDown={(event) => {
            // Ctrl+Enter in the comment sends the translation back with it; it never approves.
            if (!isKeys(event, 'Ctrl+Enter')) return;
            event.preventDefault();
            if (!sending && !gone) reject();
          }}
        />
        <span id="reject-hint" class="muted">
          {needComment && comment.trim() === '' ? t('reviewer.commentNeeded') : t('reviewer.commentHint')}
        </span>
      </label>
      <div class="actions">
        <Action kind="primary" shortcut="Ctrl+Enter" onAction={approve} busy={sending} disabled={gone}>
          {t('reviewer.approve')}
        </Action>
        <Action kind="danger" shortcut="Alt+J" onAction={reject} busy={sending} disabled={gone}>
          {t('reviewer.reject')}
        </Action>
        <Action shortcut="Alt+K" onAction={() => void lease.keep()} disabled={gone}>
          {t('translator.keep')}
        </Action>
        <Action shortcut="Alt+R" onAction={onRelease} disabled={gone}>
          {t('translator.release')}
        </Action>
      </div>
      <div class="side-by-side">
        <SegmentHistory segmentId={task.segmentId} locale={task.targetLocale} />
        <div class="work-side">
          <GlossaryPanel hits={task.glossary} sourceLang={task.sourceLang} targetLocale={task.targetLocale} />
          <SegmentComments key={`${task.segmentId}-${task.targetLocale}`} segmentId={task.segmentId} locale={task.targetLocale} />
        </div>
      </div>
    </article>
  );
}
