import type { Task } from '../../api/types';
import { t, textAttrs } from '../../i18n';
import { MarkedText } from '../text/marked-text';

/** The sentence to translate inside its paragraph: the sentences before and after, dimmed, around it. */
export function SourceContext({ task }: { task: Task }) {
  // The whole paragraph when the server gives it, else the sentences around the task.
  const current = task.paragraph?.findIndex((sentence) => sentence.current) ?? -1;
  const around =
    task.paragraph && current >= 0
      ? { before: task.paragraph.slice(0, current).map((s) => s.text), after: task.paragraph.slice(current + 1).map((s) => s.text) }
      : task.context;
  return (
    <section class="source" aria-labelledby="source-title">
      <h2 id="source-title" class="panel-title">
        {t('task.source')}
      </h2>
      <p class="paragraph" {...textAttrs(task.sourceLang)}>
        {around.before.map((sentence, i) => (
          <span key={`b${i}`} class="context-sentence">
            <MarkedText text={sentence} />{' '}
          </span>
        ))}
        <span class="current-sentence" aria-current="true">
          <MarkedText text={task.source} hits={task.glossary} />
        </span>
        {around.after.map((sentence, i) => (
          <span key={`a${i}`} class="context-sentence">
            {' '}
            <MarkedText text={sentence} />
          </span>
        ))}
      </p>
    </section>
  );
}
