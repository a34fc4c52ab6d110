import { useEffect, useState } from 'preact/hooks';
import { glossary } from '../../api/endpoints';
import type { GlossaryTerm } from '../../api/types';
import { Action } from '../../components/action';
import { PairPicker, type Pair } from '../../components/desk/pair-picker';
import { FilePicker } from '../../components/file-picker';
import { ProblemBox } from '../../components/problem';
import { useStoredState } from '../../lib/stored-state';
import { t, textAttrs } from '../../i18n';

/** Glossary of one language pair: search, add and remove terms, import a CSV or TBX file. */
export function GlossaryAdmin() {
  const [pair, setPair] = useStoredState<Pair>('admin-pair', { source: 'ru', target: 'en' });
  const [q, setQ] = useState('');
  const [terms, setTerms] = useState<GlossaryTerm[]>([]);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [form, setForm] = useState({ term: '', translation: '', forbidden: '', notes: '' });
  const [imported, setImported] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);

  const load = () =>
    glossary.list(pair.source, pair.target, q || undefined).then((answer) => {
      setTerms(answer.terms);
      setTotal(answer.total);
      setProblem(null);
    }, setProblem);
  useEffect(() => {
    if (!pair.source || !pair.target) return;
    const timer = setTimeout(() => void load(), 250);
    return () => clearTimeout(timer);
  }, [pair.source, pair.target, q]);

  async function add() {
    try {
      await glossary.create(pair.source, pair.target, {
        term: form.term,
        translation: form.translation,
        notes: form.notes || null,
        forbidden: form.forbidden.split(',').map((v) => v.trim()).filter(Boolean),
      });
      setForm({ term: '', translation: '', forbidden: '', notes: '' });
      await load();
    } catch (error) {
      setProblem(error);
    }
  }

  async function importFile(file: File) {
    setImported(null);
    try {
      const kind = /\.(tbx|xml)$/i.test(file.name) ? 'tbx' : 'csv';
      const result = await glossary.import(pair.source, pair.target, await file.text(), kind);
      setImported(t('glossaryAdmin.imported', { imported: result.imported, updated: result.updated, skipped: result.skipped }));
      await load();
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <div class="admin-section">
      <div class="filters">
        <PairPicker value={pair} onChange={setPair} />
        <label class="field">
          <span>{t('glossaryAdmin.search')}</span>
          <input type="search" value={q} onInput={(event) => setQ(event.currentTarget.value)} />
        </label>
        <FilePicker label={t('glossaryAdmin.importFile')} accept=".csv,.tbx,.xml,text/csv" onFile={(file) => void importFile(file)} />
      </div>
      {imported && <p role="status">{imported}</p>}
      <ProblemBox error={problem} />
      <section class="card" aria-labelledby="term-form-title">
        <h2 id="term-form-title">{t('glossaryAdmin.add')}</h2>
        <div class="form-grid">
          <label class="field">
            <span>{t('glossaryAdmin.term')}</span>
            <input value={form.term} {...textAttrs(pair.source)} onInput={(event) => setForm({ ...form, term: event.currentTarget.value })} />
          </label>
          <label class="field">
            <span>{t('glossaryAdmin.translation')}</span>
            <input value={form.translation} {...textAttrs(pair.target)} onInput={(event) => setForm({ ...form, translation: event.currentTarget.value })} />
          </label>
          <label class="field">
            <span>{t('glossaryAdmin.forbidden')}</span>
            <input value={form.forbidden} {...textAttrs(pair.target)} onInput={(event) => setForm({ ...form, forbidden: event.currentTarget.value })} />
          </label>
          <label class="field">
            <span>{t('glossaryAdmin.notes')}</span>
            <input value={form.notes} onInput={(event) => setForm({ ...form, notes: event.currentTarget.value })} />
          </label>
        </div>
        <Action kind="primary" shortcut="Ctrl+Enter" onAction={() => void add()} disabled={!form.term.trim() || !form.translation.trim()}>
          {t('glossaryAdmin.addAction')}
        </Action>
      </section>
      <div class="actions">
        <p class="muted">{t('glossaryAdmin.total', { n: total })}</p>
        <Action
          kind="danger"
          shortcut="Alt+D"
          disabled={chosen === null}
          onAction={() => chosen && void glossary.remove(pair.source, pair.target, chosen).then(() => (setChosen(null), load()), setProblem)}
        >
          {t('glossaryAdmin.removeChosen')}
        </Action>
      </div>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('glossaryAdmin.term')}</th>
              <th scope="col">{t('glossaryAdmin.translation')}</th>
              <th scope="col">{t('glossaryAdmin.forbidden')}</th>
              <th scope="col">{t('glossaryAdmin.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {terms.map((term) => (
              <tr key={term.id}>
                {/* The text's direction goes on the text, not the cell: the cell keeps the page's start edge,
                    under its header, in either interface direction. */}
                <td>
                  <button type="button" class="link" {...textAttrs(pair.source)} aria-pressed={chosen === term.id} onClick={() => setChosen(chosen === term.id ? null : term.id)}>
                    {term.term}
                  </button>
                </td>
                <td>
                  <span {...textAttrs(pair.target)}>{term.translation}</span>
                </td>
                <td>
                  <span {...textAttrs(pair.target)}>{term.forbidden.join(', ')}</span>
                </td>
                <td>{term.notes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
