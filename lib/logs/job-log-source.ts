// Picks the log source of a test job: the local executor's meta files, or CloudWatch for an AWS Batch job
// (plus the meta files GP copies back after stage-out, as extra tabs).
import { BatchClient, DescribeJobDefinitionsCommand, DescribeJobsCommand } from "@aws-sdk/client-batch";
import type { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import type { Db } from "../db";
import { localLogLocation } from "../executors/local/paths";
import { CloudWatchLogSource, logGroupForJobDefinition, type BatchJobLogInfo, type CachedPage, type LogPageCache } from "./cloudwatch-log-source";
import { LocalLogSource } from "./local-log-source";
import type { LogChunk, LogSource, LogStreamInfo } from "./types";

export type JobForLogs = {
  id: number;
  executor: string;
  state: string;
  externalId: string | null;
  metaDir: string;
  /** True once stage-out has copied the meta dir back (the "settled" job event). */
  settled: boolean;
};

/** The job fields log reading needs; null when there is no such job. */
export async function loadJobForLogs(db: Db, id: number): Promise<JobForLogs | null> {
  const job = await db.testJob.findUnique({
    where: { id },
    select: { id: true, executor: true, state: true, externalId: true, metaDir: true, events: { where: { kind: "settled" }, select: { id: true }, take: 1 } },
  });
  if (!job) return null;
  const { events, ...rest } = job;
  return { ...rest, settled: events.length > 0 };
}

export type JobLogDeps = {
  db: Db;
  localPrefixDir: string;
  batch?: BatchClient;
  logs?: CloudWatchLogsClient;
  beforeCall?: () => Promise<void>;
};

const TERMINAL = new Set(["SUCCEEDED", "FAILED"]);

export function isJobFinished(state: string) {
  return TERMINAL.has(state);
}

export function localLogSourceFor(job: JobForLogs, localPrefixDir: string) {
  return new LocalLogSource(localLogLocation(job, localPrefixDir, job.settled));
}

export async function logSourceForJob(job: JobForLogs, deps: JobLogDeps): Promise<LogSource> {
  const local = localLogSourceFor(job, deps.localPrefixDir);
  if (job.executor !== "aws" || !job.externalId || !deps.batch || !deps.logs) return local;

  await deps.beforeCall?.();
  const described = (await deps.batch.send(new DescribeJobsCommand({ jobs: [job.externalId] }))).jobs?.[0];
  if (!described) return local;
  let logGroupName = logGroupForJobDefinition(null);
  if (described.jobDefinition) {
    await deps.beforeCall?.();
    const defs = await deps.batch.send(new DescribeJobDefinitionsCommand({ jobDefinitions: [described.jobDefinition] }));
    logGroupName = logGroupForJobDefinition(defs.jobDefinitions?.[0] ?? null);
  }
  const cloud = new CloudWatchLogSource({
    client: deps.logs,
    logGroupName,
    job: described as BatchJobLogInfo,
    cache: dbLogPageCache(deps.db, job.id),
    beforeCall: deps.beforeCall,
  });
  return combineSources(cloud, local);
}

/** CloudWatch streams first, then the meta files; stream ids never collide (meta ids are file names). */
function combineSources(cloud: LogSource, meta: LogSource): LogSource {
  const owner = async (id: string) => ((await cloud.listStreams()).some((s) => s.id === id) ? cloud : meta);
  return {
    async listStreams(): Promise<LogStreamInfo[]> {
      const [a, b] = await Promise.all([cloud.listStreams(), meta.listStreams()]);
      return [...a, ...b];
    },
    async read(id: string, cursor?: string): Promise<LogChunk> {
      return (await owner(id)).read(id, cursor);
    },
    async search(id: string, pattern: string) {
      const source = await owner(id);
      return source.search ? source.search(id, pattern) : [];
    },
  };
}

/** GetLogEvents pages kept in the LogPage table, keyed by job, stream and the token that fetched them. */
export function dbLogPageCache(db: Db, jobId: number): LogPageCache {
  return {
    async get(stream, token) {
      const row = await db.logPage.findUnique({ where: { jobId_attempt_stream_token: { jobId, attempt: 0, stream, token } } });
      return row ? { token, nextToken: row.nextToken ?? token, lines: JSON.parse(row.events) as CachedPage["lines"] } : undefined;
    },
    async put(stream, page) {
      const data = { nextToken: page.nextToken, events: JSON.stringify(page.lines) };
      await db.logPage.upsert({
        where: { jobId_attempt_stream_token: { jobId, attempt: 0, stream, token: page.token } },
        create: { jobId, attempt: 0, stream, token: page.token, ...data },
        update: data,
      });
    },
  };
}

/** Reads a whole stream (for downloads and the CLI), chunk by chunk. */
export async function* readWholeStream(source: LogSource, stream: string) {
  let cursor: string | undefined;
  for (;;) {
    const chunk = await source.read(stream, cursor);
    yield chunk;
    if (chunk.complete || chunk.cursor === cursor || chunk.lines.length === 0) return;
    cursor = chunk.cursor;
  }
}
