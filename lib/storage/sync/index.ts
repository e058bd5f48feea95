// The sync engine: plan (aws s3 sync semantics, bounded memory), then transfer (parallel, retried, cancellable).
//   planSync(src, dst, options) → plan with true totals (spooled actions); runSync(plan, { concurrency, onProgress,
//   signal }) → result; sync() does both (dryRun: plan only). syncLocation("s3://b/p" | "/folder" | "file:/x",
//   { embedded }) builds a side. startSyncRun(db, input) records a SyncRun row (jobId for job staging) and runs it
//   in the background; cancelSyncRun(db, id); listSyncRunViews(db, { jobId }).
export { compileFilters, escapeFnmatch, filtersFromArgs, type FilterRule } from "./filters";
export { planSync, copyReason, readPlanActions, summarizePlan } from "./plan";
export { runSync, DEFAULT_CONCURRENCY, type RunSyncOptions } from "./run";
export { sync } from "./sync";
export { syncLocation } from "./locations";
export * from "./types";
export { startSyncRun, cancelSyncRun, getSyncRunView, listSyncRunViews, toSyncRunView, isSettled } from "./sync-runs";
export type { StartSyncRunInput, StartedSyncRun, SyncRunView, SyncRunStatus } from "./sync-runs";
