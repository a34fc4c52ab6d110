import { useEffect, useState } from 'preact/hooks';
import { work } from '../../api/endpoints';
import type { Task } from '../../api/types';
import { Action } from '../../components/action';
import { TargetEditor, type TargetEditorHandle } from '../../components/text/target-editor';
import { tokensOf } from '../../components/text/placeholders';
import { LeaseBanner } from '../../components/work/lease-banner';
import { PlaceholderPalette } from '../../components/work/placeholder-palette';
import { SourceContext } from '../../components/work/source-context';
import { TaskHeader } from '../../components/work/task-header';
import { loadDraft, saveDraft } from '../../lib/drafts';
import { useLease } from '../../lib/use-lease';
import { languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { useSession } from '../../session';

interface Props {
  task: Task;
  lost: boolean;
  submitting: boolean;
  onSubmit: (text: string) => void;
  onRelease: () => void;
  onLost: (id: string) => void;
  focusRef: { current: () => void };
  editor: { current: TargetEditorHandle | null };
}

/** One task being translated: its context, the editor and the actions, all on keys. */
export function TranslationBox({ task, lost, submitting, onSubmit, onRelease, onLost, focusRef, editor }: Props) {
  // What the browser kept wins over the server's copy: it is the newest thing the person typed.
  const { user } = useSession();
  const draftOf = { userId: user.id, taskId: task.id, stage: 'translate' };
  const [initial] = useState(() => loadDraft(draftOf)?.text ?? task.draft ?? task.translation ?? '');
  const [empty, setEmpty] = useState(initial.trim() === '');
  const lease = useLease('translate', lost ? null : task.id, task.leaseExpiresAt, () => {
    onLost(task.id);
    // The server keeps the text of a submit that comes after the lease as the task's draft, for whoever
    // takes the sentence next; the lease is known to be gone, so this cannot finish the task half done.
    const text = editor.current?.text() ?? '';
    if (text.trim() !== '') work.submit(task.id, text).catch(() => undefined);
  });
  const gone = lost || lease.state === 'lost';
  focusRef.current = () => editor.current?.focus();

  useEffect(() => editor.current?.focus(), []);

  const submit = () => onSubmit(editor.current?.text() ?? '');
  return (
    <article class="task" aria-labelledby="source-title" data-task-id={task.id}>
      <TaskHeader task={task} lease={lost ? { ...lease, state: 'lost' } : lease} />
      <LeaseBanner lease={lost ? { ...lease, state: 'lost' } : lease} />
      {task.reviewComment && (
        <div class="banner info" role="note">
          <strong>{t('translator.sentBack')}</strong> <q dir="auto">{task.reviewComment}</q>
        </div>
      )}
      {task.mode === 'post-edit' && task.machineDraft && (
        <section class="banner info machine-draft" aria-labelledby="machine-draft-title">
          <strong id="machine-draft-title">{t('editor.postEdit', { provider: task.machineDraft.provider })}</strong>
          <p>{t('editor.postEditHint')}</p>
          <blockquote {...textAttrs(task.targetLocale)}>{task.machineDraft.text}</blockquote>
        </section>
      )}
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
          onChange={(text) => {
            saveDraft(draftOf, { text });
            setEmpty(text.trim() === '');
          }}
        />
        <PlaceholderPalette tokens={tokensOf(task.source)} onInsert={(token) => editor.current?.insertToken(token)} />
        <div class="actions">
          <Action kind="primary" shortcut="Ctrl+Enter" onAction={submit} busy={submitting} disabled={gone || empty}>
            {t('translator.submit')}
          </Action>
          <Action shortcut="Alt+K" onAction={() => void lease.keep()} disabled={gone}>
            {t('translator.keep')}
          </Action>
          <Action kind="danger" shortcut="Alt+R" onAction={onRelease} disabled={gone}>
            {t('translator.release')}
          </Action>
        </div>
      </section>
    </article>
  );
}
