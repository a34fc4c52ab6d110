import { useEffect, useRef, useState } from 'preact/hooks';
import { qaCatalogue, qaCodes } from '../../../../src/domain/qa/codes';
import { locales } from '../../api/endpoints';
import type { LocaleSettings } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { languageName } from '../../lib/format';
import { t } from '../../i18n';

/** Per target locale: whether it is reviewed, and which quality checks are off. */
export function LocalesAdmin() {
  const [items, setItems] = useState<LocaleSettings[]>([]);
  const [chosen, setChosen] = useState<LocaleSettings | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const load = () =>
    locales.list().then((answer) => {
      setItems(answer.items);
      return answer.items;
    }, setProblem);
  useEffect(() => void load(), []);
  return (
    <div class="admin-section">
      <ProblemBox error={problem} />
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('locales.locale')}</th>
              <th scope="col">{t('locales.review')}</th>
              <th scope="col">{t('locales.disabled')}</th>
              <th scope="col">{t('locales.people')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.locale}>
                <td>
                  <button type="button" class="link" onClick={() => setChosen(item)}>
                    {languageName(item.locale)} ({item.locale})
                  </button>
                </td>
                <td>{item.reviewByDefault ? t('locales.yes') : t('locales.no')}</td>
                <td>{item.disabledChecks.length}</td>
                <td>{t('locales.peopleCount', { translators: item.translators ?? 0, reviewers: item.reviewers ?? 0 })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {chosen && <LocaleForm key={chosen.locale} settings={chosen} onSaved={() => void load()} />}
    </div>
  );
}

function LocaleForm({ settings, onSaved }: { settings: LocaleSettings; onSaved: () => void }) {
  const [form, setForm] = useState({ reviewByDefault: settings.reviewByDefault, reviewMemoryMatches: settings.reviewMemoryMatches, disabledChecks: settings.disabledChecks });
  const [problem, setProblem] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  // Opened from the list: the cursor goes to the form's first choice.
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const toggle = (code: string, off: boolean) =>
    setForm({ ...form, disabledChecks: off ? [...form.disabledChecks, code] : form.disabledChecks.filter((c) => c !== code) });
  async function save() {
    setProblem(null);
    setSaved(false);
    try {
      await locales.put(settings.locale, form);
      setSaved(true);
      onSaved();
    } catch (error) {
      setProblem(error);
    }
  }
  return (
    <section class="card" aria-labelledby="locale-form-title">
      <h2 id="locale-form-title">{t('locales.settingsOf', { language: languageName(settings.locale) })}</h2>
      <label class="checkbox">
        <input ref={first} type="checkbox" checked={form.reviewByDefault} onChange={(event) => setForm({ ...form, reviewByDefault: event.currentTarget.checked })} />
        {t('locales.reviewByDefault')}
      </label>
      <label class="checkbox">
        <input type="checkbox" checked={form.reviewMemoryMatches} onChange={(event) => setForm({ ...form, reviewMemoryMatches: event.currentTarget.checked })} />
        {t('locales.reviewMemoryMatches')}
      </label>
      <fieldset>
        <legend>{t('locales.checksOff')}</legend>
        <div class="checks">
          {qaCodes.map((code) => (
            <label key={code} class="checkbox">
              <input type="checkbox" checked={form.disabledChecks.includes(code)} onChange={(event) => toggle(code, event.currentTarget.checked)} />
              {t(`qaCheck.${code}`)} <span class="muted">({t(`severity.${qaCatalogue[code].severity}`)})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <ProblemBox error={problem} />
      {saved && <p role="status">{t('users.saved')}</p>}
      <Action kind="primary" shortcut="Alt+S" onAction={() => void save()}>
        {t('users.save')}
      </Action>
    </section>
  );
}
