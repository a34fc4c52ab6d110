import { useEffect, useState } from 'preact/hooks';
import { articles, published } from '../../api/endpoints';
import type { LocaleLink } from '../../api/types';
import type { ArticleSummary } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { useEventStream } from '../../lib/events';
import { formatDateTime, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { hasRole, useSession } from '../../session';

interface Finished {
  articleId: string;
  headline?: string;
  sourceLang?: string;
  links: LocaleLink[];
}

/** Finished language versions with their links, newest first; new ones appear as they are published. */
export function Publisher() {
  const { user } = useSession();
  const [finished, setFinished] = useState<Finished[]>([]);
  const [lookup, setLookup] = useState('');
  const [problem, setProblem] = useState<unknown>(null);
  const [loaded, setLoaded] = useState(!hasRole(user, 'editor'));

  async function linksOf(articleId: string, summary?: ArticleSummary): Promise<Finished> {
    const answer = await published.links(articleId);
    return { articleId, headline: summary?.headline, sourceLang: summary?.sourceLang ?? answer.sourceLang, links: answer.locales.filter((l) => l.locale !== answer.sourceLang) };
  }

  function add(entry: Finished) {
    setFinished((before) => [entry, ...before.filter((f) => f.articleId !== entry.articleId)]);
  }

  useEffect(() => {
    // The desk's list tells which articles have versions; a publisher without it follows the live feed.
    if (!hasRole(user, 'editor')) return;
    articles
      .list({ limit: 25 })
      .then((page) => Promise.all(page.items.filter((item) => Object.values(item.progress).some((p) => p.status === 'published')).map((item) => linksOf(item.id, item))))
      .then(setFinished, setProblem)
      .finally(() => setLoaded(true));
  }, []);

  useEventStream({ types: ['locale.published'] }, (event) => {
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
    </section>
  );
}
