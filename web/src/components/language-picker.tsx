import { chooseLanguage, currentLanguage, interfaceLanguages, type InterfaceLanguage } from '../i18n';
import { t } from '../i18n';

/** The interface language; each option is written in its own language so anyone can find theirs. */
export function LanguagePicker({ onChosen }: { onChosen?: (lng: InterfaceLanguage) => void }) {
  return (
    <label class="language-picker">
      <span>{t('app.language')}</span>
      <select
        value={currentLanguage()}
        onChange={(event) => {
          const lng = event.currentTarget.value as InterfaceLanguage;
          void chooseLanguage(lng);
          onChosen?.(lng);
        }}
      >
        {interfaceLanguages.map((lng) => (
          <option key={lng} value={lng} lang={lng}>
            {new Intl.DisplayNames([lng], { type: 'language' }).of(lng)}
          </option>
        ))}
      </select>
    </label>
  );
}
