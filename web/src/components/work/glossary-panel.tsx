import type { TermHit } from '../../api/types';
import { t, textAttrs } from '../../i18n';

/** The glossary terms found in the source, each once, with the translation to use and what to avoid. */
export function GlossaryPanel({ hits, sourceLang, targetLocale }: { hits: TermHit[]; sourceLang: string; targetLocale: string }) {
  const terms = [...new Map(hits.map((hit) => [hit.id, hit])).values()];
  return (
    <section class="panel" aria-labelledby="glossary-title">
      <h2 id="glossary-title" class="panel-title">
        {t('glossary.title')}
      </h2>
      {terms.length === 0 && <p class="muted">{t('glossary.none')}</p>}
      <dl class="terms">
        {terms.map((hit) => (
          <div key={hit.id} class={hit.forbidden.length > 0 ? 'term-row has-forbidden' : 'term-row'}>
            <dt {...textAttrs(sourceLang)}>{hit.term}</dt>
            <dd {...textAttrs(targetLocale)}>{hit.translation}</dd>
            {hit.forbidden.length > 0 && (
              <dd class="forbidden-list">
                <span>{t('glossary.forbidden')}</span>{' '}
                <span {...textAttrs(targetLocale)}>{hit.forbidden.join(', ')}</span>
              </dd>
            )}
            {hit.notes && <dd class="muted">{hit.notes}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}
