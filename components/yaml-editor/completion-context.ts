// Where the cursor is in a config_custom.yaml, in terms the completion provider needs: which live values
// (executor ids, bundle names, module keys, job-definition names) fit there. Plain text logic, no Monaco.

import type { CompletionData } from "@/lib/data/config";

export type { CompletionData };
export type CompletionKind = "executor" | "bundle" | "jobDefinition" | "moduleKey" | null;

const valueKeys: Record<string, CompletionKind> = {
  executor: "executor",
  "executor.props": "bundle",
  "job.awsbatch.job-definition-name": "jobDefinition",
  "aws-batch-job-definition-name": "jobDefinition",
};

const indentOf = (line: string) => line.length - line.trimStart().length;
const keyOf = (line: string) => /^\s*(?:-\s+)?["']?([^"':#]+?)["']?\s*:(?:\s|$)/.exec(line)?.[1];

/** The chain of parent keys of `lineIndex` (0-based), outermost first, found by indentation. */
export function parentKeys(lines: string[], lineIndex: number, indent: number): string[] {
  const parents: string[] = [];
  let limit = indent;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i];
    if (line.trim() === "" || line.trimStart().startsWith("#")) continue;
    const ind = indentOf(line);
    if (ind < limit) {
      const key = keyOf(line);
      if (key) parents.unshift(key);
      limit = ind;
    }
  }
  return parents;
}

/** line and col are 1-based, as Monaco gives them. */
export function completionKind(text: string, line: number, col: number): CompletionKind {
  const lines = text.split("\n");
  const current = (lines[line - 1] ?? "").replace(/\r$/, "");
  const before = current.slice(0, col - 1);
  const valueMatch = /^\s*["']?([^"':#]+?)["']?\s*:\s+["']?[^"'#]*$/.exec(before);
  if (valueMatch) return valueKeys[valueMatch[1]] ?? null;
  // A key being typed: module keys sit directly under a module.properties section.
  if (/^\s*["']?[^:#]*$/.test(before)) {
    const parents = parentKeys(lines, line - 1, indentOf(current));
    if (parents.at(-1) === "module.properties") return "moduleKey";
  }
  return null;
}

export type Suggestion = { label: string; insertText: string; detail: string };

export function suggestionsFor(kind: CompletionKind, data: CompletionData): Suggestion[] {
  switch (kind) {
    case "executor":
      return data.executors.map((id) => ({ label: id, insertText: id, detail: "executor" }));
    case "bundle":
      return data.bundles.map((name) => ({ label: name, insertText: quoteIfNeeded(name), detail: "executor.properties bundle" }));
    case "jobDefinition":
      return data.jobDefinitions.map((name) => ({ label: name, insertText: quoteIfNeeded(name), detail: "job definition" }));
    case "moduleKey":
      return data.modules.flatMap((m) => [
        { label: m.name, insertText: `${m.name}:`, detail: "module name" },
        ...m.lsids.map((lsid) => ({ label: lsid, insertText: `"${lsid}":`, detail: `${m.name} (LSID)` })),
      ]);
    default:
      return [];
  }
}

function quoteIfNeeded(value: string): string {
  return /^[A-Za-z0-9_.\-/]+$/.test(value) && !/^\d/.test(value) ? value : JSON.stringify(value);
}
