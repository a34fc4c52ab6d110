import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isProblem, type QaFinding } from '../../api/client';
import { work } from '../../api/endpoints';
import type { SubmitResult, Task } from '../../api/types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { QaWarnings } from '../../components/work/qa-findings';
import { QaOverride } from '../../components/work/qa-override';
import { afterLoad, Notices, withNotice } from '../../components/work/notices';
import type { WorkNotice } from '../../api/workbench-types';
import { streamOpenType, useEventStream } from '../../lib/events';
import { dropDraft } from '../../lib/drafts';
import { t } from '../../i18n';
import { hasRole, useSession } from '../../session';
import { ReviewBox } from './review-box';

type Phase = 'loading' | 'ready' | 'claiming' | 'empty' | 'sending';

/** The reviewer's screen: Next (Alt+N) takes the next translation to check; approve, edit or send back. */
export function Reviewer() {
  const [task, setTask] = useState<Task | null>(null);
  const [phase, setPhase] = useState<Phase>('loading');
  const [problem, setProblem] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<SubmitResult['qa']>([]);
  const [lost, setLost] = useState(false);
  const [gaveBack, setGaveBack] = useState(false);
  // An approve the checks blocked: its findings and the text it sent, for "approve anyway with a reason".
  const [blocked, setBlocked] = useState<{ taskId: string; findings: QaFinding[] } | null>(null);
  const approvedText = useRef<string | undefined>(undefined);
  // Bumped when a send failed: the review box puts the cursor back in the translation.
  const [refocus, setRefocus] = useState(0);
  // What happened to the reviewer's work without them (a review taken back, a mention), as on the translator's screen.
  const [notices, setNotices] = useState<WorkNotice[]>([]);
  const { user } = useSession();

  // When each notice was heard on the stream: a read of the server's list that began before cannot know it.
  const heardAt = useRef(new Map<WorkNotice['id'], number>());
  const loadNotices = useCallback(() => {
    const askedAt = performance.now();
    return work.mine().then((mine) => setNotices((shown) => afterLoad(mine.notices, shown, heardAt.current, askedAt)), () => undefined);
  }, []);
  useEventStream({ types: ['notice', streamOpenType] }, (event) => {
    if (event.type === streamOpenType) return void loadNotices();
    const id = (event.data as Partial<WorkNotice> | undefined)?.id;
    if (id !== undefined) heardAt.current.set(id, performance.now());
    setNotices((before) => withNotice(before, event));
  });

  useEffect(() => {
    const askedAt = performance.now();
    work.mine().then(
      (mine) => {
        setNotices((shown) => afterLoad(mine.notices, shown, heardAt.current, askedAt));
        // A Next pressed before this answer came has claimed a review already: that one stays on screen.
        setTask((shown) => shown ?? mine.tasks.find((held) => held.stage === 'review') ?? null);
        setPhase((phase) => (phase === 'loading' ? 'ready' : phase));
      },
      (error) => {
        setProblem(error);
        setPhase('ready');
      },
    );
  }, []);

  /**
   * Next from an open review gives that one back first, and says so: a second claim would otherwise leave
   * the first held by nobody on screen until its lease lapsed. `settled` is the one just approved or sent back.
   */
  const next = useCallback(async (settled?: string) => {
    performance.mark('dragoman:next');
    setPhase('claiming');
    setProblem(null);
    setGaveBack(false);
    try {
      if (task && task.id !== settled && !lost) {
        await work.release('review', task.id);
        dropDraft({ userId: user.id, taskId: task.id, stage: 'review' });
        setTask(null);
        setGaveBack(true);
      }
      setLost(false);
      const answer = await work.claim('review');
      const claimed = answer === null ? null : 'tasks' in answer ? (answer.tasks[0] ?? null) : answer;
      setTask(claimed);
      setPhase(claimed ? 'ready' : 'empty');
    } catch (error) {
      setProblem(error);
      setPhase('ready');
    }
  }, [task, lost, user.id]);

  const settle = useCallback(
    async (settled: string, send: () => Promise<{ id: string; qa?: SubmitResult['qa'] }>) => {
      setPhase('sending');
      setProblem(null);
      setBlocked(null);
      try {
        const result = await send();
        // Kept until the server took it: a blocked approve or a failed send still has the edit and comment.
        dropDraft({ userId: user.id, taskId: settled, stage: 'review' });
        setWarnings(result.qa ?? []);
        await next(settled);
      } catch (error) {
        setProblem(error);
        if (isProblem(error, 'qa_failed') && error.extra.qa) setBlocked({ taskId: settled, findings: error.extra.qa });
        if (isProblem(error, 'lease_lost')) setLost(true);
        setPhase('ready');
        setRefocus((n) => n + 1);
      }
    },
    [next, user.id],
  );

  return (
    <section class="screen workbench" aria-labelledby="reviewer-title">
      <div class="toolbar">
        <h1 id="reviewer-title">{t('reviewer.title')}</h1>
        <Action kind="primary" shortcut="Alt+N" onAction={() => void next()} busy={phase === 'claiming'}>
          {t('reviewer.next')}
        </Action>
      </div>
      <ProblemBox error={problem} />
      <p class="banner info" role="status" hidden={!gaveBack}>
        {gaveBack ? t('reviewer.gaveBack') : ''}
      </p>
      {task && blocked?.taskId === task.id && (
        <QaOverride
          findings={blocked.findings}
          busy={phase === 'sending'}
          action="approve"
          onOverride={(reason) => {
            const confirmed = blocked.findings.filter((f) => f.severity === 'error' && !f.overridden).map((f) => ({ code: f.code, reason }));
            void settle(task.id, () => work.approve(task.id, approvedText.current, confirmed));
          }}
        />
      )}
      <QaWarnings findings={warnings} onDismiss={() => setWarnings([])} />
      {task ? (
        <ReviewBox
          key={task.id}
          task={task}
          lost={lost}
          sending={phase === 'sending'}
          refocus={refocus}
          onApprove={(text) => {
            approvedText.current = text;
            void settle(task.id, () => work.approve(task.id, text));
          }}
          onReject={(comment) => void settle(task.id, () => work.reject(task.id, comment))}
          onRelease={() =>
            void work.release('review', task.id).then(
              () => {
                setTask(null);
                setPhase('ready');
              },
              setProblem,
            )
          }
          onLost={() => setLost(true)}
        />
      ) : (
        <div class="empty-state" role="status">
          {phase === 'loading' && <p>{t('app.loading')}</p>}
          {phase === 'claiming' && <p>{t('reviewer.claiming')}</p>}
          {phase === 'empty' && <p>{t('reviewer.nothingWaiting')}</p>}
          {phase === 'ready' && <p>{t('reviewer.pressNext')}</p>}
        </div>
      )}
      <Notices notices={notices} held={task ? [task] : []} canOpenArticles={hasRole(user, 'editor')} />
    </section>
  );
}
