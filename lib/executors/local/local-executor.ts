// The embedded executor: takes the same SubmitJob request as AWS Batch and runs it on this machine (see
// run-local-job.ts). Job ids are "local-<test job id>"; describe/list read the test-job rows.
import type { Db } from "../../db";
import { describeLocalJobDefinition } from "../../jobdefs/local-registry";
import type { BatchState, Executor, JobDescription, JobSummaryRow, SubmitContext, SubmitJobInput } from "../types";
import { cancelLocalJob, runLocalJob } from "./run-local-job";

export class LocalExecutorError extends Error {}

export function localJobId(testJobId: number): string {
  return `local-${testJobId}`;
}

export function testJobIdOf(localId: string): number | null {
  const m = /^local-(\d+)$/.exec(localId);
  return m ? Number(m[1]) : null;
}

export type LocalExecutorOptions = {
  /** How the job is supervised: in this process (server, CLI --wait) or by a caller-provided launcher. */
  launch?: (testJobId: number) => void;
};

export class LocalExecutor implements Executor {
  readonly kind = "local" as const;

  constructor(private readonly db: Db, private readonly options: LocalExecutorOptions = {}) {}

  async submit(input: SubmitJobInput, ctx: SubmitContext): Promise<{ jobId: string }> {
    const ref = input.jobDefinition ?? "";
    const definition = await describeLocalJobDefinition(this.db, ref);
    if (!definition) {
      throw new LocalExecutorError(`Job definition ${ref} is not registered in the local job-definition registry (register it on the Job definitions page)`);
    }
    if (definition.status !== "ACTIVE") throw new LocalExecutorError(`Job definition ${ref} is INACTIVE`);
    const launch = this.options.launch ?? ((id: number) => void runLocalJob(this.db, id));
    launch(ctx.testJobId);
    return { jobId: localJobId(ctx.testJobId) };
  }

  async describeMany(jobIds: string[]): Promise<JobDescription[]> {
    const ids = jobIds.map(testJobIdOf).filter((n): n is number => n !== null);
    if (ids.length === 0) return [];
    const rows = await this.db.testJob.findMany({
      where: { id: { in: ids }, executor: "local" },
      select: { id: true, moduleName: true, state: true, statusReason: true, queue: true, jobDefinition: true, createdAt: true, startedAt: true, stoppedAt: true, exitCode: true },
    });
    return rows.map((r) => ({
      jobId: localJobId(r.id),
      jobName: r.moduleName,
      status: r.state,
      statusReason: r.statusReason ?? undefined,
      jobQueue: r.queue ?? undefined,
      jobDefinition: r.jobDefinition ?? undefined,
      createdAt: r.createdAt.getTime(),
      startedAt: r.startedAt?.getTime(),
      stoppedAt: r.stoppedAt?.getTime(),
      exitCode: r.exitCode,
    }));
  }

  async list(queue: string, status: BatchState): Promise<JobSummaryRow[]> {
    const rows = await this.db.testJob.findMany({
      where: { executor: "local", queue, state: status },
      orderBy: { id: "desc" },
      take: 1000,
      select: { id: true, moduleName: true, state: true, statusReason: true, createdAt: true, startedAt: true, stoppedAt: true },
    });
    return rows.map((r) => ({
      jobId: localJobId(r.id),
      jobName: r.moduleName,
      status: r.state,
      statusReason: r.statusReason ?? undefined,
      createdAt: r.createdAt.getTime(),
      startedAt: r.startedAt?.getTime(),
      stoppedAt: r.stoppedAt?.getTime(),
    }));
  }

  async cancel(jobId: string, reason: string): Promise<void> {
    const id = testJobIdOf(jobId);
    if (id === null) throw new LocalExecutorError(`${jobId} is not a local job id`);
    await cancelLocalJob(this.db, id, reason);
  }
}
