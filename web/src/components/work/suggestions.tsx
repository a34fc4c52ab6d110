import type { DiffPart, Suggestion } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { Action } from '../action';
import { MarkedText } from '../text/marked-text';

/** Translation memory matches and machine drafts, best first; the first three go into the editor with Ctrl+1..3. */
export function Suggestions({
  suggestions,
  complete,
  sourceLang,
  targetLocale,
  onUse,
}: {
  suggestions: Suggestion[];
  complete: boolean;
  sourceLang: string;
  targetLocale: string;
  onUse: (text: string) => void;
}) {
  return (
    <section class="panel" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title" class="panel-title">
        {t('suggestions.title')}
      </h2>
      {suggestions.length === 0 && <p class="muted">{complete ? t('suggestions.none') : t('suggestions.pending')}</p>}
      <ol class="suggestions">
        {suggestions.slice(0, 5).map((suggestion, i) => (
          <li key={suggestion.kind === 'machine' ? `mt-${suggestion.provider}` : suggestion.memoryId} class="suggestion">
            {suggestion.kind === 'machine' ? (
              <div class="suggestion-meta">
                <span class="score">{t('suggestions.kind.machine', { provider: suggestion.provider })}</span>
                {suggestion.blocking && <span class="finding error">{t('suggestions.machineBlocked')}</span>}
              </div>
            ) : (
              <>
                <div class="suggestion-meta">
                  <span class={`score score-${suggestion.score === 100 ? 'exact' : 'fuzzy'}`}>{t('suggestions.score', { score: suggestion.score })}</span>
                  <span>{t(`suggestions.kind.${suggestion.kind}`)}</span>
                  <span class="muted">{formatDateTime(suggestion.origin.updatedAt)}</span>
                </div>
                <p class="suggestion-source" {...textAttrs(sourceLang)}>
                  <Diff parts={suggestion.diff} fallback={suggestion.source} />
                </p>
              </>
            )}
            <p class="suggestion-target" {...textAttrs(targetLocale)}>
              <MarkedText text={suggestion.target} />
            </p>
            {i < 3 && (
              <Action shortcut={`Ctrl+${i + 1}`} onAction={() => onUse(suggestion.target)}>
                {t('suggestions.use')}
              </Action>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The memory's source against this one, word by word: what was removed and what is new. */
function Diff({ parts, fallback }: { parts: DiffPart[]; fallback: string }) {
  if (!parts || parts.length === 0) return <>{fallback}</>;
  return (
    <>
      {parts.map((part, i) => {
        if (part.op === 'equal') return <span key={i}>{part.text}</span>;
        if (part.op === 'delete')
          return (
            <del key={i} title={t('suggestions.onlyInMemory')}>
              {part.text}
            </del>
          );
        return (
          <ins key={i} title={t('suggestions.onlyInSource')}>
            {part.text}
          </ins>
        );
      })}
    </>
  );
}
