// Data access for job logs: finds the test job (read permission) and the log source that serves it.
import "server-only";
import { assertCan } from "../auth/roles";
import { batchClient, logsClient } from "../aws/clients";
import { env } from "../env";
import { isJobFinished, loadJobForLogs, logSourceForJob, type JobForLogs } from "../logs/job-log-source";
import type { LogSource } from "../logs/types";
import type { DataContext } from "./context";

export type JobLogs = { job: JobForLogs; running: boolean; source: LogSource };

export async function getJobLogs({ db, user }: DataContext, jobId: number): Promise<JobLogs | null> {
  assertCan(user, "read");
  const job = await loadJobForLogs(db, jobId);
  if (!job) return null;
  const aws = job.executor === "aws" ? { batch: batchClient(), logs: logsClient() } : {};
  const source = await logSourceForJob(job, { db, localPrefixDir: env().localPrefixDir, ...aws });
  return { job, running: !isJobFinished(job.state) || !job.settled, source };
}
