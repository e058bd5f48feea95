// The stable list of diagnostic codes (a public interface: the CLI, the editor and tests key on them) and helpers.
import type { Diagnostic, Range, Severity } from "./types";

/** Every code the config engine emits, with its default severity and a one-line meaning. */
export const DIAGNOSTIC_CODES = {
  // Reading and YAML syntax
  "file-unreadable": { severity: "error", summary: "the file could not be read" },
  "binary-content": { severity: "error", summary: "the file is not text (NUL or control bytes)" },
  "yaml-syntax": { severity: "error", summary: "YAML syntax error; GP fails to load the whole file" },
  "yaml-warning": { severity: "warning", summary: "YAML parser warning" },
  "too-many-errors": { severity: "info", summary: "further syntax errors were not listed" },
  "root-not-map": { severity: "error", summary: "the top level of the file is not a map" },
  "alias-expansion-limit": { severity: "error", summary: "aliases expand to too many nodes (billion laughs guard)" },
  "nesting-too-deep": { severity: "error", summary: "nesting is deeper than the engine follows" },
  "duplicate-key": { severity: "warning", summary: "a key appears twice in one map; GP keeps the last value" },
  "complex-key": { severity: "error", summary: "a map or list used as a key" },
  "non-string-key": { severity: "warning", summary: "an unquoted key that YAML 1.1 reads as a number, boolean or null" },
  "unknown-tag": { severity: "warning", summary: "an explicit YAML tag GP does not understand" },
  "merge-invalid": { severity: "error", summary: "a << merge key whose value is not a map or list of maps" },
  // YAML 1.1 coercions (SnakeYAML 1.6)
  "unquoted-date": { severity: "error", summary: "an unquoted ISO date becomes a Date; GP fails to load the whole file" },
  "unquoted-walltime": { severity: "warning", summary: "an unquoted H:MM:SS is read as a base-60 number" },
  "coerced-number": { severity: "warning", summary: "an unquoted number is rewritten by Java's toString (1.10 -> 1.1)" },
  "coerced-boolean": { severity: "info", summary: "yes/no/on/off become true/false" },
  // Structure (reference §1.4)
  "missing-executors": { severity: "error", summary: "no executors section; GP fails to load the file" },
  "section-not-map": { severity: "warning", summary: "a top-level section is not a map and is ignored" },
  "unknown-section": { severity: "info", summary: "a top-level key GP ignores" },
  "executor-invalid": { severity: "error", summary: "an executor entry is neither a class name nor a map" },
  "executor-classname-missing": { severity: "error", summary: "a long-form executor without a string classname" },
  "executor-configuration-not-map": { severity: "error", summary: "executors.<id>.configuration.properties is not a map" },
  "executor-defaults-not-map": { severity: "warning", summary: "executors.<id>.default.properties is not a map and is ignored" },
  "unknown-executor-key": { severity: "warning", summary: "a key directly under a long-form executor that GP ignores" },
  "bundle-not-map": { severity: "warning", summary: "an executor.properties bundle that is not a map is ignored" },
  "module-entry-not-map": { severity: "warning", summary: "a module.properties entry that is not a map is skipped" },
  "null-body": { severity: "error", summary: "a user or group with an empty body makes GP fail (NPE)" },
  "body-not-map": { severity: "error", summary: "a user or group body that is not a map" },
  "nested-module-properties-not-map": { severity: "error", summary: "a nested module.properties that is not a map fails the whole file" },
  "list-item-not-scalar": { severity: "error", summary: "a list item that is a map or list; GP fails the whole file" },
  // Schema of well-known keys
  "schema": { severity: "warning", summary: "a well-known key has a value GP cannot use" },
  // GP semantics
  "module-key-name-version": { severity: "warning", summary: "name:version module keys never match in module.properties" },
  "module-key-bad-lsid": { severity: "warning", summary: "an LSID module key that GP cannot parse; only name matching applies" },
  "unknown-executor": { severity: "error", summary: "executor / failover_executor names an executor not in executors" },
  "unknown-executor-props": { severity: "warning", summary: "executor.props names a bundle not in executor.properties" },
  "substitution-cycle": { severity: "error", summary: "config values substitute each other in a cycle (GP overflows the stack)" },
  "unknown-token": { severity: "warning", summary: "a <token> in a command line with no value; GP substitutes nothing" },
  "one-char-tail": { severity: "warning", summary: "GP drops a one-character tail after the last token of an argument" },
  "job-definition-key-alias": { severity: "warning", summary: "aws-batch-job-definition-name is not read; GP reads job.awsbatch.job-definition-name" },
  "job-queue-key-alias": { severity: "warning", summary: "aws-batch-job-queue is not read; GP reads job.queue" },
  "s3-root-no-prefix": { severity: "warning", summary: "aws-s3-root needs a prefix after the bucket (s3://bucket/prefix)" },
  "mutable-image-tag": { severity: "warning", summary: "a docker image with :latest or no tag is not reproducible" },
  "unknown-job-definition": { severity: "warning", summary: "a job definition name that is not registered" },
  "memory-without-unit": { severity: "warning", summary: "a memory value without a unit; GP reads gigabytes" },
  "walltime-out-of-range": { severity: "warning", summary: "an AWS Batch walltime under 60 s or over 7 days; the submit script resets it to 4 h" },
  "shadowed-default": { severity: "warning", summary: "a default.properties key the default executor's default.properties overrides" },
} as const satisfies Record<string, { severity: Severity; summary: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Builds a diagnostic with the code's default severity unless one is given. */
export function diagnostic(
  code: DiagnosticCode,
  message: string,
  path: (string | number)[],
  range: Range,
  extra: { severity?: Severity; fix?: Diagnostic["fix"] } = {},
): Diagnostic {
  const d: Diagnostic = { severity: extra.severity ?? DIAGNOSTIC_CODES[code].severity, code, message, path: [...path], range };
  if (extra.fix) d.fix = extra.fix;
  return d;
}

export const FILE_START: Range = { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** File order, then severity: the order the CLI and the editor list them in. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.col - b.range.start.col ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}

export function hasErrors(list: Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** Levenshtein distance, for the "did you mean" hints on misspelled names. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
