// Refreshes the job-definition backups on a schedule: one interval per server process, started on first use.
import type { Db } from "../db";
import { openJobDefinitionRegistry } from "./open-registry";
import { refreshSnapshots } from "./snapshots";

export const SNAPSHOT_INTERVAL_MS = 15 * 60 * 1000;

const state = globalThis as unknown as { gpBatchJobDefSchedule?: ReturnType<typeof setInterval> };

export function ensureSnapshotSchedule(db: Db, intervalMs = SNAPSHOT_INTERVAL_MS): void {
  if (state.gpBatchJobDefSchedule) return;
  state.gpBatchJobDefSchedule = setInterval(() => {
    refreshSnapshots(db, openJobDefinitionRegistry(db)).catch((error) => {
      // A failed scheduled refresh (AWS down, expired credentials) must not crash the server; the next view retries.
      console.error(`job-definition backup refresh failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }, intervalMs);
  state.gpBatchJobDefSchedule.unref?.();
}
