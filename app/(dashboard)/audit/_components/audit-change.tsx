// What an audit entry changed: its stored diff, or a line diff of before/after, plus the raw values.
import { createTwoFilesPatch } from "diff";
import type { AuditRow } from "@/lib/data/audit";

function diffOf(event: AuditRow): string | null {
  if (event.diff) return event.diff;
  if (event.before === null || event.after === null) return null;
  const patch = createTwoFilesPatch("before", "after", `${event.before}\n`, `${event.after}\n`, "", "", { context: 3 });
  // Drop the "Index/===" preamble; keep the ---/+++ header and hunks.
  return patch.split("\n").slice(2).join("\n").trimEnd();
}

function lineClass(line: string): string | undefined {
  if (line.startsWith("+++") || line.startsWith("---")) return "hunk";
  if (line.startsWith("@@")) return "hunk";
  if (line.startsWith("+")) return "add";
  if (line.startsWith("-")) return "del";
  return undefined;
}

export function AuditChange({ event }: { event: AuditRow }) {
  const diff = diffOf(event);
  if (!diff && event.before === null && event.after === null) return <span className="muted">—</span>;
  return (
    <details className="audit-detail">
      <summary>Show change</summary>
      {diff ? (
        <div className="diff" aria-label="Diff">
          {diff.split("\n").map((line, i) => (
            <div key={i} className={lineClass(line)}>
              {line || " "}
            </div>
          ))}
        </div>
      ) : null}
      {event.before !== null ? (
        <>
          <h3>Before</h3>
          <pre>{event.before}</pre>
        </>
      ) : null}
      {event.after !== null ? (
        <>
          <h3>After</h3>
          <pre>{event.after}</pre>
        </>
      ) : null}
    </details>
  );
}
