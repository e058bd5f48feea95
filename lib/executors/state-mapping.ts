// AWS Batch status → GenePattern's DrmJobState (reference §5.6), and the state a test job records.

export type DrmJobState = "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "UNDETERMINED";

const DRM_STATE: Record<string, DrmJobState> = {
  SUBMITTED: "QUEUED",
  PENDING: "QUEUED",
  RUNNABLE: "QUEUED",
  STARTING: "RUNNING",
  RUNNING: "RUNNING",
  SUCCEEDED: "DONE",
  FAILED: "FAILED",
};

/** GP-9100: Batch may report a timed-out attempt as SUCCEEDED with this reason. */
export const TIMEOUT_REASON_MARK = "duration exceeded timeout";

export type MappedState = {
  /** What GP's AWSBatchJobRunner would report. */
  drm: DrmJobState;
  /** The state the test job records: the Batch status, except SUCCEEDED-with-timeout becomes FAILED. */
  state: string;
  terminal: boolean;
};

export function mapBatchStatus(status: string | undefined, statusReason?: string | null): MappedState {
  const s = (status ?? "").toUpperCase();
  const drm = DRM_STATE[s] ?? "UNDETERMINED";
  if (drm === "DONE" && (statusReason ?? "").includes(TIMEOUT_REASON_MARK)) {
    return { drm: "FAILED", state: "FAILED", terminal: true };
  }
  return { drm, state: drm === "UNDETERMINED" ? s || "UNKNOWN" : s, terminal: drm === "DONE" || drm === "FAILED" };
}

/** GP's exit-code rule (§5.6 step 3): exit_code.txt wins; 142 is GP's own walltime alarm (TERM_RUNLIMIT). */
export function finalExitCode(fromExitCodeFile: number | null, containerExitCode: number | null): { exitCode: number | null; source: "exit_code.txt" | "container" | "none"; gpTimeout: boolean } {
  if (fromExitCodeFile !== null) return { exitCode: fromExitCodeFile, source: "exit_code.txt", gpTimeout: fromExitCodeFile === 142 };
  if (containerExitCode !== null && containerExitCode >= 0) return { exitCode: containerExitCode, source: "container", gpTimeout: false };
  return { exitCode: null, source: "none", gpTimeout: false };
}
