import escapeHtml from 'escape-html';
import type { TFunction } from 'i18next';
import type { PublishedVersion } from '../../services/published.js';

const blockTags: Record<string, string> = {
  paragraph: 'p',
  subheading: 'h2',
  quote: 'blockquote',
  caption: 'p class="caption"',
  credit: 'p class="credit"',
  related: 'p class="related"',
};

/** Language names in their own language, as a switcher shows them ("En Ar" on the sample page). */
function switcherLabel(locale: string): string {
  return locale.split('-')[0]!.replace(/^./, (c) => c.toUpperCase());
}

function nativeName(locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** A complete, self-contained page; every piece of article text is escaped. */
export function renderPublishedPage(version: PublishedVersion, t: TFunction): string {
  const e = escapeHtml;
  const lang = e(version.locale);
  const switcher = version.alternates
    .map(
      (alt) =>
        `<a href="${e(alt.href)}" hreflang="${e(alt.locale)}" lang="${e(alt.locale)}" title="${e(nativeName(alt.locale))}">${e(switcherLabel(alt.locale))}</a>`,
    )
    .join(' ');
  const alternateLinks = version.alternates
    .map((alt) => `<link rel="alternate" hreflang="${e(alt.locale)}" href="${e(alt.href)}">`)
    .join('\n    ');
  const body = version.blocks
    .map((block) => {
      const open = blockTags[block.type] ?? 'p';
      const close = open.split(' ')[0];
      // `html` was built by renderMarkup: escaped text plus allow-listed inline tags only.
      return `<${open}>${block.html ?? e(block.text)}</${close}>`;
    })
    .join('\n      ');
  return `<!doctype html>
<html lang="${lang}" dir="${version.dir}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${e(version.headline)}</title>${version.machineTranslation?.robots ? `\n    <meta name="robots" content="${e(version.machineTranslation.robots)}">` : ''}
    ${alternateLinks}
    <style>body{font-family:system-ui,sans-serif;max-width:42rem;margin:1rem auto;padding:0 1rem;line-height:1.5}
    header nav a{margin-inline-end:.5rem}.caption,.credit{font-size:.9em;color:#555}time{color:#555}
    .machine-note{border-inline-start:4px solid #b35c00;padding-inline-start:.5rem;color:#5c3000}</style>
  </head>
  <body>
    <header>
      <nav aria-label="${e(t('pages:otherVersions'))}">${switcher}</nav>
    </header>
    <main>
      <article>
      <h1>${e(version.headline)}</h1>
      ${version.machineTranslation ? `<p class="machine-note" role="note">${e(t('pages:machineNote', { lng: version.locale }))}</p>` : ''}
      ${version.dateline ? `<p><time>${e(version.dateline)}</time></p>` : ''}
      ${body}
      </article>
    </main>
  </body>
</html>
`;
}
