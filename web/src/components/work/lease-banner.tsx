import type { Lease } from '../../lib/use-lease';
import { formatCountdown } from '../../lib/format';
import { t } from '../../i18n';

/** Tells the person, in time, that their hold on the task is about to lapse, and when it has. */
export function LeaseBanner({ lease }: { lease: Lease }) {
  if (lease.state === 'held') return null;
  if (lease.state === 'lost')
    return (
      <div class="banner danger" role="alert">
        <strong>{t('lease.lostTitle')}</strong>
        <p>{t('lease.lostDetail')}</p>
      </div>
    );
  return (
    <div class="banner warning" role="alert">
      <strong>{t('lease.warningTitle', { time: formatCountdown(lease.remainingMs) })}</strong>
      <p>{t('lease.warningDetail')}</p>
    </div>
  );
}
