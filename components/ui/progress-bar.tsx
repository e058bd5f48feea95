// ProgressBar: a labelled progress bar (value of max), optionally tinted ok/err when finished.
export function ProgressBar({ value, max, label, tone }: { value: number; max: number; label: string; tone?: "ok" | "err" }) {
  const percent = max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div className={tone ? `progress ${tone}` : "progress"} role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <span style={{ width: `${percent}%` }} />
    </div>
  );
}
