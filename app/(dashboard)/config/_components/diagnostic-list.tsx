// A short list of diagnostics (errors that refuse a save, warnings that need a confirm).
import type { Diagnostic } from "@/lib/config/types";

export function DiagnosticList({ title, items, tone }: { title: string; items: Diagnostic[]; tone: "err" | "warn" }) {
  if (items.length === 0) return null;
  return (
    <div className={`alert alert-${tone}`} role={tone === "err" ? "alert" : "status"} aria-label={title}>
      <strong>{title}</strong>
      <ul className="diagnostic-list">
        {items.map((d, i) => (
          <li key={`${d.code}:${d.range.start.line}:${i}`}>
            <span className="mono">
              Line {d.range.start.line}:{d.range.start.col} {d.code}
            </span>{" "}
            {d.message}
            {d.fix ? <span className="muted"> Fix: {d.fix.title}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
