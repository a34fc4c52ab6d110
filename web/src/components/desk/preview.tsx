import type { DryRun } from '../../api/workbench-types';
import { formatDate, languageName } from '../../lib/format';
import { t, textAttrs } from '../../i18n';
import { MarkedText } from '../text/marked-text';

/** How Dragoman will split the article: blocks, sentences, what it dropped, the dateline it read. */
export function SplitPreview({ preview }: { preview: DryRun }) {
  return (
    <section class="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('preview.title')}</h2>
      <p>
        {t('preview.counts', { segments: preview.segmentCount, tasks: preview.taskCount })}{' '}
        {Object.entries(preview.memoryFills ?? {})
          .filter(([, n]) => n > 0)
          .map(([locale, n]) => t('preview.memoryFills', { n, language: languageName(locale) }))
          .join(' ')}
      </p>
      <dl class="facts">
        <div>
          <dt>{t('preview.dateline')}</dt>
          <dd {...textAttrs(preview.sourceLang)}>{preview.dateline ?? t('preview.none')}</dd>
        </div>
        {preview.datelineDate && (
          <div>
            <dt>{t('preview.datelineDate')}</dt>
            <dd>
              <time dateTime={preview.datelineDate}>{formatDate(preview.datelineDate)}</time>
            </dd>
          </div>
        )}
      </dl>
      <div class="preview-blocks">
        {preview.blocks.map((block) => (
          <div class="block" key={block.index}>
            <div class="block-type">{t(`blockType.${block.type}`, { defaultValue: block.type })}</div>
            <ol {...textAttrs(preview.sourceLang)}>
              {block.segments.map((segment) => (
                <li key={segment.position}>
                  <MarkedText text={segment.text} />
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
      {preview.dropped.length > 0 && (
        <>
          <h3>{t('preview.dropped')}</h3>
          <ul class="dropped">
            {preview.dropped.map((item, i) => (
              <li key={i}>
                <span>{t(`preview.reason.${item.reason}`, { defaultValue: t('preview.reason.other') })}</span>:{' '}
                <q {...textAttrs(preview.sourceLang)}>{item.text}</q>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
