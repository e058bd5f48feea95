// Moves a job's files between this machine and the object store under aws-s3-root with GP's key layout
// (<aws-s3-root><absolute path>, reference §5.8), through the sync engine (aws s3 sync semantics: unchanged files
// are skipped, so a module's taskLib is uploaded once). Every step is planned first, so progress has real totals.
import fs from "node:fs";
import path from "node:path";
import { keyForLocalPath } from "../storage/store-for-uri";
import type { ObjectStore } from "../storage/object-store";
import { planSync, runSync, type FilterRule, type SyncLocation } from "../storage/sync";
import type { StageProgress } from "./job-events";

export type TransferStep = {
  label: string;
  /** push: local → store; pull: store → local. */
  direction: "push" | "pull";
  /** The GP path that names the objects (`<aws-s3-root><gpPath>`). */
  gpPath: string;
  /** Where the files are (push) or go (pull) on this machine; gpPath itself, or `<local prefix><gpPath>`. */
  localPath: string;
  /** "file": just this one file (aws s3 sync --exclude "*" --include name); "dir": the whole tree. */
  kind: "file" | "dir";
  /** Missing sources are an error unless optional. */
  optional?: boolean;
};

export type TransferTarget = { store: ObjectStore; s3Root: string };

export class StageError extends Error {}

/** What GP excludes when it pushes a directory (§5.3 step 2). */
const DIR_PUSH_FILTERS: FilterRule[] = [
  { type: "exclude", pattern: "*~" },
  { type: "exclude", pattern: ".DS_Store" },
  { type: "exclude", pattern: ".git*" },
];

function escapeGlob(name: string) {
  return name.replace(/([*?[\]\\])/g, "\\$1");
}

async function checkSource(target: TransferTarget, step: TransferStep): Promise<boolean> {
  if (step.direction === "push") {
    const stat = await fs.promises.stat(step.localPath).catch(() => null);
    const ok = step.kind === "file" ? Boolean(stat?.isFile()) : Boolean(stat?.isDirectory());
    if (!ok && !step.optional) {
      throw new StageError(
        step.kind === "file"
          ? `${step.label}: ${step.localPath} does not exist (it vanished before staging)`
          : `${step.label}: folder ${step.localPath} does not exist`,
      );
    }
    return ok;
  }
  if (step.kind === "file") {
    const info = await target.store.head(keyForLocalPath(target.s3Root, step.gpPath));
    if (!info && !step.optional) throw new StageError(`${step.label}: ${step.gpPath} is not in ${target.store.description}`);
    return Boolean(info);
  }
  return true;
}

/** The sync of one step: a file syncs its parent folder with an include filter, as GP's aws s3 sync calls do. */
function syncArgs(target: TransferTarget, step: TransferStep): { src: SyncLocation; dst: SyncLocation; filters: FilterRule[] } {
  const gpDir = step.kind === "file" ? path.posix.dirname(step.gpPath) : step.gpPath;
  const localDir = step.kind === "file" ? path.dirname(step.localPath) : step.localPath;
  const remote: SyncLocation = { kind: "store", store: target.store, prefix: keyForLocalPath(target.s3Root, gpDir) };
  const local: SyncLocation = { kind: "local", root: localDir };
  const filters: FilterRule[] =
    step.kind === "file"
      ? [{ type: "exclude", pattern: "*" }, { type: "include", pattern: escapeGlob(path.posix.basename(step.gpPath)) }]
      : step.direction === "push"
        ? DIR_PUSH_FILTERS
        : [];
  return step.direction === "push" ? { src: local, dst: remote, filters } : { src: remote, dst: local, filters };
}

export type TransferResult = { files: number; bytes: number; skipped: number; seconds: number };

/** Runs the steps in order (e.g. meta before the working dir) and reports one progress for all of them. */
export async function transferSteps(
  target: TransferTarget,
  steps: TransferStep[],
  opts: { onProgress?: (p: StageProgress) => void; signal?: AbortSignal; concurrency?: number } = {},
): Promise<TransferResult> {
  const started = Date.now();
  // Planning only reads listings, so all steps are planned at once; the copies then run in the steps' order.
  const planned = await Promise.allSettled(
    steps.map(async (step) => {
      if (!(await checkSource(target, step))) return null;
      if (step.direction === "pull") await fs.promises.mkdir(step.kind === "file" ? path.dirname(step.localPath) : step.localPath, { recursive: true });
      const { src, dst, filters } = syncArgs(target, step);
      return { step, plan: await planSync(src, dst, { filters }, { signal: opts.signal }) };
    }),
  );
  const plans = planned.flatMap((r) => (r.status === "fulfilled" && r.value ? [r.value] : []));
  const failed = planned.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await Promise.all(plans.map((p) => p.plan.dispose()));
    throw failed.reason;
  }
  const filesTotal = plans.reduce((n, p) => n + p.plan.totals.filesToCopy, 0);
  const bytesTotal = plans.reduce((n, p) => n + p.plan.totals.bytesToCopy, 0);
  const skipped = plans.reduce((n, p) => n + p.plan.totals.filesToSkip, 0);
  let filesBefore = 0;
  let bytesBefore = 0;
  const report = (step: string, filesDone: number, bytesDone: number, done = false) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    opts.onProgress?.({ step, filesDone, filesTotal, bytesDone, bytesTotal, rate: bytesDone / seconds, done });
  };
  report(steps[0]?.label ?? "", 0, 0);
  for (let i = 0; i < plans.length; i++) {
    const { step, plan } = plans[i];
    if (plan.totals.filesToCopy === 0) {
      await plan.dispose();
      continue;
    }
    const result = await runSync(plan, {
      signal: opts.signal,
      concurrency: opts.concurrency ?? 16,
      progressIntervalMs: 200,
      onProgress: (p) => report(step.label, filesBefore + p.filesDone, bytesBefore + p.bytesDone),
    });
    if (result.status !== "succeeded") {
      await Promise.all(plans.slice(i + 1).map((p) => p.plan.dispose()));
      const first = result.errors[0];
      throw new StageError(`${step.label}: ${result.message ?? (first ? `${first.rel}: ${first.message}` : result.status)}`);
    }
    filesBefore += result.filesDone;
    bytesBefore += result.bytesDone;
  }
  report(steps[steps.length - 1]?.label ?? "", filesBefore, bytesBefore, true);
  return { files: filesBefore, bytes: bytesBefore, skipped, seconds: (Date.now() - started) / 1000 };
}
