// Executor on AWS Batch through the SDK: SubmitJob as JSON, DescribeJobs in batches of 100, ListJobs by queue and
// status with pagination, TerminateJob with a reason. Rate limits and retries come from the client's budget.
import {
  DescribeJobsCommand,
  ListJobsCommand,
  SubmitJobCommand,
  TerminateJobCommand,
  type BatchClient,
  type JobDetail,
} from "@aws-sdk/client-batch";
import type { BatchState, Executor, JobDescription, JobSummaryRow, SubmitJobInput } from "../types";

export const DESCRIBE_BATCH_SIZE = 100;
export const CANCEL_REASON = "Cancelled from GenePattern";

export function toJobDescription(job: JobDetail): JobDescription {
  const exit = job.container?.exitCode;
  return {
    jobId: job.jobId ?? "",
    jobName: job.jobName,
    status: job.status ?? "UNKNOWN",
    statusReason: job.statusReason,
    jobQueue: job.jobQueue,
    jobDefinition: job.jobDefinition,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    stoppedAt: job.stoppedAt,
    exitCode: typeof exit === "number" ? exit : null,
    logStreamName: job.container?.logStreamName,
    attempts: job.attempts?.map((a) => ({
      container: { logStreamName: a.container?.logStreamName, exitCode: a.container?.exitCode },
      statusReason: a.statusReason,
      startedAt: a.startedAt,
      stoppedAt: a.stoppedAt,
    })),
  };
}

export class AwsBatchExecutor implements Executor {
  readonly kind = "aws" as const;

  constructor(private readonly client: BatchClient) {}

  async submit(input: SubmitJobInput): Promise<{ jobId: string }> {
    const out = await this.client.send(new SubmitJobCommand(input));
    // GP kept the CLI's trailing newline in the id (§8 item 12); the SDK gives a clean string, trimmed anyway.
    const jobId = out.jobId?.trim();
    if (!jobId) throw new Error("SubmitJob returned no jobId");
    return { jobId };
  }

  async describeMany(jobIds: string[]): Promise<JobDescription[]> {
    const unique = [...new Set(jobIds.filter((id) => id))];
    const result: JobDescription[] = [];
    for (let i = 0; i < unique.length; i += DESCRIBE_BATCH_SIZE) {
      const out = await this.client.send(new DescribeJobsCommand({ jobs: unique.slice(i, i + DESCRIBE_BATCH_SIZE) }));
      for (const job of out.jobs ?? []) result.push(toJobDescription(job));
    }
    return result;
  }

  async list(queue: string, status: BatchState): Promise<JobSummaryRow[]> {
    const rows: JobSummaryRow[] = [];
    let nextToken: string | undefined;
    do {
      const out = await this.client.send(new ListJobsCommand({ jobQueue: queue, jobStatus: status, nextToken }));
      for (const j of out.jobSummaryList ?? []) {
        rows.push({
          jobId: j.jobId ?? "",
          jobName: j.jobName ?? "",
          status: j.status ?? status,
          statusReason: j.statusReason,
          createdAt: j.createdAt,
          startedAt: j.startedAt,
          stoppedAt: j.stoppedAt,
        });
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return rows;
  }

  async cancel(jobId: string, reason: string = CANCEL_REASON): Promise<void> {
    // GP ignores the answer (§8 item 23); an error here is reported to the caller.
    await this.client.send(new TerminateJobCommand({ jobId, reason }));
  }
}
