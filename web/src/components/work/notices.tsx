import type { WorkNotice } from '../../api/workbench-types';
import { formatRelative } from '../../lib/format';
import { t } from '../../i18n';

/** What happened to the person's work without them: tasks taken back, reassigned, sent back, mentions. */
export function Notices({ notices }: { notices: WorkNotice[] }) {
  return (
    <section class="panel" aria-labelledby="notices-title">
      <h2 id="notices-title" class="panel-title">
        {t('notices.title')}
      </h2>
      {notices.length === 0 && <p class="muted">{t('notices.none')}</p>}
      <ul class="notices">
        {notices.slice(0, 10).map((notice) => (
          <li key={notice.id}>
            <span>{t(`notices.kind.${notice.kind}`, { defaultValue: t('notices.kind.other') })}</span>
            {(notice.detail?.comment ?? notice.detail?.text) && <q dir="auto">{notice.detail?.comment ?? notice.detail?.text}</q>}{' '}
            <time class="muted" dateTime={notice.at}>
              {formatRelative(notice.at)}
            </time>
          </li>
        ))}
      </ul>
    </section>
  );
}
