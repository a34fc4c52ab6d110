import { formatPercent } from '../lib/format';

/** One locale's progress: an accessible progressbar with the share done written beside it. */
export function ProgressBar({ label, done, total, hint }: { label: string; done: number; total: number; hint?: string }) {
  const share = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div class="progress">
      <span class="progress-label">{label}</span>
      <div class="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={share} aria-valuetext={formatPercent(done, total)}>
        <div class="progress-fill" style={{ inlineSize: `${share}%` }} />
      </div>
      <span class="progress-value">{formatPercent(done, total)}</span>
      {hint && <span class="progress-hint">{hint}</span>}
    </div>
  );
}
