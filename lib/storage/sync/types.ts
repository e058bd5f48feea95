// Shapes shared by the sync planner, runner, CLI, data layer and UI.
import type { ObjectStore } from "../object-store";
import type { FilterRule } from "./filters";

/** One side of a sync: a local folder, or a prefix in a store ("" or "dir/..."; a trailing "/" is implied). */
export type SyncLocation = { kind: "local"; root: string } | { kind: "store"; store: ObjectStore; prefix: string };

export type SyncOptions = {
  filters?: FilterRule[];
  /** Delete destination files that are not in the source (filtered-out ones are kept). */
  delete?: boolean;
  /** Compare sizes only. */
  sizeOnly?: boolean;
  /** Copy when the timestamps differ at all, not only when the source is newer. */
  exactTimestamps?: boolean;
};

export type SyncDirection = "upload" | "download";

export type PlanAction = {
  op: "copy" | "delete";
  rel: string;
  size: number;
  /** Source mtime (copy) or destination mtime (delete), ms since epoch. */
  mtimeMs: number;
  reason: "new" | "size" | "newer" | "timestamp" | "extra";
};

export type PlanTotals = {
  filesToCopy: number;
  bytesToCopy: number;
  filesToSkip: number;
  bytesToSkip: number;
  filesToDelete: number;
  bytesToDelete: number;
  filesExcluded: number;
  filesRefused: number;
};

export type PlanIssue = { rel: string; reason: string };

export type SyncPlanSummary = {
  direction: SyncDirection;
  source: string;
  destination: string;
  options: SyncOptions;
  totals: PlanTotals;
  /** The first actions, for a dry-run display. */
  sample: PlanAction[];
  /** Source keys refused because they would write outside the destination (first 100). */
  refused: PlanIssue[];
  /** Local entries left out: symlinks leading out of the tree, special files (first 100). */
  skipped: PlanIssue[];
  listingPrefix: string;
  planMs: number;
};

export type SyncPlan = SyncPlanSummary & {
  src: SyncLocation;
  dst: SyncLocation;
  /** NDJSON spool of every action, so memory stays bounded for any tree size. */
  actionsFile: string;
  /** Interrupted transfers' leftovers found in a local destination, removed by runSync. */
  stalePartials: string[];
  /** Removes the spool; runSync calls it when done. */
  dispose(): Promise<void>;
};

export type SyncError = { rel: string; message: string; code?: string };

export type SyncProgress = {
  phase: "transfer" | "delete" | "done";
  filesTotal: number;
  filesDone: number;
  bytesTotal: number;
  bytesDone: number;
  filesFailed: number;
  filesDeleted: number;
  deletesTotal: number;
  /** Bytes per second over the last few seconds. */
  rate: number;
  /** Seconds left, or null when unknown. */
  eta: number | null;
  elapsedMs: number;
  errors: SyncError[];
};

export type SyncStatus = "succeeded" | "failed" | "cancelled";

export type SyncResult = SyncProgress & { status: SyncStatus; message?: string };

export function describeLocation(loc: SyncLocation): string {
  if (loc.kind === "local") return loc.root;
  const base = loc.store.description;
  return loc.prefix ? `${base}/${loc.prefix}` : base;
}
