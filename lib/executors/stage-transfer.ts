// Moves a job's files between this machine and the object store under aws-s3-root with GP's key layout
// (<aws-s3-root><absolute path>, reference §5.8), reporting files/bytes/rate against totals known up front.
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { keyForLocalPath } from "../storage/store-for-uri";
import { unsafeKeyReason } from "../storage/keys";
import { walkSorted } from "../storage/local-walk";
import type { ObjectStore } from "../storage/object-store";
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

type FileOp = { step: TransferStep; key: string; local: string; size: number };

export type TransferTarget = { store: ObjectStore; s3Root: string };

export class StageError extends Error {}

/** Skipped when pushing directories, as GP's `aws s3 sync` excludes them (§5.3 step 2). */
function excludedName(name: string) {
  return name.endsWith("~") || name === ".DS_Store" || name.startsWith(".git");
}

async function planStep(target: TransferTarget, step: TransferStep): Promise<FileOp[]> {
  const baseKey = keyForLocalPath(target.s3Root, step.gpPath);
  if (step.direction === "push") {
    if (step.kind === "file") {
      const stat = await fs.promises.stat(step.localPath).catch(() => null);
      if (!stat?.isFile()) {
        if (step.optional) return [];
        throw new StageError(`${step.label}: ${step.localPath} does not exist (it vanished before staging)`);
      }
      return [{ step, key: baseKey, local: step.localPath, size: stat.size }];
    }
    const exists = await fs.promises.stat(step.localPath).catch(() => null);
    if (!exists?.isDirectory()) {
      if (step.optional) return [];
      throw new StageError(`${step.label}: folder ${step.localPath} does not exist`);
    }
    const ops: FileOp[] = [];
    for await (const entry of walkSorted(step.localPath)) {
      if (entry.rel.split("/").some(excludedName)) continue;
      ops.push({ step, key: `${baseKey}/${entry.rel}`, local: entry.path, size: entry.size });
    }
    return ops;
  }
  if (step.kind === "file") {
    const info = await target.store.head(baseKey);
    if (!info) {
      if (step.optional) return [];
      throw new StageError(`${step.label}: ${baseKey} is not in ${target.store.description}`);
    }
    return [{ step, key: baseKey, local: step.localPath, size: info.size }];
  }
  const ops: FileOp[] = [];
  const prefix = `${baseKey}/`;
  for await (const info of target.store.list(prefix)) {
    const rel = info.key.slice(prefix.length);
    const unsafe = unsafeKeyReason(rel);
    if (unsafe) throw new StageError(`${step.label}: refusing key ${info.key}: ${unsafe}`);
    ops.push({ step, key: info.key, local: path.join(step.localPath, rel), size: info.size });
  }
  if (ops.length === 0 && !step.optional) {
    // An empty folder is staged as nothing, like aws s3 sync; still create it so the job can cd into it.
    await fs.promises.mkdir(step.localPath, { recursive: true });
  }
  return ops;
}

async function runOp(target: TransferTarget, op: FileOp, onBytes: (n: number) => void, signal?: AbortSignal) {
  if (op.step.direction === "push") {
    let sent = 0;
    await target.store.put(op.key, fs.createReadStream(op.local), {
      size: op.size,
      signal,
      onBytes: (n) => {
        onBytes(n - sent);
        sent = n;
      },
    });
    if (sent < op.size) onBytes(op.size - sent);
    return;
  }
  await fs.promises.mkdir(path.dirname(op.local), { recursive: true });
  const { body, info } = await target.store.get(op.key, { signal });
  const partial = `${op.local}.gp-partial`;
  body.on("data", (chunk: Buffer) => onBytes(chunk.length));
  await pipeline(body, fs.createWriteStream(partial), { signal });
  await fs.promises.rename(partial, op.local);
  await fs.promises.utimes(op.local, info.lastModified, info.lastModified).catch(() => undefined);
}

export type TransferResult = { files: number; bytes: number; seconds: number };

/** Runs the steps in order (e.g. meta before the working dir), a few files at a time. */
export async function transferSteps(
  target: TransferTarget,
  steps: TransferStep[],
  opts: { onProgress?: (p: StageProgress) => void; signal?: AbortSignal; concurrency?: number } = {},
): Promise<TransferResult> {
  const started = Date.now();
  const plans: FileOp[][] = [];
  for (const step of steps) plans.push(await planStep(target, step));
  const filesTotal = plans.reduce((n, ops) => n + ops.length, 0);
  const bytesTotal = plans.reduce((n, ops) => n + ops.reduce((m, op) => m + op.size, 0), 0);
  let filesDone = 0;
  let bytesDone = 0;
  let current = steps[0]?.label ?? "";
  const report = (done = false) => {
    const seconds = Math.max((Date.now() - started) / 1000, 0.001);
    opts.onProgress?.({ step: current, filesDone, filesTotal, bytesDone, bytesTotal, rate: bytesDone / seconds, done });
  };
  report();
  const concurrency = opts.concurrency ?? 8;
  for (let s = 0; s < steps.length; s++) {
    current = steps[s].label;
    const ops = plans[s];
    let next = 0;
    const worker = async () => {
      while (next < ops.length) {
        const op = ops[next++];
        opts.signal?.throwIfAborted();
        await runOp(target, op, (n) => {
          bytesDone += n;
          report();
        }, opts.signal);
        filesDone++;
        report();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, Math.max(ops.length, 1)) }, worker));
  }
  report(true);
  return { files: filesDone, bytes: bytesDone, seconds: (Date.now() - started) / 1000 };
}
