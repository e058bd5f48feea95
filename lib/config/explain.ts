// Renders an explain trace (resolve.ts `explain`) as text for the CLI: every step consulted, in GP's order.
import type { GpValue } from "./types";
import type { Explanation, Provenance, Resolved } from "./resolve";

export function formatGpValue(value: GpValue | undefined): string {
  if (!value) return "(unset)";
  if (value.kind === "scalar") return value.value === null ? "null" : JSON.stringify(value.value);
  if (value.kind === "list") return `[${value.values.map((v) => (v === null ? "null" : JSON.stringify(v))).join(", ")}]`;
  return JSON.stringify(value.entries);
}

export function formatSource(source: Provenance, fileName?: string): string {
  const where = source.line > 0 ? ` ${fileName ? `${fileName}:` : "line "}${source.line}:${source.col}` : "";
  const module = source.moduleKey ? ` [${source.moduleKey}]` : "";
  const lookup = source.lookupKey ? ` ["${source.lookupKey}"]` : "";
  return `${source.step}: ${source.section}${module}${lookup} ${source.key}${where}`;
}

function formatResolved(label: string, r: Resolved | undefined, fileName?: string): string {
  return r ? `${label} = ${formatGpValue(r.value)}  (${formatSource(r.source, fileName)})` : `${label} is not set`;
}

export function formatExplanation(e: Explanation, fileName?: string): string {
  const lines: string[] = [];
  lines.push(formatResolved(e.key, e.result, fileName));
  const m = e.module;
  lines.push(`  context: module ${m.name ?? "-"}, lsid ${m.lsid ?? "-"}, user ${e.userId ?? "-"}, groups ${e.groups.length ? e.groups.join(", ") : "-"}`);
  lines.push(`  ${formatResolved("executor", e.executor, fileName)}`);
  lines.push(`  ${formatResolved("executor.props", e.executorProps, fileName)}`);
  lines.push("  steps (lowest precedence first; a later found value replaces an earlier one):");
  for (const s of e.steps) {
    const marker = s.winner ? "=>" : "  ";
    const section = s.moduleKey ? `${s.section} [${s.moduleKey}]` : s.section;
    const line = s.source && s.source.line > 0 ? ` (line ${s.source.line})` : "";
    const detail = s.status === "found" ? `${formatGpValue(s.value)}${line}` : s.status;
    lines.push(`  ${marker} ${s.step.padEnd(16)} ${section.padEnd(48)} ${detail}${s.note ? `  -- ${s.note}` : ""}`);
  }
  return lines.join("\n") + "\n";
}
