import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { articles } from '../../api/endpoints';
import type { ArticleInput } from '../../api/types';
import type { DryRun } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { LanguageList, LocaleChoice } from '../../components/desk/locale-choice';
import { SplitPreview } from '../../components/desk/preview';
import { ProblemBox } from '../../components/problem';
import { useStoredState } from '../../lib/stored-state';
import { t, textAttrs } from '../../i18n';
import { ArticleFields, emptyArticle, type ArticleForm } from './article-fields';

interface Draft {
  mode: 'paste' | 'form';
  pasteKind: 'text' | 'html';
  pasted: string;
  article: ArticleForm;
  sourceLang: string;
  targetLocales: string[];
  priority: string;
  deadline: string;
  review: boolean;
  idempotencyKey: string;
}

const initialDraft = (): Draft => ({
  mode: 'paste',
  pasteKind: 'text',
  pasted: '',
  article: emptyArticle(),
  sourceLang: 'ru',
  targetLocales: ['en'],
  priority: 'normal',
  deadline: '',
  review: false,
  idempotencyKey: crypto.randomUUID(),
});

const priorities = ['breaking', 'high', 'normal', 'low'];

/**
 * The desk's intake: paste a page (text or HTML) or fill a form, see how Dragoman splits it, then send
 * it. The form is kept in the browser until it is sent, so a reload or an expired session loses nothing.
 */
export function NewArticle() {
  const { route } = useLocation();
  const [draft, setDraft, clearDraft] = useStoredState<Draft>('new-article', initialDraft());
  const [preview, setPreview] = useState<DryRun | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState<'preview' | 'submit' | null>(null);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((before) => ({ ...before, [key]: value }));
    setPreview(null);
  };

  const options = () => ({
    sourceLang: draft.sourceLang,
    targetLocales: draft.targetLocales,
    priority: draft.priority,
    deadline: draft.deadline ? new Date(draft.deadline).toISOString() : undefined,
    // Unchecked means "as the locales are set up", not "never": only a yes overrides their settings.
    review: draft.review ? true : undefined,
  });
  const asJson = (): ArticleInput => ({
    ...options(),
    priority: draft.priority as ArticleInput['priority'],
    headline: draft.article.headline,
    dateline: draft.article.dateline || null,
    blocks: draft.article.blocks.filter((block) => block.text.trim() !== '') as ArticleInput['blocks'],
  });

  async function run(kind: 'preview' | 'submit') {
    setBusy(kind);
    setProblem(null);
    try {
      if (kind === 'preview') {
        setPreview(draft.mode === 'paste' ? await articles.previewPasted(draft.pasteKind, draft.pasted, options()) : await articles.preview(asJson()));
        return;
      }
      const created =
        draft.mode === 'paste'
          ? await articles.submitPasted(draft.pasteKind, draft.pasted, options(), draft.idempotencyKey)
          : await articles.submit(asJson(), draft.idempotencyKey);
      clearDraft();
      route(`/app/articles/${created.id}`);
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="screen" aria-labelledby="new-article-title">
      <h1 id="new-article-title">{t('newArticle.title')}</h1>
      <fieldset>
        <legend>{t('newArticle.how')}</legend>
        <label class="checkbox">
          <input type="radio" name="mode" checked={draft.mode === 'paste'} onChange={() => set('mode', 'paste')} />
          {t('newArticle.modePaste')}
        </label>{' '}
        <label class="checkbox">
          <input type="radio" name="mode" checked={draft.mode === 'form'} onChange={() => set('mode', 'form')} />
          {t('newArticle.modeForm')}
        </label>
      </fieldset>
      <div class="form-grid">
        <label class="field">
          <span>{t('newArticle.sourceLang')}</span>
          <input value={draft.sourceLang} size={6} dir="ltr" list="source-languages" onInput={(event) => set('sourceLang', event.currentTarget.value.trim())} />
          <LanguageList id="source-languages" />
        </label>
        <label class="field">
          <span>{t('task.priority')}</span>
          <select value={draft.priority} onChange={(event) => set('priority', event.currentTarget.value)}>
            {priorities.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>{t('task.deadline')}</span>
          <input type="datetime-local" value={draft.deadline} onInput={(event) => set('deadline', event.currentTarget.value)} />
        </label>
        <label class="checkbox">
          <input type="checkbox" checked={draft.review} onChange={(event) => set('review', event.currentTarget.checked)} />
          {t('newArticle.review')}
        </label>
      </div>
      <LocaleChoice value={draft.targetLocales} exclude={draft.sourceLang} onChange={(value) => set('targetLocales', value)} />
      {draft.mode === 'paste' ? (
        <>
          <fieldset>
            <legend>{t('newArticle.pasteKind')}</legend>
            <label class="checkbox">
              <input type="radio" name="paste-kind" checked={draft.pasteKind === 'text'} onChange={() => set('pasteKind', 'text')} />
              {t('newArticle.kindText')}
            </label>{' '}
            <label class="checkbox">
              <input type="radio" name="paste-kind" checked={draft.pasteKind === 'html'} onChange={() => set('pasteKind', 'html')} />
              {t('newArticle.kindHtml')}
            </label>
          </fieldset>
          <label class="field">
            <span>{t('newArticle.pasted')}</span>
            <textarea rows={10} value={draft.pasted} {...textAttrs(draft.sourceLang)} onInput={(event) => set('pasted', event.currentTarget.value)} />
          </label>
        </>
      ) : (
        <ArticleFields value={draft.article} lang={draft.sourceLang} onChange={(article) => set('article', article)} />
      )}
      <ProblemBox error={problem} />
      <div class="actions">
        <Action shortcut="Alt+P" onAction={() => void run('preview')} busy={busy === 'preview'}>
          {t('newArticle.preview')}
        </Action>
        <Action kind="primary" shortcut="Ctrl+Enter" onAction={() => void run('submit')} busy={busy === 'submit'} disabled={draft.targetLocales.length === 0}>
          {t('newArticle.submit')}
        </Action>
      </div>
      {preview && <SplitPreview preview={preview} />}
    </section>
  );
}
