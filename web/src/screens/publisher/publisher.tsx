import { useEffect, useState } from 'preact/hooks';
import { published } from '../../api/endpoints';
import type { LocaleLink, PublishedArticle } from '../../api/types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { streamOpenType, useEventStream } from '../../lib/events';
import { formatDateTime, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { hasRole, useSession } from '../../session';

interface Finished {
  articleId: string;
  headline?: string;
  sourceLang?: string;
  links: LocaleLink[];
}

/** The translations' links: the screen lists finished language versions, which the source is not. */
function finishedOf(article: Pick<PublishedArticle, 'articleId' | 'sourceLang' | 'locales'> & { headline?: string }): Finished {
  return { articleId: article.articleId, headline: article.headline, sourceLang: article.sourceLang, links: article.locales.filter((l) => l.locale !== article.sourceLang) };
}

/** Finished language versions with their links, newest first; new ones appear as they are published. */
export function Publisher() {
  const { user } = useSession();
  const [finished, setFinished] = useState<Finished[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [lookup, setLookup] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(false);

  async function linksOf(articleId: string): Promise<Finished> {
    return finishedOf(await published.links(articleId));
  }

  function add(entry: Finished) {
    setFinished((before) => {
      // A live event carries no headline: keep the one the list gave, if the article was on it.
      const known = before.find((f) => f.articleId === entry.articleId);
      return [{ ...entry, headline: entry.headline ?? known?.headline }, ...before.filter((f) => f.articleId !== entry.articleId)];
    });
  }

  async function load(after?: string) {
    setBusy(true);
    setProblem(null);
    try {
      const page = await published.list({ cursor: after, limit: 25 });
      const entries = page.items.map(finishedOf).filter((entry) => entry.links.length > 0);
      // An article published live while the page loaded is already on top; the list does not repeat it.
      setFinished((before) => [...before, ...entries.filter((entry) => !before.some((f) => f.articleId === entry.articleId))]);
      setCursor(page.nextCursor);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
      setLoaded(true);
    }
  }

  /**
   * The newest page again, when the stream starts "from now": a version published before that is either a
   * new article (it goes on top) or a new language of one already listed (its links change in place).
   */
  async function refresh() {
    try {
      const page = await published.list({ limit: 25 });
      const fresh = page.items.map(finishedOf).filter((entry) => entry.links.length > 0);
      setFinished((before) => [...fresh, ...before.filter((f) => !fresh.some((entry) => entry.articleId === f.articleId))]);
    } catch (error) {
      setProblem(error);
    }
  }

  useEffect(() => {
    void load();
  }, []);

  useEventStream({ types: ['locale.published', streamOpenType] }, (event) => {
    if (event.type === streamOpenType) return void refresh();
    const articleId = (event.data as { articleId?: string }).articleId;
    if (articleId) void linksOf(articleId).then(add, setProblem);
  });

  async function find() {
    setProblem(null);
    try {
      add(await linksOf(lookup.trim()));
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <section class="screen" aria-labelledby="publisher-title">
      <h1 id="publisher-title">{t('published.screenTitle')}</h1>
      <form class="filters" onSubmit={(event) => { event.preventDefault(); void find(); }}>
        <label class="field">
          <span>{t('published.articleId')}</span>
          <input value={lookup} size={38} dir="ltr" onInput={(event) => setLookup(event.currentTarget.value)} />
        </label>
        <Action shortcut="Alt+F" onAction={() => void find()} disabled={lookup.trim() === ''}>
          {t('published.find')}
        </Action>
      </form>
      <ProblemBox error={problem} />
      {finished.length === 0 && loaded && (
        <div class="empty-state" role="status">
          <h2>{t('published.emptyTitle')}</h2>
          <p>{t('published.emptyHow')}</p>
          <p>{t('published.emptyFind')}</p>
          {hasRole(user, 'editor') && (
            <p>
              <a href="/app/articles">{t('published.emptyDesk')}</a>
            </p>
          )}
        </div>
      )}
      <ul class="finished">
        {finished.map((entry) => (
          <li key={entry.articleId} class="card">
            <strong {...(entry.sourceLang ? textAttrs(entry.sourceLang) : {})}>{entry.headline ?? entry.articleId}</strong>
            <ul>
              {entry.links.map((link) => (
                <li key={link.locale}>
                  <a href={link.href} target="_blank" rel="noopener" hrefLang={link.locale}>
                    {t('published.open', { language: languageName(link.locale) })}
                  </a>{' '}
                  <span class="muted">
                    {t('published.revision', { n: link.revision })} · <bdi>{formatDateTime(link.publishedAt)}</bdi> · <bdi dir="ltr">{link.href}</bdi>
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <div class="actions">
        {cursor && (
          <Action shortcut="Alt+L" onAction={() => void load(cursor)} busy={busy}>
            {t('published.more')}
          </Action>
        )}
      </div>
    </section>
  );
}
