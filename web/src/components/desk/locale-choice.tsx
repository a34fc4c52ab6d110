import { useState } from 'preact/hooks';
import { languageName } from '../../lib/format';
import { useServerLanguages } from '../../lib/languages';
import { t } from '../../i18n';

/** Target locales: the languages this installation works in (from the server), plus any typed in. */
export function LocaleChoice({ value, exclude, onChange }: { value: string[]; exclude: string; onChange: (locales: string[]) => void }) {
  const known = useServerLanguages();
  const [other, setOther] = useState('');
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
              <bdi>{languageName(locale)}</bdi>{' '}
              <span class="muted" dir="ltr">
                ({locale})
              </span>
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
          list="server-languages"
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
      <LanguageList id="server-languages" />
    </fieldset>
  );
}

/** A <datalist> of the server's languages, named in the interface language, for code fields. */
export function LanguageList({ id }: { id: string }) {
  const known = useServerLanguages();
  return (
    <datalist id={id}>
      {known.map((code) => (
        <option key={code} value={code}>
          {languageName(code)}
        </option>
      ))}
    </datalist>
  );
}
