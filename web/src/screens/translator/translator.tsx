import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { isProblem, type QaFinding } from '../../api/client';
import { work } from '../../api/endpoints';
import type { SubmitResult, Task } from '../../api/types';
import type { WorkNotice } from '../../api/workbench-types';
import { streamOpenType, useEventStream } from '../../lib/events';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { GlossaryPanel } from '../../components/work/glossary-panel';
import { HeldList } from '../../components/work/held-list';
import { afterLoad, Notices, withNotice } from '../../components/work/notices';
import { QaWarnings } from '../../components/work/qa-findings';
import { SegmentComments } from '../../components/work/segment-comments';
import { QaOverride } from '../../components/work/qa-override';
import { Suggestions } from '../../components/work/suggestions';
import type { TargetEditorHandle } from '../../components/text/target-editor';
import { dropDraft } from '../../lib/drafts';
import { t } from '../../i18n';
import { hasRole, useSession } from '../../session';
import { ShiftSwitch } from './shift-switch';
import { TranslationBox } from './translation-box';

// Notices and pushed work arrive on the event stream; this slow look is only a safety net.
const refreshMs = 30_000;
const matchesRetryMs = 4_000;
const maxMatchLooks = 5;

type Phase = 'loading' | 'ready' | 'claiming' | 'empty' | 'submitting';

/**
 * The translator's screen: Next (Alt+N) claims the best task or a stretch of sentences, Ctrl+Enter
 * submits and opens the next one, and the whole loop runs from the keyboard.
 */
export function Translator() {
  const { user } = useSession();
  const [held, setHeld] = useState<Task[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [notices, setNotices] = useState<WorkNotice[]>([]);
  const [phase, setPhase] = useState<Phase>('loading');
  const [problem, setProblem] = useState<unknown>(null);
  const [warnings, setWarnings] = useState<SubmitResult['qa']>([]);
  // The findings of the last submit the checks blocked, for "submit anyway with a reason".
  const [blocked, setBlocked] = useState<{ taskId: string; findings: QaFinding[] } | null>(null);
  const [lost, setLost] = useState<Set<string>>(new Set());
  const [stretch, setStretch] = useState(1);
  const focusEditor = useRef<() => void>(() => undefined);
  const editor = useRef<TargetEditorHandle>(null);
  const nextStarted = useRef<number | null>(null);

  const current = held.find((task) => task.id === currentId) ?? null;
  // The held list as last rendered, for callbacks that finish after an await: the copy they closed over may
  // predate a claim or a refresh, and writing it back would take those tasks off the page.
  const heldNow = useRef(held);
  heldNow.current = held;
  // When each task was submitted or given back here: a look at the server that started before that moment
  // cannot bring it back (one that started after may: a rejected sentence does come back).
  const finished = useRef(new Map<string, number>());
  // When each task was claimed here: a look at the server that started before that moment cannot know the
  // task yet, so its answer must not take it off the page.
  const claimedAt = useRef(new Map<string, number>());
  // When each notice was heard on the stream: a read of the server's list that began before cannot know it.
  const heardAt = useRef(new Map<WorkNotice['id'], number>());

  const refresh = useCallback(async () => {
    try {
      const askedAt = performance.now();
      const mine = await work.mine();
      const tasks = mine.tasks.filter((task) => task.stage === 'translate' && (finished.current.get(task.id) ?? -1) < askedAt);
      setNotices((shown) => afterLoad(mine.notices, shown, heardAt.current, askedAt));
      setHeld((before) => {
        // Keep what the page already shows (a lapsed task stays until the person moves on), take the
        // server's newer copy of the rest (fuzzy matches found since the claim), add what was pushed.
        const fresh = new Map(tasks.map((task) => [task.id, task]));
        const known = new Set(before.map((task) => task.id));
        const newer = (task: Task) => (claimedAt.current.get(task.id) ?? -1) > askedAt;
        const kept = before.flatMap((task) => (fresh.has(task.id) ? [fresh.get(task.id)!] : lost.has(task.id) || newer(task) ? [task] : []));
        return [...kept, ...tasks.filter((task) => !known.has(task.id))];
      });
      setCurrentId((id) => id ?? tasks[0]?.id ?? null);
    } catch (error) {
      setProblem(error);
    }
  }, [lost]);

  useEffect(() => {
    void refresh().then(() => setPhase((p) => (p === 'loading' ? 'ready' : p)));
    const timer = setInterval(() => document.visibilityState === 'visible' && void refresh(), refreshMs);
    return () => clearInterval(timer);
  }, [refresh]);

  // Fuzzy matches the workers had not stored at claim time come with a later look at the held tasks.
  const waitingForMatches = current !== null && !current.suggestionsComplete;
  const matchLooks = useRef(new Map<string, number>());
  useEffect(() => {
    if (!waitingForMatches || !current) return;
    const looks = matchLooks.current.get(current.id) ?? 0;
    if (looks >= maxMatchLooks) return;
    matchLooks.current.set(current.id, looks + 1);
    const timer = setTimeout(() => void refresh(), matchesRetryMs);
    return () => clearTimeout(timer);
  }, [waitingForMatches, current?.id, held]);

  useEventStream({ types: ['notice', streamOpenType] }, (event) => {
    if (event.type === streamOpenType) return void refresh();
    const id = (event.data as Partial<WorkNotice> | undefined)?.id;
    if (id !== undefined) heardAt.current.set(id, performance.now());
    setNotices((before) => withNotice(before, event));
    void refresh();
  });

  const claim = useCallback(async () => {
    nextStarted.current = performance.now();
    performance.mark('dragoman:next');
    setPhase('claiming');
    setProblem(null);
    try {
      const answer = await work.claim('translate', stretch > 1 ? { count: stretch } : {});
      const tasks = answer === null ? [] : 'tasks' in answer ? answer.tasks : [answer];
      const answeredAt = performance.now();
      for (const task of tasks) claimedAt.current.set(task.id, answeredAt);
      if (tasks.length === 0) {
        setPhase('empty');
        return;
      }
      setHeld((before) => [...before.filter((task) => !tasks.some((fresh) => fresh.id === task.id)), ...tasks]);
      setCurrentId(tasks[0]!.id);
      setPhase('ready');
    } catch (error) {
      setProblem(error);
      setPhase('ready');
    }
  }, [stretch]);

  /** Opens the next held task after `id`, or claims a new one when none is left. */
  const moveOn = useCallback(
    (doneId: string) => {
      const rest = heldNow.current.filter((task) => task.id !== doneId && !lost.has(task.id));
      setHeld((before) => {
        const others = before.filter((task) => task.id !== doneId);
        return [...others.filter((task) => !lost.has(task.id)), ...others.filter((task) => lost.has(task.id))];
      });
      if (rest[0]) {
        setCurrentId(rest[0].id);
        setPhase('ready');
      } else {
        setCurrentId(null);
        void claim();
      }
    },
    [lost, claim],
  );

  const next = useCallback(() => {
    // From a task taken back, "next" means leaving it behind.
    if (current && lost.has(current.id)) {
      setHeld((before) => before.filter((task) => task.id !== current.id));
      setLost((before) => new Set([...before].filter((id) => id !== current.id)));
    }
    void claim();
  }, [current, lost, claim]);

  const submit = useCallback(
    async (text: string, overrides?: Array<{ code: string; reason: string }>) => {
      if (!current || phase === 'submitting') return;
      setPhase('submitting');
      setProblem(null);
      setBlocked(null);
      try {
        const result = await work.submit(current.id, text, overrides);
        finished.current.set(current.id, performance.now());
        dropDraft({ userId: user.id, taskId: current.id, stage: 'translate' });
        setWarnings(result.qa);
        moveOn(current.id);
      } catch (error) {
        setProblem(error);
        setPhase('ready');
        if (isProblem(error, 'qa_failed') && error.extra.qa) setBlocked({ taskId: current.id, findings: error.extra.qa });
        if (isProblem(error, 'lease_lost')) setLost((before) => new Set(before).add(current.id));
        focusEditor.current();
      }
    },
    [current, phase, moveOn, user.id],
  );

  const release = useCallback(async () => {
    if (!current) return;
    setProblem(null);
    try {
      await work.release('translate', current.id);
      finished.current.set(current.id, performance.now());
      moveOnWithoutClaim(current.id);
    } catch (error) {
      setProblem(error);
    }
  }, [current]);

  function moveOnWithoutClaim(id: string) {
    const rest = heldNow.current.filter((task) => task.id !== id);
    setHeld((before) => before.filter((task) => task.id !== id));
    setCurrentId(rest[0]?.id ?? null);
  }

  const markLost = useCallback((id: string) => setLost((before) => new Set(before).add(id)), []);

  // The time from "Next" to an editor one can type into, for the bench (a performance measure).
  useLayoutEffect(() => {
    if (current && phase === 'ready' && nextStarted.current !== null) {
      focusEditor.current();
      performance.measure('dragoman:next-to-editor', 'dragoman:next');
      nextStarted.current = null;
    }
  }, [current?.id, phase]);

  return (
    <section class="screen workbench" aria-labelledby="translator-title">
      <div class="toolbar">
        <h1 id="translator-title">{t('translator.title')}</h1>
        <Action kind="primary" shortcut="Alt+N" onAction={next} busy={phase === 'claiming'}>
          {t('translator.next')}
        </Action>
        <label class="inline-field">
          <span>{t('translator.stretch')}</span>
          <select value={String(stretch)} onChange={(event) => setStretch(Number(event.currentTarget.value))}>
            {[1, 3, 5, 10].map((n) => (
              <option key={n} value={String(n)}>
                {t('translator.stretchOption', { n })}
              </option>
            ))}
          </select>
        </label>
        <ShiftSwitch />
      </div>
      <ProblemBox error={problem} />
      {blocked && blocked.taskId === current?.id && (
        <QaOverride
          findings={blocked.findings}
          busy={phase === 'submitting'}
          onOverride={(reason) => {
            // One confirmation per blocking finding, in order (two missing numbers are two findings).
            const confirmed = blocked.findings.filter((f) => f.severity === 'error' && !f.overridden);
            void submit(editor.current?.text() ?? '', confirmed.map((f) => ({ code: f.code, reason })));
          }}
        />
      )}
      <QaWarnings findings={warnings} onDismiss={() => setWarnings([])} />
      <div class="work-grid">
        <div class="work-main">
          {current ? (
            <TranslationBox
              key={current.id}
              task={current}
              lost={lost.has(current.id)}
              submitting={phase === 'submitting'}
              onSubmit={submit}
              onRelease={release}
              onLost={markLost}
              focusRef={focusEditor}
              editor={editor}
            />
          ) : (
            <div class="empty-state" role="status">
              {phase === 'loading' && <p>{t('app.loading')}</p>}
              {phase === 'claiming' && <p>{t('translator.claiming')}</p>}
              {phase === 'empty' && <p>{t('translator.nothingWaiting')}</p>}
              {phase === 'ready' && <p>{t('translator.pressNext')}</p>}
              {user.available && <p class="muted">{t('translator.onShiftHint')}</p>}
            </div>
          )}
        </div>
        <aside class="work-side" aria-label={t('translator.side')}>
          {current && (
            <>
              <Suggestions
                suggestions={current.suggestions}
                complete={current.suggestionsComplete}
                sourceLang={current.sourceLang}
                targetLocale={current.targetLocale}
                onUse={(text) => editor.current?.setText(text)}
              />
              <GlossaryPanel hits={current.glossary} sourceLang={current.sourceLang} targetLocale={current.targetLocale} />
            </>
          )}
          <HeldList tasks={held} currentId={currentId} onOpen={setCurrentId} />
          {current && <SegmentComments key={`${current.segmentId}-${current.targetLocale}`} segmentId={current.segmentId} locale={current.targetLocale} />}
          <Notices notices={notices} held={held} onOpenTask={setCurrentId} canOpenArticles={hasRole(user, 'editor')} />
        </aside>
      </div>
    </section>
  );
}

