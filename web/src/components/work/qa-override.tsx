import { useRef, useState } from 'preact/hooks';
import type { QaFinding } from '../../api/client';
import { t } from '../../i18n';
import { useShortcut } from '../../lib/shortcuts';
import { Action } from '../action';

/**
 * A submit the checks blocked: when every blocking finding may be confirmed, the person can send the text
 * anyway with a reason (kept on the sentence's history, and shown to the reviewer where the locale asks for
 * it). Findings that cannot be overridden (a missing formatting mark, an empty text) must be fixed.
 */
export function QaOverride({
  findings,
  busy,
  onOverride,
  action = 'submit',
}: {
  findings: QaFinding[];
  busy: boolean;
  onOverride: (reason: string) => void;
  /** What the confirmed text goes on to: a translator submits it, a reviewer approves it. */
  action?: 'submit' | 'approve';
}) {
  const [reason, setReason] = useState('');
  const reasonBox = useRef<HTMLTextAreaElement>(null);
  const blocking = findings.filter((finding) => finding.severity === 'error' && !finding.overridden);
  const allowed = blocking.length > 0 && blocking.every((finding) => finding.overridable);
  const ready = reason.trim().length >= 3;
  // Focus stays in the editor after a refusal: most refused texts are slips to fix. Alt+O goes to the reason
  // box while it holds no reason yet, and sends once it does, so confirming is keyboard-only too; focus on a
  // labelled, described field is what a screen reader reads out.
  useShortcut('Alt+O', () => reasonBox.current?.focus(), allowed && !ready && !busy);
  if (blocking.length === 0) return null;
  if (!allowed) return <p class="muted">{t('qa.mustFix')}</p>;
  return (
    <div class="card qa-override">
      <label class="field">
        <span>{t('qa.overrideReason')}</span>
        <textarea ref={reasonBox} rows={2} dir="auto" value={reason} aria-describedby="qa-override-hint" onInput={(event) => setReason(event.currentTarget.value)} />
        <span id="qa-override-hint" class="muted">
          {t('qa.overrideHint')}
        </span>
      </label>
      <div class="actions">
        <Action kind="danger" shortcut="Alt+O" onAction={() => onOverride(reason.trim())} busy={busy} disabled={!ready}>
          {t(action === 'approve' ? 'qa.overrideApprove' : 'qa.overrideSubmit')}
        </Action>
      </div>
    </div>
  );
}
