import { useState } from 'preact/hooks';
import { published } from '../../api/endpoints';
import type { LocaleLink } from '../../api/types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { formatDateTime, languageName } from '../../lib/format';
import { t } from '../../i18n';

/** The finished versions of an article: a preview here, and the published page itself. */
export function PublishedVersions({ articleId, links }: { articleId: string; links: LocaleLink[] }) {
  const [chosen, setChosen] = useState(links[0]?.locale ?? '');
  const [html, setHtml] = useState<string | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  async function preview() {
    setProblem(null);
    try {
      setHtml(await published.page(articleId, chosen));
    } catch (error) {
      setProblem(error);
    }
  }
  return (
    <section class="card" aria-labelledby="published-title">
      <h2 id="published-title">{t('published.title')}</h2>
      {links.length === 0 && <p class="muted">{t('published.none')}</p>}
      <ul>
        {links.map((link) => (
          <li key={link.locale}>
            {/* Same-origin address: the signed-in person's session opens it wherever the public URL points. */}
            <a href={`/api/v1/published/${articleId}/${encodeURIComponent(link.locale)}`} target="_blank" rel="noopener" hrefLang={link.locale}>
              {t('published.open', { language: languageName(link.locale) })}
            </a>{' '}
            <span class="muted">
              {t('published.revision', { n: link.revision })} · {formatDateTime(link.publishedAt)} · <bdi dir="ltr">{link.href}</bdi>
            </span>
          </li>
        ))}
      </ul>
      {links.length > 0 && (
        <div class="actions">
          <label class="inline-field">
            <span>{t('published.previewLocale')}</span>
            <select value={chosen} onChange={(event) => setChosen(event.currentTarget.value)}>
              {links.map((link) => (
                <option key={link.locale} value={link.locale}>
                  {languageName(link.locale)}
                </option>
              ))}
            </select>
          </label>
          <Action shortcut="Alt+W" onAction={() => void preview()}>
            {t('published.preview')}
          </Action>
        </div>
      )}
      <ProblemBox error={problem} />
      {html !== null && <iframe class="published-preview" title={t('published.previewFrame')} sandbox="" srcDoc={html} />}
    </section>
  );
}
