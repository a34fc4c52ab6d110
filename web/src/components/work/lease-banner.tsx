import type { Lease } from '../../lib/use-lease';
import { formatCountdown, formatRelativeMs } from '../../lib/format';
import { t } from '../../i18n';

const lastMinuteMs = 60_000;

/**
 * Tells the person, in time, that their hold on the task is about to lapse, and when it has. Screen readers
 * hear it from a live region that is always on the page (a region added with its text is often not read):
 * politely while there is time, assertively in the last minute and when the task was taken back. The live
 * text changes once a minute, not with the ticking countdown, so it is read once per step.
 */
export function LeaseBanner({ lease }: { lease: Lease }) {
  const urgent = lease.state === 'lost' || (lease.state === 'warning' && lease.remainingMs <= lastMinuteMs);
  const announcement =
    lease.state === 'lost'
      ? `${t('lease.lostTitle')}. ${t('lease.lostDetail')}`
      : lease.state === 'warning'
        ? urgent
          ? t('lease.announceLastMinute')
          : t('lease.announceSoon', { when: formatRelativeMs(Math.ceil(lease.remainingMs / lastMinuteMs) * lastMinuteMs) })
        : '';
  return (
    <>
      <div class="visually-hidden lease-announcer" aria-live={urgent ? 'assertive' : 'polite'} aria-atomic="true">
        {announcement}
      </div>
      {lease.state === 'lost' && (
        <div class="banner danger">
          <strong>{t('lease.lostTitle')}</strong>
          <p>{t('lease.lostDetail')}</p>
        </div>
      )}
      {lease.state === 'warning' && (
        <div class="banner warning">
          <strong>{t('lease.warningTitle', { time: formatCountdown(lease.remainingMs) })}</strong>
          <p>{t('lease.warningDetail')}</p>
        </div>
      )}
    </>
  );
}
