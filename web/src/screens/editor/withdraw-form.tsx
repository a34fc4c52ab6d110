import { useEffect, useRef, useState } from 'preact/hooks';
import { articles } from '../../api/endpoints';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { t } from '../../i18n';

/**
 * Withdrawing an article, in two steps: the first press opens this form (what it does, an optional reason),
 * the second withdraws it for good. There is no undo on the server, so there is no shortcut for the second.
 */
export function WithdrawForm({ id, onDone, onCancel }: { id: string; onDone: () => void; onCancel: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => field.current?.focus(), []);

  async function withdraw() {
    setBusy(true);
    setProblem(null);
    try {
      await articles.withdraw(id, reason.trim() || undefined);
      onDone();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="card"
      aria-labelledby="withdraw-title"
      onSubmit={(event) => {
        event.preventDefault();
        void withdraw();
      }}
    >
      <h2 id="withdraw-title">{t('article.withdraw')}</h2>
      <p id="withdraw-explain">{t('article.withdrawExplain')}</p>
      <label class="field">
        <span>{t('article.withdrawReason')}</span>
        <textarea ref={field} rows={2} dir="auto" value={reason} aria-describedby="withdraw-explain" onInput={(event) => setReason(event.currentTarget.value)} />
      </label>
      <ProblemBox error={problem} />
      <div class="actions">
        <Action kind="danger" type="submit" onAction={() => void withdraw()} busy={busy}>
          {t('article.withdrawConfirm')}
        </Action>
        <Action shortcut="Escape" onAction={onCancel}>
          {t('article.withdrawCancel')}
        </Action>
      </div>
    </form>
  );
}
