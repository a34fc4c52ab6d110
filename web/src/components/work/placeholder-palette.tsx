import { t } from '../../i18n';
import { Action } from '../action';
import { chipLabel, splitPlaceholders } from '../text/placeholders';

/** The source's inline-markup placeholders, each inserted at the caret with Alt+1..9. */
export function PlaceholderPalette({ tokens, onInsert }: { tokens: string[]; onInsert: (token: string) => void }) {
  if (tokens.length === 0) return null;
  return (
    <div class="palette" role="group" aria-label={t('editor.placeholders')}>
      {tokens.slice(0, 9).map((token, i) => {
        const piece = splitPlaceholders(token)[0];
        return (
          <Action key={token} shortcut={`Alt+${i + 1}`} onAction={() => onInsert(token)} title={t('editor.placeholder', { token })}>
            <span class="chip">{piece && piece.kind === 'token' ? chipLabel(piece) : token}</span>
            <span class="visually-hidden">{t('editor.insertPlaceholder', { token })}</span>
          </Action>
        );
      })}
    </div>
  );
}
