import { Action } from '../../components/action';
import { t, textAttrs } from '../../i18n';

export interface ArticleForm {
  headline: string;
  dateline: string;
  blocks: Array<{ type: string; text: string }>;
}

export const emptyArticle = (): ArticleForm => ({ headline: '', dateline: '', blocks: [{ type: 'paragraph', text: '' }] });

const blockTypes = ['paragraph', 'subheading', 'quote', 'caption', 'credit', 'related'];

/** An article as a form: headline, dateline and its blocks, each with its kind. */
export function ArticleFields({ value, lang, onChange }: { value: ArticleForm; lang: string; onChange: (value: ArticleForm) => void }) {
  const setBlock = (index: number, change: Partial<ArticleForm['blocks'][number]>) =>
    onChange({ ...value, blocks: value.blocks.map((block, i) => (i === index ? { ...block, ...change } : block)) });
  return (
    <fieldset>
      <legend>{t('article.fields')}</legend>
      <label class="field">
        <span>{t('blockType.headline')}</span>
        <input value={value.headline} {...textAttrs(lang)} onInput={(event) => onChange({ ...value, headline: event.currentTarget.value })} />
      </label>
      <label class="field">
        <span>{t('preview.dateline')}</span>
        <input value={value.dateline} {...textAttrs(lang)} onInput={(event) => onChange({ ...value, dateline: event.currentTarget.value })} />
      </label>
      {value.blocks.map((block, index) => (
        <div class="block-row" key={index}>
          <label class="field">
            <span>{t('article.blockKind', { n: index + 1 })}</span>
            <select value={block.type} onChange={(event) => setBlock(index, { type: event.currentTarget.value })}>
              {blockTypes.map((type) => (
                <option key={type} value={type}>
                  {t(`blockType.${type}`)}
                </option>
              ))}
            </select>
          </label>
          <label class="field">
            <span>{t('article.blockText', { n: index + 1 })}</span>
            <textarea rows={3} value={block.text} {...textAttrs(lang)} onInput={(event) => setBlock(index, { text: event.currentTarget.value })} />
          </label>
        </div>
      ))}
      <div class="actions">
        <Action shortcut="Alt+B" onAction={() => onChange({ ...value, blocks: [...value.blocks, { type: 'paragraph', text: '' }] })}>
          {t('article.addBlock')}
        </Action>
        <Action shortcut="Alt+Shift+B" onAction={() => onChange({ ...value, blocks: value.blocks.slice(0, -1) })} disabled={value.blocks.length <= 1}>
          {t('article.removeBlock')}
        </Action>
      </div>
    </fieldset>
  );
}
