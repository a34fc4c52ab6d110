import { useState } from 'preact/hooks';
import { memory } from '../../api/endpoints';
import type { MemorySearchResult } from '../../api/types';
import { Action } from '../../components/action';
import { PairPicker, type Pair } from '../../components/desk/pair-picker';
import { FilePicker } from '../../components/file-picker';
import { ProblemBox } from '../../components/problem';
import { MarkedText } from '../../components/text/marked-text';
import { formatDateTime } from '../../lib/format';
import { useStoredState } from '../../lib/stored-state';
import { t, textAttrs } from '../../i18n';

/** Translation memory of one pair: concordance search, TMX export and import. */
export function MemoryAdmin() {
  const [pair, setPair] = useStoredState<Pair>('admin-pair', { source: 'ru', target: 'en' });
  const [q, setQ] = useState('');
  const [results, setResults] = useState<MemorySearchResult[] | null>(null);
  const [total, setTotal] = useState(0);
  const [problem, setProblem] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  async function search() {
    setProblem(null);
    try {
      const answer = await memory.search(pair.source, pair.target, q);
      setResults(answer.results);
      setTotal(answer.total);
    } catch (error) {
      setProblem(error);
    }
  }

  async function importFile(file: File) {
    setStatus(null);
    setProblem(null);
    try {
      const result = await memory.import(pair.source, pair.target, await file.text());
      setStatus(t('memoryAdmin.imported', { n: Number(result.imported ?? 0) }));
    } catch (error) {
      setProblem(error);
    }
  }

  return (
    <div class="admin-section">
      <form class="filters" role="search" onSubmit={(event) => { event.preventDefault(); void search(); }}>
        <PairPicker value={pair} onChange={setPair} />
        <label class="field">
          <span>{t('memoryAdmin.search')}</span>
          <input type="search" value={q} {...textAttrs(pair.source)} onInput={(event) => setQ(event.currentTarget.value)} />
        </label>
        <Action shortcut="Alt+F" onAction={() => void search()} disabled={q.trim() === ''}>
          {t('memoryAdmin.searchAction')}
        </Action>
      </form>
      <div class="filters">
        <a class="action" href={memory.exportUrl(pair.source, pair.target)} download>
          {t('memoryAdmin.export')}
        </a>
        <FilePicker label={t('memoryAdmin.importFile')} accept=".tmx,application/xml" onFile={(file) => void importFile(file)} />
      </div>
      {status && <p role="status">{status}</p>}
      <ProblemBox error={problem} />
      {results && (
        <>
          <p class="muted">{t('memoryAdmin.total', { n: total })}</p>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('pair.source')}</th>
                  <th scope="col">{t('pair.target')}</th>
                  <th scope="col">{t('memoryAdmin.updated')}</th>
                </tr>
              </thead>
              <tbody>
                {results.map((row) => (
                  <tr key={row.memoryId}>
                    {/* Direction on the text, not the cell: the cell stays at the page's start edge, under its header. */}
                    <td>
                      <span {...textAttrs(pair.source)}>
                        <MarkedText text={row.source} />
                      </span>
                    </td>
                    <td>
                      <span {...textAttrs(pair.target)}>
                        <MarkedText text={row.target} />
                      </span>
                    </td>
                    <td>{formatDateTime(row.origin.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
