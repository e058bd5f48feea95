// Carries out a plan: copies in parallel (bounded), then deletes; retries transient failures, stops everything on
// a fatal store error (missing bucket, bad credentials, dead endpoint), and on cancel leaves no partial file behind.
import { setMaxListeners } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { isMd5Etag, Md5Tap, md5Hex } from "../checksum";
import { abortedError, isAbortError, StorageError } from "../errors";
import { dirPrefix } from "../keys";
import type { ObjectStore } from "../object-store";
import { partialNameFor } from "../partial-files";
import { readPlanActions } from "./plan";
import { ProgressTracker } from "./progress";
import { withRetry, type RetryOptions } from "./retry";
import type { PlanAction, SyncPlan, SyncProgress, SyncResult } from "./types";

/** Tuned on bench/sync.bench.ts against s3rver on loopback (see the issue report). */
export const DEFAULT_CONCURRENCY = 32;
/** Files up to this size are read into memory in one go; larger ones are streamed. */
const SMALL_FILE_BYTES = 1024 * 1024;
const DELETE_BATCH = 1000;

export type RunSyncOptions = {
  concurrency?: number;
  onProgress?: (progress: SyncProgress) => void;
  progressIntervalMs?: number;
  signal?: AbortSignal;
  retry?: RetryOptions;
};

export async function runSync(plan: SyncPlan, options: RunSyncOptions = {}): Promise<SyncResult> {
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const internal = new AbortController();
  const onOuterAbort = () => internal.abort();
  options.signal?.addEventListener("abort", onOuterAbort, { once: true });
  if (options.signal?.aborted) internal.abort();
  const signal = internal.signal;
  // Every in-flight request listens for cancellation on the same signal.
  setMaxListeners(0, signal);
  const tracker = new ProgressTracker(plan.totals.filesToCopy, plan.totals.bytesToCopy, plan.totals.filesToDelete);
  for (const r of plan.refused) tracker.recordError({ rel: r.rel, message: `refused: ${r.reason}`, code: "unsafe-key" });
  const emit = () => options.onProgress?.(tracker.snapshot());
  const timer = setInterval(emit, options.progressIntervalMs ?? 250);
  let fatal: StorageError | null = null;
  const fail = (error: StorageError) => {
    if (fatal) return;
    fatal = error;
    internal.abort();
  };
  const mover = plan.direction === "upload" ? uploader(plan) : downloader(plan);

  try {
    await Promise.all(plan.stalePartials.map((p) => fs.promises.rm(p, { force: true })));
    const copies = onlyOp(readPlanActions(plan), "copy");
    let nextId = 0;
    const worker = async () => {
      while (!signal.aborted) {
        const next = await copies.next();
        if (next.done) return;
        const action = next.value;
        const id = nextId++;
        try {
          await withRetry(() => mover(action, (bytes) => tracker.moving(id, bytes), signal), { ...options.retry, signal });
          tracker.finished(id, action.size);
        } catch (error) {
          if (signal.aborted || isAbortError(error)) {
            tracker.moving(id, 0);
            return;
          }
          const e = asStorageError(error);
          tracker.failed(id, action.size, { rel: action.rel, message: e.message, code: e.code });
          if (e.fatal) fail(e);
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await copies.return(undefined);

    if (!signal.aborted && plan.totals.filesToDelete > 0) {
      tracker.phase = "delete";
      await deleteExtras(plan, tracker, signal).catch((error) => {
        if (!isAbortError(error)) fail(asStorageError(error));
      });
    }
  } catch (error) {
    if (!isAbortError(error)) fail(asStorageError(error));
  } finally {
    clearInterval(timer);
    options.signal?.removeEventListener("abort", onOuterAbort);
    await plan.dispose();
  }

  tracker.phase = "done";
  const snapshot = tracker.snapshot();
  const failure = fatal as StorageError | null;
  const result: SyncResult = failure
    ? { ...snapshot, status: "failed", message: failure.message }
    : options.signal?.aborted
      ? { ...snapshot, status: "cancelled", message: "Cancelled" }
      : tracker.errorCount > 0
        ? { ...snapshot, status: "failed", message: `${tracker.errorCount} file(s) failed` }
        : { ...snapshot, status: "succeeded" };
  options.onProgress?.(result);
  return result;
}

async function* onlyOp(actions: AsyncGenerator<PlanAction>, op: PlanAction["op"]): AsyncGenerator<PlanAction> {
  for await (const a of actions) if (a.op === op) yield a;
}

type Mover = (action: PlanAction, onBytes: (bytes: number) => void, signal: AbortSignal) => Promise<void>;

function uploader(plan: SyncPlan): Mover {
  if (plan.src.kind !== "local" || plan.dst.kind !== "store") throw new Error("upload plan expected");
  const root = plan.src.root;
  const store = plan.dst.store;
  const prefix = dirPrefix(plan.dst.prefix);
  return async (action, onBytes, signal) => {
    const file = path.join(root, ...action.rel.split("/"));
    const key = prefix + action.rel;
    try {
      if (store.putFile) {
        await store.putFile(key, file, { size: action.size, signal, onBytes });
      } else if (action.size <= SMALL_FILE_BYTES) {
        // One read; a file that grew past the limit since planning still goes up whole (its new size counts).
        const body = await fs.promises.readFile(file);
        await store.put(key, body, { signal, onBytes });
      } else {
        const st = await fs.promises.stat(file);
        await store.put(key, fs.createReadStream(file, { highWaterMark: 1024 * 1024 }), { size: st.size, signal, onBytes });
      }
    } catch (error) {
      throw asStorageError(error, file);
    }
  };
}

function downloader(plan: SyncPlan): Mover {
  if (plan.src.kind !== "store" || plan.dst.kind !== "local") throw new Error("download plan expected");
  const store: ObjectStore = plan.src.store;
  const prefix = dirPrefix(plan.src.prefix);
  const guard = new DestinationGuard(plan.dst.root);
  return async (action, onBytes, signal) => {
    const parts = action.rel.split("/");
    const dir = await guard.ensureDir(parts.slice(0, -1));
    const file = path.join(dir, parts.at(-1)!);
    const temp = partialNameFor(file);
    try {
      const { body, info } = await store.get(prefix + action.rel, { signal });
      let received: number;
      let md5: string;
      if (info.size <= SMALL_FILE_BYTES) {
        // Small objects: gather in memory and write once (fewer stream and file-system round trips per file).
        const data = await readBody(body, signal, onBytes);
        await fs.promises.writeFile(temp, data);
        received = data.length;
        md5 = md5Hex(data);
      } else {
        const tap = new Md5Tap(undefined, onBytes);
        await pipeline(body, tap, fs.createWriteStream(temp), { signal });
        received = tap.bytes;
        md5 = tap.digests().md5!;
      }
      if (received !== info.size) throw new StorageError("network", `${action.rel}: received ${received} of ${info.size} bytes`);
      if (isMd5Etag(info.etag) && md5 !== info.etag.toLowerCase())
        throw new StorageError("checksum-mismatch", `${action.rel}: the MD5 of the bytes received (${md5}) does not match the ETag ${info.etag}`);
      // aws s3 sync sets the local mtime to LastModified, which makes the next sync's comparison come out equal.
      await fs.promises.utimes(temp, info.lastModified, info.lastModified);
      await fs.promises.rename(temp, file);
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      if (signal.aborted) throw abortedError();
      throw asStorageError(error, file);
    }
  };
}

async function readBody(body: NodeJS.ReadableStream & { destroy?: (e?: Error) => void }, signal: AbortSignal, onBytes: (n: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let n = 0;
  const onAbort = () => body.destroy?.(abortedError());
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    for await (const chunk of body) {
      const b = typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer);
      chunks.push(b);
      n += b.length;
      onBytes(n);
    }
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, n);
}

/**
 * Creates folders under the destination one segment at a time and refuses to pass through a symlink that leads
 * outside it, so no key can make a download write elsewhere.
 */
class DestinationGuard {
  private rootReal: Promise<string>;
  private readonly ready = new Map<string, Promise<string>>();

  constructor(root: string) {
    this.rootReal = fs.promises.mkdir(root, { recursive: true }).then(() => fs.promises.realpath(root));
  }

  ensureDir(parts: string[]): Promise<string> {
    const rel = parts.join("/");
    let p = this.ready.get(rel);
    if (!p) {
      p = parts.length === 0 ? this.rootReal : this.ensureDir(parts.slice(0, -1)).then((parent) => this.step(parent, parts.at(-1)!, rel));
      this.ready.set(rel, p);
      p.catch(() => this.ready.delete(rel));
      if (this.ready.size > 50_000) this.ready.clear();
    }
    return p;
  }

  private async step(parent: string, name: string, rel: string): Promise<string> {
    const next = path.join(parent, name);
    const rootReal = await this.rootReal;
    let st: fs.Stats;
    try {
      st = await fs.promises.lstat(next);
    } catch {
      await fs.promises.mkdir(next).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
      st = await fs.promises.lstat(next);
    }
    if (st.isSymbolicLink()) {
      const real = await fs.promises.realpath(next);
      if (real !== rootReal && !real.startsWith(rootReal + path.sep))
        throw new StorageError("unsafe-key", `Refusing to write under "${rel}": it is a symlink leading outside the destination`);
      return real;
    }
    if (!st.isDirectory()) throw new StorageError("io", `Cannot create folder "${rel}": a file is in the way`);
    return next;
  }
}

async function deleteExtras(plan: SyncPlan, tracker: ProgressTracker, signal: AbortSignal) {
  const deletes = onlyOp(readPlanActions(plan), "delete");
  if (plan.dst.kind === "store") {
    const store = plan.dst.store;
    const prefix = dirPrefix(plan.dst.prefix);
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await withRetry(() => store.delete(batch, { signal }), { signal });
      tracker.filesDeleted += batch.length;
      batch = [];
    };
    for await (const a of deletes) {
      if (signal.aborted) throw abortedError();
      batch.push(prefix + a.rel);
      if (batch.length >= DELETE_BATCH) await flush();
    }
    await flush();
    return;
  }
  const root = plan.dst.root;
  for await (const a of deletes) {
    if (signal.aborted) throw abortedError();
    try {
      await fs.promises.rm(path.join(root, ...a.rel.split("/")), { force: true });
      tracker.filesDeleted++;
    } catch (error) {
      tracker.recordError({ rel: a.rel, message: `delete failed: ${(error as Error).message}` });
    }
  }
}

const networkCodes = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "ERR_STREAM_PREMATURE_CLOSE"]);

function asStorageError(error: unknown, file?: string): StorageError {
  if (error instanceof StorageError) return error;
  if (isAbortError(error)) return abortedError();
  const e = error as NodeJS.ErrnoException;
  if (e?.code && networkCodes.has(e.code)) return new StorageError("network", `${file ?? ""}: network error (${e.code})`.replace(/^: /, ""), error);
  const where = file ? `${file}: ` : "";
  return new StorageError("io", `${where}${e?.message ?? String(error)}`, error);
}
