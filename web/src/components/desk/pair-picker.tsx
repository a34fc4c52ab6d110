import { t } from '../../i18n';
import { LanguageList } from './locale-choice';

export interface Pair {
  source: string;
  target: string;
}

/** A language pair typed as two codes (ru → en). */
export function PairPicker({ value, onChange }: { value: Pair; onChange: (pair: Pair) => void }) {
  return (
    <>
      <label class="field">
        <span>{t('pair.source')}</span>
        <input value={value.source} size={6} dir="ltr" list="pair-languages" onInput={(event) => onChange({ ...value, source: event.currentTarget.value.trim() })} />
      </label>
      <label class="field">
        <span>{t('pair.target')}</span>
        <input value={value.target} size={6} dir="ltr" list="pair-languages" onInput={(event) => onChange({ ...value, target: event.currentTarget.value.trim() })} />
      </label>
      <LanguageList id="pair-languages" />
    </>
  );
}

/** "ru>en, ru>ar" ⇄ pairs, for the users form ("-" would be ambiguous with "pt-BR"). */
export function parsePairs(text: string): Pair[] {
  return text
    .split(/[,;\s]+/)
    .filter(Boolean)
    .map((item) => {
      const [source = '', target = ''] = item.split(/>|→/);
      return { source: source.trim(), target: target.trim() };
    });
}

export function formatPairs(pairs: Pair[]): string {
  return pairs.map((pair) => `${pair.source}>${pair.target}`).join(', ');
}
