import { useState } from 'preact/hooks';
import { work } from '../../api/endpoints';
import { Action } from '../../components/action';
import { ProblemBox } from '../../components/problem';
import { t } from '../../i18n';
import { useSession } from '../../session';

/** On shift, work is pushed to the person; off shift, what they hold goes back. */
export function ShiftSwitch() {
  const { user, update } = useSession();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  async function toggle() {
    setBusy(true);
    setProblem(null);
    try {
      const answer = await work.availability(!user.available);
      update({ available: answer.available ?? !user.available });
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div class="shift">
      <span class={user.available ? 'badge on' : 'badge off'} role="status">
        {user.available ? t('shift.on') : t('shift.off')}
      </span>
      <Action shortcut="Alt+S" onAction={() => void toggle()} busy={busy}>
        {user.available ? t('shift.goOff') : t('shift.goOn')}
      </Action>
      <ProblemBox error={problem} />
    </div>
  );
}
