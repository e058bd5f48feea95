// The plan of a sync: totals before any byte moves, and the first actions.
import type { SyncPlanSummary } from "@/lib/storage/sync/types";
import { formatBytes, formatDuration } from "@/lib/storage/sync/format";

export function PlanView({ plan }: { plan: SyncPlanSummary }) {
  const t = plan.totals;
  return (
    <section aria-label="Sync plan">
      <p>
        <strong>{t.filesToCopy}</strong> to copy ({formatBytes(t.bytesToCopy)}), <strong>{t.filesToSkip}</strong> unchanged,{" "}
        <strong>{t.filesToDelete}</strong> to delete, {t.filesExcluded} excluded
        {t.filesRefused ? <>, <strong className="error">{t.filesRefused} refused</strong></> : null} · planned in {formatDuration(plan.planMs / 1000)}
      </p>
      {plan.refused.length ? (
        <ul className="small" aria-label="Refused keys">
          {plan.refused.map((r) => (
            <li key={r.rel}>
              <code>{r.rel}</code>: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
      {plan.sample.length ? (
        <div className="table-scroll">
          <table className="table" aria-label="Planned actions">
            <thead>
              <tr>
                <th>Action</th>
                <th>Path</th>
                <th>Size</th>
                <th>Why</th>
              </tr>
            </thead>
            <tbody>
              {plan.sample.map((a) => (
                <tr key={`${a.op}:${a.rel}`}>
                  <td>{a.op === "copy" ? plan.direction : "delete"}</td>
                  <td className="mono">{a.rel}</td>
                  <td>{formatBytes(a.size)}</td>
                  <td>{a.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {t.filesToCopy + t.filesToDelete > plan.sample.length ? (
            <p className="muted small">Showing the first {plan.sample.length} of {t.filesToCopy + t.filesToDelete} actions.</p>
          ) : null}
        </div>
      ) : (
        <p className="muted">Nothing to do: the destination is up to date.</p>
      )}
    </section>
  );
}
