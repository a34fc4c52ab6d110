import type { TermHit } from '../../api/types';
import { t } from '../../i18n';
import { chipLabel, splitPlaceholders } from './placeholders';

/**
 * Source text for reading: placeholders as chips, glossary terms marked with their translation (and a
 * warning mark on terms whose usual translations are forbidden).
 */
export function MarkedText({ text, hits = [] }: { text: string; hits?: TermHit[] }) {
  const out: preact.ComponentChildren[] = [];
  let from = 0;
  let key = 0;
  for (const hit of hits) {
    if (hit.span.start < from) continue; // overlapping hits: the first (longest) one wins
    if (hit.span.start > from) out.push(<Plain key={key++} text={text.slice(from, hit.span.start)} />);
    const forbidden = hit.forbidden.length > 0;
    out.push(
      <mark key={key++} class={forbidden ? 'term forbidden' : 'term'} title={`${hit.term} → ${hit.translation}`}>
        <Plain text={text.slice(hit.span.start, hit.span.end)} />
        <span class="visually-hidden"> ({t('glossary.translatesAs', { translation: hit.translation })})</span>
      </mark>,
    );
    from = hit.span.end;
  }
  if (from < text.length) out.push(<Plain key={key++} text={text.slice(from)} />);
  return <>{out}</>;
}

function Plain({ text }: { text: string }) {
  return (
    <>
      {splitPlaceholders(text).map((piece, i) =>
        piece.kind === 'text' ? (
          piece.text
        ) : (
          <span key={i} class="chip" title={t('editor.placeholder', { token: piece.token })}>
            {chipLabel(piece)}
          </span>
        ),
      )}
    </>
  );
}
