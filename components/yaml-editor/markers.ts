// Engine diagnostics as Monaco markers: the message shown on hover carries the suggested fix too.
import type { Diagnostic } from "@/lib/config/types";

export const ENGINE_MARKER_OWNER = "gp-config";

/** Numeric values of monaco.MarkerSeverity, kept here so this stays testable without Monaco. */
const severity = { error: 8, warning: 4, info: 2 } as const;

export type MarkerData = {
  severity: number;
  message: string;
  code: string;
  source: string;
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
};

export function toMarker(d: Diagnostic): MarkerData {
  const sameSpot = d.range.end.line === d.range.start.line && d.range.end.col <= d.range.start.col;
  return {
    severity: severity[d.severity],
    message: d.fix ? `${d.message}\nFix: ${d.fix.title}${d.fix.replacement !== undefined ? ` → ${d.fix.replacement}` : ""}` : d.message,
    code: d.code,
    source: "gp-batch",
    startLineNumber: d.range.start.line,
    startColumn: d.range.start.col,
    endLineNumber: d.range.end.line,
    // A zero-width range would not show a squiggle: mark at least one character.
    endColumn: sameSpot ? d.range.start.col + 1 : d.range.end.col,
  };
}

export type Problem = { severity: "error" | "warning" | "info"; line: number; col: number; code: string; message: string; source: string };

/** Monaco marker severities back to words, for the problems list under the editor. */
export function severityName(value: number): Problem["severity"] {
  return value >= severity.error ? "error" : value >= severity.warning ? "warning" : "info";
}
