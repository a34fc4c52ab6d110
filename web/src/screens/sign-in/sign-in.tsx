import { useEffect, useRef, useState } from 'preact/hooks';
import { session } from '../../api/endpoints';
import type { SessionUser } from '../../api/workbench-types';
import { Action } from '../../components/action';
import { LanguagePicker } from '../../components/language-picker';
import { ProblemBox } from '../../components/problem';
import { t } from '../../i18n';

/** A person signs in once with their token; from then on a session cookie carries them. */
export function SignIn({ onSignedIn, expired }: { onSignedIn: (user: SessionUser) => void; expired: boolean }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  async function signIn() {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const answer = await session.signIn(token.trim());
      onSignedIn(answer);
    } catch (problem) {
      setError(problem);
      setBusy(false);
      field.current?.focus();
    }
  }

  return (
    <main id="main" class="sign-in">
      <form
        class="card"
        onSubmit={(event) => {
          event.preventDefault();
          void signIn();
        }}
      >
        <h1>{t('signIn.title')}</h1>
        {expired && (
          <p class="banner warning" role="status">
            {t('signIn.expired')}
          </p>
        )}
        <p>{t('signIn.intro')}</p>
        <label class="field">
          <span>{t('signIn.token')}</span>
          <input
            ref={field}
            type="password"
            autocomplete="current-password"
            required
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
            aria-describedby={error ? 'sign-in-problem' : undefined}
          />
        </label>
        <ProblemBox error={error} id="sign-in-problem" />
        <div class="actions">
          <Action type="submit" kind="primary" shortcut="Enter" onAction={() => void signIn()} busy={busy} disabled={token.trim() === ''}>
            {t('signIn.submit')}
          </Action>
        </div>
        <LanguagePicker />
      </form>
    </main>
  );
}
