import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { articles } from '../../api/endpoints';
import type { ArticleListQuery, ArticleSummary, LocaleProgress } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { LocaleProgressList } from '../../components/desk/locale-progress';
import { ProblemBox } from '../../components/problem';
import { streamOpenType, useEventStream } from '../../lib/events';
import { formatDateTime, formatList, formatRelative, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';

const priorities = ['breaking', 'high', 'normal', 'low'];

/** The desk's articles, newest first, with progress that moves as translators submit. */
export function ArticleList() {
  const [filters, setFilters] = useState<ArticleListQuery>({});
  const [items, setItems] = useState<ArticleSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  // Only the latest load may change the list: an earlier search answering late would show rows that do not
  // match the search box.
  const generation = useRef(0);

  const load = useCallback(
    async (after?: string) => {
      const mine = ++generation.current;
      setBusy(true);
      setProblem(null);
      try {
        const page = await articles.list({ ...filters, cursor: after, limit: 25 });
        if (mine !== generation.current) return;
        setItems((before) => (after ? [...before, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (error) {
        if (mine === generation.current) setProblem(error);
      } finally {
        if (mine === generation.current) setBusy(false);
      }
    },
    [filters],
  );

  useEffect(() => {
    // Typing in the search box waits for a pause before asking the server.
    const timer = setTimeout(() => void load(), 250);
    return () => clearTimeout(timer);
  }, [load]);

  useEventStream({ types: ['article.progress', 'locale.published', 'article.completed', streamOpenType], articles: items.map((item) => item.id) }, (event) => {
    // A fresh stream starts from now: a version finished between the list's load and that moment is read again.
    if (event.type === streamOpenType) return void load();
    const data = (event.data ?? {}) as { articleId?: string; progress?: Record<string, LocaleProgress> };
    if (!data.articleId) return;
    setItems((before) =>
      before.map((item) =>
        item.id !== data.articleId
          ? item
          : {
              ...item,
              progress: data.progress ? { ...item.progress, ...data.progress } : item.progress,
              status: event.type === 'article.completed' ? 'complete' : item.status,
            },
      ),
    );
  }, items.length > 0);

  const set = (key: 'q' | 'status' | 'locale' | 'priority', value: string) => setFilters((before) => ({ ...before, [key]: value || undefined }) as ArticleListQuery);

  return (
    <section class="screen" aria-labelledby="articles-title">
      <div class="toolbar">
        <h1 id="articles-title">{t('articles.title')}</h1>
        <a class="action primary" href="/app/articles/new">
          {t('nav.newArticle')}
        </a>
      </div>
      <form class="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label class="field">
          <span>{t('articles.search')}</span>
          <input ref={search} type="search" value={filters.q ?? ''} onInput={(event) => set('q', event.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('articles.status')}</span>
          <select value={filters.status ?? ''} onChange={(event) => set('status', event.currentTarget.value)}>
            <option value="">{t('articles.any')}</option>
            <option value="translating">{t('articles.statusTranslating')}</option>
            <option value="complete">{t('articles.statusComplete')}</option>
            <option value="withdrawn">{t('articles.statusWithdrawn')}</option>
          </select>
        </label>
        <label class="field">
          <span>{t('articles.locale')}</span>
          <input value={filters.locale ?? ''} size={6} dir="ltr" onInput={(event) => set('locale', event.currentTarget.value.trim())} />
        </label>
        <label class="field">
          <span>{t('task.priority')}</span>
          <select value={filters.priority ?? ''} onChange={(event) => set('priority', event.currentTarget.value)}>
            <option value="">{t('articles.any')}</option>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <Action shortcut="Alt+F" onAction={() => search.current?.focus()}>
          {t('articles.focusSearch')}
        </Action>
      </form>
      <ProblemBox error={problem} />
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('articles.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('articles.headline')}</th>
              <th scope="col">{t('task.priority')}</th>
              <th scope="col">{t('task.deadline')}</th>
              <th scope="col">{t('articles.created')}</th>
              <th scope="col">{t('articles.progress')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.id}>
                <td>
                  <a href={`/app/articles/${item.id}`} {...textAttrs(item.sourceLang)}>
                    {item.headline}
                  </a>
                  <div class="muted">
                    {t('task.pairValueMany', { source: languageName(item.sourceLang), targets: formatList(item.targetLocales.map(languageName)) })}
                    {item.status === 'complete' && <span class="badge on">{t('articles.statusComplete')}</span>}
                    {item.status === 'withdrawn' && <span class="badge withdrawn">{t('articles.statusWithdrawn')}</span>}
                  </div>
                </td>
                <td class={`priority ${item.priority}`}>{t(`priority.${item.priority}`)}</td>
                <td>{item.deadline ? <time dateTime={item.deadline} title={formatDateTime(item.deadline)}>{formatRelative(item.deadline)}</time> : '—'}</td>
                <td>
                  <time dateTime={item.createdAt}>{formatDateTime(item.createdAt)}</time>
                  {item.createdBy && <div class="muted"><bdi>{item.createdBy.name}</bdi></div>}
                </td>
                <td>
                  <LocaleProgressList progress={item.progress} locales={item.targetLocales} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!busy && items.length === 0 && <p class="muted">{t('articles.none')}</p>}
      <div class="actions">
        {cursor && (
          <Action shortcut="Alt+L" onAction={() => void load(cursor)} busy={busy}>
            {t('articles.more')}
          </Action>
        )}
      </div>
    </section>
  );
}
