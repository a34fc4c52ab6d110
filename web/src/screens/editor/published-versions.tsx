import { useState } from 'preact/hooks';
import { apiBase } from '../../api/client';
import type { LocaleLink } from '../../api/types';
import { Action } from '../../components/action';
import { formatDateTime, languageName } from '../../lib/format';
import { t } from '../../i18n';

/**
 * The finished versions of an article: each one's public page, and a preview of one here. The preview is the
 * publishing API's HTML view loaded by address, not written into the frame: a `srcdoc` document would inherit
 * the workbench's policy, which refuses the page's inline stylesheet. Loaded by address, it keeps its own
 * policy (its stylesheet by hash, framed by this origin only), and the sandbox lets no script run in it while
 * its links still open in a new tab.
 */
export function PublishedVersions({ articleId, links }: { articleId: string; links: LocaleLink[] }) {
  const [chosen, setChosen] = useState(links[0]?.locale ?? '');
  const [shown, setShown] = useState<{ locale: string; revision: number } | null>(null);
  function preview() {
    const link = links.find((candidate) => candidate.locale === chosen);
    if (link) setShown({ locale: link.locale, revision: link.revision });
  }
  return (
    <section class="card" aria-labelledby="published-title">
      <h2 id="published-title">{t('published.title')}</h2>
      {links.length === 0 && <p class="muted">{t('published.none')}</p>}
      <ul>
        {links.map((link) => (
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
          <Action shortcut="Alt+W" onAction={preview}>
            {t('published.preview')}
          </Action>
        </div>
      )}
      {shown !== null && (
        <iframe
          // A new revision is a new address, so the frame reloads when the version it shows changes.
          key={`${shown.locale}/${shown.revision}`}
          class="published-preview"
          title={t('published.previewFrame')}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          src={`${apiBase}/published/${encodeURIComponent(articleId)}/${encodeURIComponent(shown.locale)}?revision=${shown.revision}`}
        />
      )}
    </section>
  );
}
