import type { SubmitResult } from '../../api/types';
import { t } from '../../i18n';

/** Warnings the checks raised on a submitted text: shown, and accepted with the submission. */
export function QaWarnings({ findings, onDismiss }: { findings: SubmitResult['qa']; onDismiss: () => void }) {
  if (findings.length === 0) return null;
  return (
    <div class="qa-warnings" role="status">
      <strong>{t('qa.warningsTitle')}</strong>
      <ul>
        {findings.map((finding, i) => (
          <li key={i} class={`finding ${finding.severity}`}>
            {finding.message}
          </li>
        ))}
      </ul>
      <button type="button" class="link" onClick={onDismiss}>
        {t('qa.dismiss')}
      </button>
    </div>
  );
}
