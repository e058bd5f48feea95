// gp-batch logs JOB_ID [--follow] [--attempt N]: a test job's log. AWS jobs print the CloudWatch stream of the
// attempt (default: the latest); local jobs print stdout.txt, with stderr.txt on standard error.
import { batchClient, logsClient } from "../../aws/clients";
import { getDb } from "../../db";
import { env } from "../../env";
import { isJobFinished, loadJobForLogs, logSourceForJob } from "../../logs/job-log-source";
import type { LogSource, LogStreamInfo } from "../../logs/types";
import { parseCliArgs, UsageError, type CliIo, type Command } from "../command";

const POLL_MS = 1000;

export const command: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, { follow: { type: "boolean" }, attempt: { type: "string" } });
  if (positionals.length !== 1) throw new UsageError("expects exactly one JOB_ID");
  const jobId = Number.parseInt(positionals[0], 10);
  if (!Number.isInteger(jobId) || jobId <= 0 || String(jobId) !== positionals[0]) throw new UsageError(`JOB_ID must be a positive number, got '${positionals[0]}'`);
  const attempt = values.attempt === undefined ? undefined : Number.parseInt(values.attempt, 10);
  if (attempt !== undefined && (!Number.isInteger(attempt) || attempt < 1)) throw new UsageError("--attempt expects a number from 1");

  const db = getDb();
  try {
    const cursors = new Map<string, string | undefined>();
    for (;;) {
      const job = await loadJobForLogs(db, jobId);
      if (!job) {
        io.err(`gp-batch logs: no test job ${jobId}\n`);
        return 1;
      }
      const aws = job.executor === "aws" ? { batch: batchClient(), logs: logsClient() } : {};
      const source = await logSourceForJob(job, { db, localPrefixDir: env().localPrefixDir, ...aws });
      const streams = await source.listStreams();
      const picked = pickStreams(job.executor, streams, attempt);
      if ("error" in picked) {
        io.err(`gp-batch logs: ${picked.error}\n`);
        return 1;
      }
      for (const { stream, write } of picked.streams.map((s, i) => ({ stream: s, write: i === 0 ? io.out : io.err }))) {
        if (!stream.available) {
          if (!cursors.has(stream.id)) io.err(`${stream.label}: ${stream.reason}\n`);
          cursors.set(stream.id, undefined);
          continue;
        }
        cursors.set(stream.id, await drain(source, stream.id, cursors.get(stream.id), write, io));
      }
      if (!values.follow || (isJobFinished(job.state) && job.settled)) return 0;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  } finally {
    await db.$disconnect();
  }
};

function pickStreams(executor: string, streams: LogStreamInfo[], attempt: number | undefined): { streams: LogStreamInfo[] } | { error: string } {
  if (executor !== "aws") {
    if (attempt !== undefined && attempt !== 1) return { error: `local jobs have one attempt; --attempt ${attempt} does not exist` };
    return { streams: streams.filter((s) => s.id === "stdout.txt" || s.id === "stderr.txt") };
  }
  const attempts = streams.filter((s) => s.label.startsWith("attempt "));
  if (attempts.length === 0) return { error: "the job has no attempts yet" };
  if (attempt === undefined) return { streams: [attempts[attempts.length - 1]] };
  const chosen = attempts[attempt - 1];
  return chosen ? { streams: [chosen] } : { error: `the job has ${attempts.length} attempt(s); --attempt ${attempt} does not exist` };
}

async function drain(source: LogSource, stream: string, cursor: string | undefined, write: (s: string) => void, io: CliIo) {
  for (;;) {
    const chunk = await source.read(stream, cursor);
    if (chunk.lines.length) write(chunk.lines.map((l) => l.text).join("\n") + "\n");
    if (chunk.notice) io.err(`${stream}: ${chunk.notice}\n`);
    if (chunk.complete || chunk.cursor === cursor || chunk.lines.length === 0) return chunk.cursor;
    cursor = chunk.cursor;
  }
}
