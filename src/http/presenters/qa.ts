import type { TFunction } from 'i18next';
import type { QaReport } from '../../services/qa-gate.js';

/** QA findings in the caller's language: the message comes from locales/<lng>/qa.json. */
export function presentQa(issues: QaReport['issues'], t: TFunction) {
  return issues.map((issue) => ({
    code: issue.code,
    severity: issue.severity,
    message: t(`qa:${issue.code}`, { ...issue.params }),
    ...(issue.span ? { span: issue.span } : {}),
  }));
}
