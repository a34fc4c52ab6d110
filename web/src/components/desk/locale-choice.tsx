import { useEffect, useState } from 'preact/hooks';
import { locales as localesApi } from '../../api/endpoints';
import { languageName } from '../../lib/format';
import { t } from '../../i18n';

const usual = ['en', 'ar', 'ru', 'fr', 'es', 'de', 'zh', 'tr'];

/** Target locales: the ones Dragoman knows (served by someone or configured) plus any typed in. */
export function LocaleChoice({ value, exclude, onChange }: { value: string[]; exclude: string; onChange: (locales: string[]) => void }) {
  const [known, setKnown] = useState<string[]>(usual);
  const [other, setOther] = useState('');
  useEffect(() => {
    localesApi.list().then(
      (answer) => setKnown([...new Set([...answer.items.map((item) => item.locale), ...usual])]),
      () => undefined, // the usual list will do
    );
  }, []);
  const offered = [...new Set([...known, ...value])].filter((locale) => locale !== exclude);
  const toggle = (locale: string, on: boolean) => onChange(on ? [...value, locale] : value.filter((l) => l !== locale));
  return (
    <fieldset>
      <legend>{t('newArticle.targets')}</legend>
      <div class="checks">
        {offered.map((locale) => (
          <label key={locale} class="checkbox">
            <input type="checkbox" checked={value.includes(locale)} onChange={(event) => toggle(locale, event.currentTarget.checked)} />
            <span>
              {languageName(locale)} <span class="muted">({locale})</span>
            </span>
          </label>
        ))}
      </div>
      <label class="inline-field">
        <span>{t('newArticle.otherLocale')}</span>
        <input
          value={other}
          size={8}
          dir="ltr"
          onInput={(event) => setOther(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            const locale = other.trim();
            if (locale && !value.includes(locale)) onChange([...value, locale]);
            setOther('');
          }}
        />
      </label>
    </fieldset>
  );
}
