"use client";
// Every marker in the editor (schema and GP semantics) as a list; clicking one jumps to its line.
import type { Problem } from "@/components/yaml-editor";

const badge = { error: "badge-err", warning: "badge-warn", info: "badge-info" } as const;

export function ProblemsList({ problems, onSelect }: { problems: Problem[]; onSelect: (p: Problem) => void }) {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.filter((p) => p.severity === "warning").length;
  return (
    <section className="card problems" aria-label="Problems">
      <h2 className="problems-title">
        Problems <span className={`badge ${errors ? "badge-err" : "badge-ok"}`}>{errors} errors</span>{" "}
        <span className={`badge ${warnings ? "badge-warn" : "badge-ok"}`}>{warnings} warnings</span>
      </h2>
      {problems.length === 0 ? (
        <p className="muted">No problems found.</p>
      ) : (
        <ul className="problems-list">
          {problems.map((p, i) => (
            <li key={`${p.line}:${p.col}:${p.code}:${i}`}>
              <button type="button" className="problem" onClick={() => onSelect(p)}>
                <span className={`badge ${badge[p.severity]}`}>{p.severity}</span>{" "}
                <span className="mono">
                  Line {p.line}, col {p.col}
                </span>{" "}
                {p.code ? <span className="mono muted">{p.code}</span> : null} <span className="problem-message">{p.message}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
