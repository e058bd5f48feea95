// Sync runs recorded in the database (SyncRun rows): plan totals, throttled progress, final status and errors.
// Plain TypeScript over a Db handle, so the Sync page, job staging (jobId) and scripts share it.
import { setMaxListeners } from "node:events";
import type { Db } from "../../db";
import { StorageError } from "../errors";
import type { FilterRule } from "./filters";
import { syncLocation } from "./locations";
import { planSync, summarizePlan } from "./plan";
import { DEFAULT_CONCURRENCY, runSync } from "./run";
import type { SyncError, SyncOptions, SyncPlanSummary, SyncProgress, SyncResult } from "./types";

export type SyncRunStatus = "planning" | "running" | "succeeded" | "failed" | "cancelled";

export type StartSyncRunInput = {
  /** Local folder, s3://bucket/prefix or file:/folder. */
  source: string;
  destination: string;
  filters?: FilterRule[];
  delete?: boolean;
  sizeOnly?: boolean;
  exactTimestamps?: boolean;
  /** Plan only: the run ends "succeeded" with its plan and nothing copied. */
  dryRun?: boolean;
  concurrency?: number;
  /** Username (or "system") shown in the run list. */
  startedBy: string;
  /** The test job this run stages in or out. */
  jobId?: number | null;
  /** s3:// served by the local bucket folder (default: env().defaultExecutor === "local"). */
  embedded?: boolean;
};

export type SyncRunView = {
  id: number;
  source: string;
  destination: string;
  dryRun: boolean;
  status: SyncRunStatus;
  startedBy: string;
  jobId: number | null;
  filesTotal: number;
  bytesTotal: number;
  filesDone: number;
  bytesDone: number;
  filesSkipped: number;
  filesDeleted: number;
  filesFailed: number;
  /** Bytes per second. */
  rate: number;
  /** Seconds left, null when unknown. */
  eta: number | null;
  message: string | null;
  errors: SyncError[];
  plan: SyncPlanSummary | null;
  options: SyncOptions & { concurrency?: number };
  createdAt: string;
  finishedAt: string | null;
};

export type StartedSyncRun = { runId: number; done: Promise<SyncRunView> };

type SyncRunRow = NonNullable<Awaited<ReturnType<Db["syncRun"]["findUnique"]>>>;
type StoredErrors = { count: number; message: string | null; items: SyncError[] };

const FLUSH_MS = 1000;
const registry = ((globalThis as { gpSyncRuns?: Map<number, AbortController> }).gpSyncRuns ??= new Map());

export function isSettled(status: string): boolean {
  return status === "succeeded" || status === "failed" || status === "cancelled";
}

export function toSyncRunView(row: SyncRunRow): SyncRunView {
  const errors = parseJson<StoredErrors>(row.errors) ?? { count: 0, message: null, items: [] };
  const bytesTotal = Number(row.bytesTotal);
  const bytesDone = Number(row.bytesDone);
  const settled = isSettled(row.status);
  const left = bytesTotal - bytesDone;
  return {
    id: row.id,
    source: row.source,
    destination: row.destination,
    dryRun: row.dryRun,
    status: row.status as SyncRunStatus,
    startedBy: row.startedBy,
    jobId: row.jobId,
    filesTotal: row.filesTotal,
    bytesTotal,
    filesDone: row.filesDone,
    bytesDone,
    filesSkipped: row.filesSkipped,
    filesDeleted: row.filesDeleted,
    filesFailed: Math.max(0, errors.count),
    rate: row.rate,
    eta: settled ? 0 : left <= 0 ? null : row.rate > 0 ? Math.round(left / row.rate) : null,
    message: errors.message,
    errors: errors.items,
    plan: parseJson<SyncPlanSummary>(row.plan),
    options: parseJson<SyncRunView["options"]>(row.options) ?? {},
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

function parseJson<T>(text: string | null): T | null {
  if (!text) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/**
 * Records a run and starts it in the background: plan (totals stored before any byte moves), then transfer with
 * progress written at most once a second. Resolves as soon as the row exists; `done` settles with the final view.
 */
export async function startSyncRun(db: Db, input: StartSyncRunInput): Promise<StartedSyncRun> {
  const options: SyncOptions = { filters: input.filters ?? [], delete: input.delete, sizeOnly: input.sizeOnly, exactTimestamps: input.exactTimestamps };
  const concurrency = input.concurrency ?? DEFAULT_CONCURRENCY;
  const row = await db.syncRun.create({
    data: {
      source: input.source,
      destination: input.destination,
      options: JSON.stringify({ ...options, concurrency }),
      dryRun: input.dryRun ?? false,
      status: "planning",
      startedBy: input.startedBy,
      jobId: input.jobId ?? null,
    },
  });
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  registry.set(row.id, controller);
  const done = execute(db, row.id, input, options, concurrency, controller).finally(() => registry.delete(row.id));
  done.catch(() => undefined);
  return { runId: row.id, done };
}

async function execute(db: Db, id: number, input: StartSyncRunInput, options: SyncOptions, concurrency: number, controller: AbortController): Promise<SyncRunView> {
  const finish = async (status: SyncRunStatus, fields: Partial<Record<string, unknown>>, errors: StoredErrors) => {
    const updated = await db.syncRun.update({
      where: { id },
      data: { ...fields, status, errors: JSON.stringify(errors), finishedAt: new Date() },
    });
    return toSyncRunView(updated);
  };

  let plan;
  try {
    const src = syncLocation(input.source, { embedded: input.embedded });
    const dst = syncLocation(input.destination, { embedded: input.embedded });
    plan = await planSync(src, dst, options, { signal: controller.signal });
  } catch (error) {
    const cancelled = controller.signal.aborted;
    const message = cancelled ? "Cancelled" : describe(error);
    return finish(cancelled ? "cancelled" : "failed", {}, { count: 0, message, items: [] });
  }

  const summary = summarizePlan(plan);
  const t = plan.totals;
  const planned = {
    plan: JSON.stringify(summary),
    filesTotal: t.filesToCopy,
    bytesTotal: BigInt(t.bytesToCopy),
    filesSkipped: t.filesToSkip,
  };
  if (input.dryRun) {
    await plan.dispose();
    const refused = plan.refused.map((r) => ({ rel: r.rel, message: `refused: ${r.reason}`, code: "unsafe-key" }));
    return finish("succeeded", planned, { count: 0, message: null, items: refused });
  }
  await db.syncRun.update({ where: { id }, data: { ...planned, status: "running" } });

  let lastFlush = 0;
  let flushing: Promise<void> | null = null;
  const flush = async (p: SyncProgress) => {
    // Another process (or a restart) may have cancelled the run through the row itself.
    const current = await db.syncRun.findUnique({ where: { id }, select: { status: true } });
    if (current && current.status === "cancelled") controller.abort();
    await db.syncRun.update({ where: { id }, data: progressFields(p) });
  };
  const result: SyncResult = await runSync(plan, {
    concurrency,
    signal: controller.signal,
    onProgress: (p) => {
      const now = Date.now();
      if (p.phase === "done" || flushing || now - lastFlush < FLUSH_MS) return;
      lastFlush = now;
      flushing = flush(p)
        .catch(() => undefined)
        .finally(() => (flushing = null));
    },
  });
  await flushing;
  return finish(result.status, progressFields(result), { count: result.filesFailed, message: result.message ?? null, items: result.errors });
}

function progressFields(p: SyncProgress) {
  return { filesDone: p.filesDone, bytesDone: BigInt(p.bytesDone), filesDeleted: p.filesDeleted, rate: p.rate };
}

function describe(error: unknown): string {
  if (error instanceof StorageError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Cancels a run: in this process through its AbortController, otherwise by marking the row (its runner checks). */
export async function cancelSyncRun(db: Db, id: number): Promise<boolean> {
  const row = await db.syncRun.findUnique({ where: { id }, select: { status: true } });
  if (!row || isSettled(row.status)) return false;
  const controller = registry.get(id);
  if (controller) {
    controller.abort();
    return true;
  }
  await db.syncRun.update({ where: { id }, data: { status: "cancelled", finishedAt: new Date() } });
  return true;
}

export async function getSyncRunView(db: Db, id: number): Promise<SyncRunView | null> {
  const row = await db.syncRun.findUnique({ where: { id } });
  return row ? toSyncRunView(row) : null;
}

export async function listSyncRunViews(db: Db, options: { limit?: number; jobId?: number } = {}): Promise<SyncRunView[]> {
  const rows = await db.syncRun.findMany({
    where: options.jobId === undefined ? undefined : { jobId: options.jobId },
    orderBy: { id: "desc" },
    take: options.limit ?? 50,
  });
  return rows.map(toSyncRunView);
}
