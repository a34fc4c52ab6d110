import { segments } from '../../api/endpoints';
import { formatDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { t, textAttrs } from '../../i18n';
import { ProblemBox } from '../problem';
import { MarkedText } from '../text/marked-text';

/** Every change of the segment's translation in one locale: who, when, what, at which stage. */
export function SegmentHistory({ segmentId, locale }: { segmentId: string; locale: string }) {
  const { data, error } = useLoad(() => segments.history(segmentId), [segmentId]);
  const entries = (data?.history ?? []).filter((entry) => entry.locale === locale);
  return (
    <section class="panel" aria-labelledby="history-title">
      <h2 id="history-title" class="panel-title">
        {t('history.title')}
      </h2>
      <ProblemBox error={error} />
      {data && entries.length === 0 && <p class="muted">{t('history.none')}</p>}
      <ol class="history">
        {entries.map((entry) => (
          <li key={entry.id}>
            <div class="muted">
              {/* Name and date each isolated: in a right-to-left line a Latin name would otherwise join the
                  date's digits into one left-to-right run ("2026/12/Omar · 02"). */}
              {t(`history.action.${entry.action}`, { defaultValue: entry.action })} · <bdi>{entry.by?.name ?? t('history.system')}</bdi> ·{' '}
              <bdi>
                <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
              </bdi>
            </div>
            {entry.text && (
              <p {...textAttrs(locale)}>
                <MarkedText text={entry.text} />
              </p>
            )}
            {entry.comment && <q dir="auto">{entry.comment}</q>}
            {(entry.qaOverrides ?? []).map((override, i) => (
              <p key={i} class="history-override">
                {t('history.override', { check: t(`qaCheck.${override.code}`, { defaultValue: override.code }) })} <q dir="auto">{override.reason}</q>
              </p>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
