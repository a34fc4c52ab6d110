import type { Eta, LocaleProgress } from '../../api/workbench-types';
import { formatRelative, languageName } from '../../lib/format';
import { t } from '../../i18n';
import { ProgressBar } from '../progress-bar';

/** Per-locale progress bars with each locale's estimated time to finish. */
export function LocaleProgressList({ progress, locales }: { progress: Record<string, LocaleProgress>; locales: string[] }) {
  return (
    <div class="progress-list">
      {locales.map((locale) => {
        const p = progress[locale];
        if (!p) return null;
        return <ProgressBar key={locale} label={languageName(locale)} done={p.done} total={p.total} hint={etaText(p.eta, p)} />;
      })}
    </div>
  );
}

function etaText(eta: Eta | undefined, p: LocaleProgress): string {
  if (p.status === 'published' || (p.total > 0 && p.done === p.total)) return t('eta.done');
  if (!eta) return '';
  if (eta.basis === 'done') return t('eta.done');
  if (eta.seconds === null || eta.basis === 'none') return t('eta.unknown');
  return t('eta.finish', { when: formatRelative(new Date(Date.now() + eta.seconds * 1000).toISOString()) });
}
