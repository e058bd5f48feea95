// The Executor contract shared by AWS Batch and the local executor: both take the same SubmitJob request.
import type { SubmitJobRequest } from "@aws-sdk/client-batch";

export type ExecutorKind = "local" | "aws";

/** AWS Batch job states; the local executor uses the same names. */
export const BATCH_STATES = ["SUBMITTED", "PENDING", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED", "FAILED"] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** Test-job states: the Batch ones plus STAGING (stage-in before the submit, as GP does). */
export const TEST_JOB_STATES = ["STAGING", ...BATCH_STATES] as const;

export const TERMINAL_STATES: ReadonlySet<string> = new Set(["SUCCEEDED", "FAILED"]);

export type SubmitJobInput = SubmitJobRequest;

/** The parts of a DescribeJobs entry this product reads (reference §5.6). */
export type JobDescription = {
  jobId: string;
  jobName?: string;
  status: string;
  statusReason?: string;
  jobQueue?: string;
  jobDefinition?: string;
  createdAt?: number;
  startedAt?: number;
  stoppedAt?: number;
  /** container.exitCode; null when absent (GP reads −1). */
  exitCode: number | null;
  logStreamName?: string;
  attempts?: { container?: { logStreamName?: string; exitCode?: number }; statusReason?: string; startedAt?: number; stoppedAt?: number }[];
};

export type JobSummaryRow = { jobId: string; jobName: string; status: string; statusReason?: string; createdAt?: number; startedAt?: number; stoppedAt?: number };

export type SubmitContext = { testJobId: number };

export interface Executor {
  readonly kind: ExecutorKind;
  /** Sends the request; returns the executor's job id. */
  submit(input: SubmitJobInput, ctx: SubmitContext): Promise<{ jobId: string }>;
  /** Describes any number of jobs (batched as the backend requires); unknown ids are simply absent. */
  describeMany(jobIds: string[]): Promise<JobDescription[]>;
  /** Jobs of one queue in one state (all pages). */
  list(queue: string, status: BatchState): Promise<JobSummaryRow[]>;
  cancel(jobId: string, reason: string): Promise<void>;
}
