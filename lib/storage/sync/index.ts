// The sync engine: plan (aws s3 sync semantics, bounded memory), then transfer (parallel, retried, cancellable).
export { compileFilters, escapeFnmatch, filtersFromArgs, type FilterRule } from "./filters";
export { planSync, copyReason, readPlanActions, summarizePlan } from "./plan";
export { runSync, DEFAULT_CONCURRENCY, type RunSyncOptions } from "./run";
export { sync } from "./sync";
export { syncLocation } from "./locations";
export * from "./types";
export { startSyncRun, cancelSyncRun, getSyncRunView, listSyncRunViews, toSyncRunView, isSettled } from "./sync-runs";
export type { StartSyncRunInput, StartedSyncRun, SyncRunView, SyncRunStatus } from "./sync-runs";
