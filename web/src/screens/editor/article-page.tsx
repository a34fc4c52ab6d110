import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { articles, published } from '../../api/endpoints';
import type { ArticleView, LocaleLink } from '../../api/types';
import type { Grid, LocaleProgress } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { LocaleProgressList } from '../../components/desk/locale-progress';
import { ProblemBox } from '../../components/problem';
import { streamOpenType, useEventStream } from '../../lib/events';
import { formatDateTime, formatList, formatRelative, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { ArticleGrid, gridRows } from './article-grid';
import { ArticleSettings } from './article-settings';
import { CellDetail } from './cell-detail';
import { PublishedVersions } from './published-versions';
import { ReviseForm } from './revise-form';
import { WithdrawForm } from './withdraw-form';

/** Grid reads run the QA checks of every cell: while translators work, at most this often. */
const gridEveryMs = 3_000;

/** One article on the desk: progress, every segment in every locale, and what can be done about them. */
export function ArticlePage({ id }: { id: string; lng?: string }) {
  const [view, setView] = useState<ArticleView | null>(null);
  const [grid, setGrid] = useState<Grid | null>(null);
  const [links, setLinks] = useState<LocaleLink[]>([]);
  const [problem, setProblem] = useState<unknown>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [revising, setRevising] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  // A cancelled withdrawal gives the cursor back to the button that opened it, not to the page.
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const withdrawCancelled = useRef(false);
  useEffect(() => {
    if (withdrawing || !withdrawCancelled.current) return;
    withdrawCancelled.current = false;
    withdrawButton.current?.focus();
  }, [withdrawing]);
  const gridTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const lastGrid = useRef(0);

  const loadView = () => articles.get(id).then(setView, setProblem);
  const loadGrid = () => {
    lastGrid.current = Date.now();
    return articles.grid(id).then(setGrid, setProblem);
  };
  const loadLinks = () => published.links(id).then((answer) => setLinks(answer.locales.filter((link) => link.locale !== answer.sourceLang)), setProblem);
  const loadAll = () => Promise.all([loadView(), loadGrid(), loadLinks()]);

  useEffect(() => {
    void loadAll();
    return () => {
      if (gridTimer.current) clearTimeout(gridTimer.current);
    };
  }, [id]);

  function gridSoon() {
    if (gridTimer.current) return;
    const wait = Math.max(0, lastGrid.current + gridEveryMs - Date.now());
    gridTimer.current = setTimeout(() => {
      gridTimer.current = null;
      void loadGrid();
    }, wait);
  }

  useEventStream({ articleId: id, articles: [id] }, (event) => {
    const data = (event.data ?? {}) as { articleId?: string; progress?: Record<string, LocaleProgress> };
    if (data.articleId && data.articleId !== id) return;
    if (event.type === 'article.progress' && data.progress) {
      setView((before) => (before ? { ...before, progress: { ...before.progress, ...data.progress } } : before));
      gridSoon();
    } else if (event.type === 'locale.published' || event.type === 'article.completed') {
      void loadLinks();
      void loadView();
      gridSoon();
    } else if (event.type === 'article.revised' || event.type === 'article.withdrawn' || event.type === streamOpenType) {
      void loadAll();
    } else if (event.type === 'comment.created') {
      gridSoon();
    }
  });

  const rows = useMemo(() => gridRows(grid?.tasks ?? []), [grid]);
  const selectedTask = grid?.tasks.find((task) => task.id === selected) ?? null;

  if (!view) return <section class="screen">{problem ? <ProblemBox error={problem} /> : <p role="status">{t('app.loading')}</p>}</section>;
  return (
    <section class="screen" aria-labelledby="article-title">
      <h1 id="article-title" {...textAttrs(view.sourceLang)}>
        {view.headline}
      </h1>
      <dl class="facts">
        <div>
          <dt>{t('task.pair')}</dt>
          <dd>
            {t('task.pairValueMany', { source: languageName(view.sourceLang), targets: formatList(view.targetLocales.map(languageName)) })}
          </dd>
        </div>
        <div>
          <dt>{t('article.revision')}</dt>
          <dd>{view.revision}</dd>
        </div>
        <div>
          <dt>{t('articles.status')}</dt>
          <dd>{view.withdrawal ? t('articles.statusWithdrawn') : view.status === 'complete' ? t('articles.statusComplete') : t('articles.statusTranslating')}</dd>
        </div>
        <div>
          <dt>{t('articles.created')}</dt>
          <dd>{formatDateTime(view.createdAt)}</dd>
        </div>
      </dl>
      <ProblemBox error={problem} />
      {view.withdrawal && (
        <div class="banner danger" role="note">
          <strong>
            <time dateTime={view.withdrawal.at} title={formatDateTime(view.withdrawal.at)}>
              {t('article.withdrawnTitle', { when: formatRelative(view.withdrawal.at) })}
            </time>
          </strong>
          {view.withdrawal.reason && (
            <p>
              {t('article.withdrawnReason', { reason: '' })}
              <bdi>{view.withdrawal.reason}</bdi>
            </p>
          )}
        </div>
      )}
      <section class="card" aria-labelledby="progress-title">
        <h2 id="progress-title">{t('articles.progress')}</h2>
        <LocaleProgressList progress={view.progress as Record<string, LocaleProgress>} locales={view.targetLocales} />
        <ArticleSettings key={`${view.priority}${view.deadline}`} id={id} priority={view.priority} deadline={view.deadline} onChanged={() => void loadAll()} />
      </section>
      <PublishedVersions key={links.map((link) => `${link.locale}${link.revision}`).join()} articleId={id} links={links} />
      <div class="actions">
        <Action shortcut="Alt+E" onAction={() => setRevising(!revising)} disabled={!!view.withdrawal}>
          {revising ? t('article.cancelRevise') : t('article.revise')}
        </Action>
        {!view.withdrawal && !withdrawing && (
          <Action kind="danger" shortcut="Alt+Shift+X" buttonRef={withdrawButton} onAction={() => setWithdrawing(true)}>
            {t('article.withdraw')}
          </Action>
        )}
      </div>
      {withdrawing && !view.withdrawal && (
        <WithdrawForm
          id={id}
          onCancel={() => {
            withdrawCancelled.current = true;
            setWithdrawing(false);
          }}
          onDone={() => {
            setWithdrawing(false);
            void loadAll();
          }}
        />
      )}
      {revising && (
        <ReviseForm
          view={view}
          onDone={() => {
            setRevising(false);
            void loadAll();
          }}
        />
      )}
      <h2>{t('grid.title')}</h2>
      <ArticleGrid rows={rows} locales={view.targetLocales} sourceLang={view.sourceLang} selected={selected} onSelect={setSelected} />
      {selectedTask && <CellDetail key={selectedTask.id} articleId={view.id} task={selectedTask} sourceLang={view.sourceLang} onChanged={() => void loadGrid()} />}
    </section>
  );
}
