import { useId, useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * A file field in the interface language. The browser's own file input draws its button and "no file"
 * text in the browser's language, not the page's (English inside the Arabic interface with Debian's
 * Chromium); here the native input stays, visually hidden but focusable and named by the field's label,
 * and what shows is ours.
 */
export function FilePicker({ label, accept, onFile }: { label: string; accept: string; onFile: (file: File) => void }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const id = useId();
  return (
    <label class="field file-picker">
      <span id={`${id}-label`}>{label}</span>
      <span class="file-picker-row">
        <input
          type="file"
          class="visually-hidden"
          accept={accept}
          // Named by the field's label alone; which file was chosen is its description.
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-chosen`}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            if (!file) return;
            setChosen(file.name);
            onFile(file);
          }}
        />
        <span class="action secondary" aria-hidden="true">
          {t('app.chooseFile')}
        </span>
        <span id={`${id}-chosen`} class="muted" dir="auto">
          {chosen ?? t('app.noFileChosen')}
        </span>
      </span>
    </label>
  );
}
