// The one way to write config_custom.yaml: validate, check the base hash, write atomically, keep a revision and
// an audit entry. The editor, module mappings, job definitions and environments all save through saveConfig.
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { recordAudit } from "../audit/record-audit";
import type { Db } from "../db";
import { writeFileAtomic } from "./atomic-write";
import { FileLockTimeoutError, withFileLock } from "./file-lock";
import { ConfigFileError, MAX_CONFIG_BYTES, hashText, readConfigFile } from "./config-file";
import { BASELINE_AUTHOR, createRevision, getRevision, latestRevision, type Revision } from "./revisions";
import { findConflictMarkers } from "./three-way";
import type { Diagnostic } from "./types";
import { validateConfig, type ValidateOptions } from "./validate";

export { ConfigFileError, MAX_CONFIG_BYTES, hashBytes, hashText, readConfigFile, readConfigHash, type ConfigFile } from "./config-file";
export { withFileLock } from "./file-lock";
export { BASELINE_AUTHOR, getRevision, listRevisions, type Revision, type RevisionSummary } from "./revisions";

export type Actor = { id: string | null; username: string };
export type { ValidateOptions };

export type SaveInput = {
  db: Db;
  path: string;
  text: string;
  /** Hash of the text the edit started from (readConfigFile().hash); null when the file did not exist. */
  baseHash: string | null;
  actor: Actor;
  /** Required one-line reason, stored with the revision and the audit entry. */
  reason: string;
  /** Warnings refuse the save unless the caller confirms them. */
  confirmWarnings?: boolean;
  /** Passed to validateConfig (manifests for token checks, job-definition names). */
  validate?: Omit<ValidateOptions, "fileName">;
  /** Audit action name; callers other than the editor may name theirs (e.g. "modules.mapping"). */
  action?: string;
  /** Set by restoreRevision. */
  restoredFrom?: number;
};

export type SaveResult =
  | { ok: true; unchanged: boolean; hash: string; revisionId: number | null; diff: string; warnings: Diagnostic[] }
  | { ok: false; code: "invalid"; message: string; diagnostics: Diagnostic[] }
  | { ok: false; code: "needs-confirmation"; message: string; diagnostics: Diagnostic[] }
  | { ok: false; code: "conflict"; message: string; current: { text: string; hash: string } | null }
  | { ok: false; code: "reason-required" | "too-large" | "unreadable" | "busy"; message: string };

type Current = { exists: true; text: string; hash: string } | { exists: false; text: ""; hash: null };

async function readCurrent(file: string): Promise<Current> {
  try {
    const { text, hash } = await readConfigFile(file);
    return { exists: true, text, hash };
  } catch (err) {
    if (err instanceof ConfigFileError && err.code === "not-found") return { exists: false, text: "", hash: null };
    throw err;
  }
}

export function unifiedDiff(file: string, before: string, after: string): string {
  return createTwoFilesPatch(file, file, before, after, "before", "after", { context: 3 });
}

/** Splits validation into what refuses a save (errors) and what needs a confirm (warnings). */
export function checkForSave(text: string, fileName: string, options: Omit<ValidateOptions, "fileName"> = {}) {
  const diagnostics = validateConfig(text, { ...options, fileName });
  for (const line of findConflictMarkers(text)) {
    diagnostics.push({
      severity: "error",
      code: "merge-conflict-marker",
      message: "Unresolved merge conflict marker: keep one side and remove the marker lines.",
      path: [],
      range: { start: { line, col: 1 }, end: { line, col: 8 } },
    });
  }
  return {
    errors: diagnostics.filter((d) => d.severity === "error"),
    warnings: diagnostics.filter((d) => d.severity === "warning"),
    diagnostics,
  };
}

function describe(diags: Diagnostic[], limit = 5): string {
  const shown = diags.slice(0, limit).map((d) => `line ${d.range.start.line}:${d.range.start.col} ${d.code}: ${d.message}`);
  return shown.join("; ") + (diags.length > limit ? `; and ${diags.length - limit} more` : "");
}

/** Validates and writes a new version of the config file; never writes a file with errors or over a newer one. */
export async function saveConfig(input: SaveInput): Promise<SaveResult> {
  const reason = input.reason.trim();
  if (!reason) return { ok: false, code: "reason-required", message: "Give a one-line reason for this change." };
  if (/[\r\n]/.test(reason)) return { ok: false, code: "reason-required", message: "The reason must be a single line." };
  const size = Buffer.byteLength(input.text, "utf8");
  if (size > MAX_CONFIG_BYTES) {
    return { ok: false, code: "too-large", message: `The new text is ${size} bytes; at most ${MAX_CONFIG_BYTES} bytes can be saved.` };
  }

  const fileName = path.basename(input.path);
  const { errors, warnings } = checkForSave(input.text, fileName, input.validate);
  if (errors.length > 0) {
    return { ok: false, code: "invalid", message: `Not saved: ${errors.length} error(s). ${describe(errors)}`, diagnostics: errors };
  }
  if (warnings.length > 0 && !input.confirmWarnings) {
    return {
      ok: false,
      code: "needs-confirmation",
      message: `${warnings.length} warning(s) need a confirm before saving. ${describe(warnings)}`,
      diagnostics: warnings,
    };
  }

  try {
    return await withFileLock(input.path, () => writeLocked(input, reason, fileName, warnings));
  } catch (err) {
    if (err instanceof FileLockTimeoutError) return { ok: false, code: "busy", message: err.message };
    throw err;
  }
}

/** The part of a save that runs under the file lock: conflict check, baseline, write, revision, audit. */
async function writeLocked(input: SaveInput, reason: string, fileName: string, warnings: Diagnostic[]): Promise<SaveResult> {
  let current: Current;
  try {
    current = await readCurrent(input.path);
  } catch (err) {
    if (err instanceof ConfigFileError) return { ok: false, code: "unreadable", message: err.message };
    throw err;
  }
  if (current.hash !== input.baseHash) {
    return {
      ok: false,
      code: "conflict",
      message: current.exists
        ? "The config file changed since you loaded it (another admin or an edit on disk). Merge your edit with the current version."
        : "The config file was deleted since you loaded it.",
      current: current.exists ? { text: current.text, hash: current.hash } : null,
    };
  }
  const newHash = hashText(input.text);
  if (current.exists && current.text === input.text) {
    return { ok: true, unchanged: true, hash: newHash, revisionId: null, diff: "", warnings };
  }

  // Keep what is on disk as a revision when the history does not have it yet (first save, or an edit made
  // outside the dashboard), so restoring it is always possible.
  const latest = await latestRevision(input.db, input.path);
  if (current.exists && latest?.hash !== current.hash) {
    await createRevision(input.db, {
      path: input.path,
      text: current.text,
      hash: current.hash,
      authorName: BASELINE_AUTHOR,
      reason: latest ? "Changed outside the dashboard (kept before the next save)" : "Baseline: the file as found before the first save",
    });
  }

  await writeFileAtomic(input.path, input.text);
  const diff = unifiedDiff(fileName, current.text, input.text);
  const revision = await input.db.$transaction(async (tx) => {
    const row = await createRevision(tx, {
      path: input.path,
      text: input.text,
      hash: newHash,
      authorName: input.actor.username,
      reason,
      restoredFrom: input.restoredFrom,
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: input.action ?? (input.restoredFrom ? "config.restore" : "config.save"),
      target: `config:${input.path}`,
      before: current.hash ? { hash: current.hash } : null,
      after: { hash: newHash, revision: row.id, ...(input.restoredFrom ? { restoredFrom: input.restoredFrom } : {}) },
      diff,
      reason,
    });
    return row;
  });
  return { ok: true, unchanged: false, hash: newHash, revisionId: revision.id, diff, warnings };
}

export type RestoreInput = Omit<SaveInput, "text" | "restoredFrom" | "reason"> & { revisionId: number; reason?: string };

/** Saves an old revision's text as a new revision, through the same validation and conflict check as any save. */
export async function restoreRevision(input: RestoreInput): Promise<SaveResult | { ok: false; code: "not-found"; message: string }> {
  const revision: Revision | null = await getRevision(input.db, input.revisionId);
  if (!revision || revision.path !== input.path) {
    return { ok: false, code: "not-found", message: `Revision #${input.revisionId} of ${input.path} does not exist.` };
  }
  const note = input.reason?.trim();
  return saveConfig({
    ...input,
    text: revision.text,
    reason: `Restore revision #${revision.id}${note ? `: ${note}` : ""}`,
    restoredFrom: revision.id,
  });
}
