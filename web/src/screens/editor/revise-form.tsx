import { useState } from 'preact/hooks';
import { articles } from '../../api/endpoints';
import type { ArticleView } from '../../api/types';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { useStoredState } from '../../lib/stored-state';
import { t } from '../../i18n';
import { ArticleFields, type ArticleForm } from './article-fields';

function formOf(view: ArticleView): ArticleForm {
  const text = (block: ArticleView['blocks'][number]) => block.segments.map((segment) => segment.text).join(' ');
  return {
    headline: view.blocks.find((block) => block.type === 'headline')?.segments.map((s) => s.text).join(' ') ?? view.headline,
    dateline: view.dateline ?? '',
    blocks: view.blocks.filter((block) => block.type !== 'headline').map((block) => ({ type: block.type, text: text(block) })),
  };
}

/** A new version of the article: unchanged sentences keep their translations. */
export function ReviseForm({ view, onDone }: { view: ArticleView; onDone: () => void }) {
  const [form, setForm, clear] = useStoredState<ArticleForm>(`revise-${view.id}-${view.revision}`, formOf(view));
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function send() {
    setBusy(true);
    setProblem(null);
    try {
      await articles.revise(view.id, {
        sourceLang: view.sourceLang,
        targetLocales: view.targetLocales,
        priority: view.priority as 'normal',
        deadline: view.deadline,
        headline: form.headline,
        dateline: form.dateline || null,
        blocks: form.blocks.filter((block) => block.text.trim() !== '') as Array<{ type: 'paragraph'; text: string }>,
      });
      clear();
      onDone();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="card" aria-labelledby="revise-title">
      <h2 id="revise-title">{t('article.reviseTitle')}</h2>
      <ArticleFields value={form} lang={view.sourceLang} onChange={setForm} />
      <ProblemBox error={problem} />
      <div class="actions">
        <Action kind="primary" shortcut="Ctrl+Enter" onAction={() => void send()} busy={busy}>
          {t('article.sendRevision')}
        </Action>
      </div>
    </section>
  );
}
