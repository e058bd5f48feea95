// Logs of an AWS Batch job from CloudWatch Logs: one stream per attempt, read forward page by page.
import {
  CloudWatchLogsClient,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  type OutputLogEvent,
} from "@aws-sdk/client-cloudwatch-logs";
import { describeAwsError } from "../aws/clients";
import { clip } from "./decode";
import type { LogChunk, LogLine, LogSource, LogStreamInfo } from "./types";

export const DEFAULT_LOG_GROUP = "/aws/batch/job";

/** A stored page: the events GetLogEvents returned for `token` and the token it handed back. */
export type CachedPage = { token: string; nextToken: string; lines: LogLine[] };

/** Where pages are kept so reopening a finished job costs no AWS call. */
export type LogPageCache = {
  get(stream: string, token: string): Promise<CachedPage | undefined>;
  put(stream: string, page: CachedPage): Promise<void>;
};

/** The parts of a DescribeJobs `jobs[]` entry the log source needs. */
export type BatchJobLogInfo = {
  status?: string;
  statusReason?: string;
  container?: { logStreamName?: string };
  attempts?: { container?: { logStreamName?: string }; statusReason?: string }[];
};

export type CloudWatchOptions = {
  client: CloudWatchLogsClient;
  logGroupName: string;
  job: BatchJobLogInfo;
  cache?: LogPageCache;
  /** Called before every AWS call: the shared rate budget (CloudWatch reads are limited to a few per second). */
  beforeCall?: () => Promise<void>;
  /** Pages read per `read()` call, so a huge stream arrives in chunks. */
  maxPagesPerRead?: number;
};

/** The log group a job definition sends to: its awslogs-group option, else Batch's default. */
export function logGroupForJobDefinition(jobDefinition: unknown): string {
  const def = jobDefinition as { containerProperties?: { logConfiguration?: { logDriver?: string; options?: Record<string, string> } } } | null;
  const config = def?.containerProperties?.logConfiguration;
  const group = config?.logDriver === "awslogs" ? config.options?.["awslogs-group"] : undefined;
  return group && group.trim() !== "" ? group : DEFAULT_LOG_GROUP;
}

const TERMINAL = new Set(["SUCCEEDED", "FAILED"]);

/** One entry per attempt: finished attempts from `attempts`, the running one from `container`. */
export function streamsOfJob(job: BatchJobLogInfo): LogStreamInfo[] {
  const attempts = (job.attempts ?? []).map((a, i) => ({ name: a.container?.logStreamName, reason: a.statusReason, index: i }));
  const current = job.container?.logStreamName;
  if (current && !attempts.some((a) => a.name === current)) attempts.push({ name: current, reason: undefined, index: attempts.length });
  if (attempts.length === 0) {
    attempts.push({ name: undefined, reason: job.statusReason, index: 0 });
  }
  return attempts.map((a) =>
    a.name
      ? { id: a.name, label: `attempt ${a.index + 1}`, available: true }
      : {
          id: `attempt-${a.index + 1}`,
          label: `attempt ${a.index + 1}`,
          available: false,
          reason: `No log stream: the attempt never reached RUNNING${a.reason || job.statusReason ? ` (${a.reason ?? job.statusReason})` : ""}${job.status ? `; job status ${job.status}` : ""}`,
        },
  );
}

export class CloudWatchLogSource implements LogSource {
  constructor(private readonly options: CloudWatchOptions) {}

  private get finished() {
    return TERMINAL.has(this.options.job.status ?? "");
  }

  async listStreams() {
    return streamsOfJob(this.options.job);
  }

  /**
   * Reads forward from `cursor` (a nextForwardToken; "" = the head). CloudWatch signals the end of a stream by handing
   * back the token it was given; an empty page with a new token is NOT the end, so paging goes on.
   */
  async read(streamId: string, cursor = ""): Promise<LogChunk> {
    const known = (await this.listStreams()).find((s) => s.id === streamId);
    if (!known?.available) {
      return { lines: [], cursor, complete: true, notice: known?.reason ?? `Unknown log stream '${streamId}'` };
    }
    const lines: LogLine[] = [];
    let token = cursor;
    const maxPages = this.options.maxPagesPerRead ?? 50;
    for (let page = 0; page < maxPages; page++) {
      let result: CachedPage;
      try {
        result = await this.page(streamId, token);
      } catch (error) {
        return { lines, cursor: token, complete: false, notice: `CloudWatch Logs: ${describeAwsError(error)}` };
      }
      lines.push(...result.lines);
      if (result.nextToken === token) return { lines, cursor: token, complete: this.finished };
      token = result.nextToken;
    }
    return { lines, cursor: token, complete: false };
  }

  async search(streamId: string, pattern: string): Promise<LogLine[]> {
    const hits: LogLine[] = [];
    let nextToken: string | undefined;
    do {
      await this.options.beforeCall?.();
      const out = await this.options.client.send(
        new FilterLogEventsCommand({
          logGroupName: this.options.logGroupName,
          logStreamNames: [streamId],
          // A quoted term is matched literally by CloudWatch's filter syntax.
          filterPattern: `"${pattern.replace(/"/g, '\\"')}"`,
          nextToken,
        }),
      );
      hits.push(...(out.events ?? []).map(toLine));
      nextToken = out.nextToken;
    } while (nextToken);
    return hits;
  }

  private async page(stream: string, token: string): Promise<CachedPage> {
    const cached = await this.options.cache?.get(stream, token);
    if (cached) return cached;
    await this.options.beforeCall?.();
    const out = await this.options.client.send(
      new GetLogEventsCommand({
        logGroupName: this.options.logGroupName,
        logStreamName: stream,
        startFromHead: true,
        ...(token ? { nextToken: token } : {}),
      }),
    );
    const page: CachedPage = { token, nextToken: out.nextForwardToken ?? token, lines: (out.events ?? []).map(toLine) };
    // The last page of a running job can still grow; every other page is final.
    if (page.nextToken !== token || this.finished) await this.options.cache?.put(stream, page);
    return page;
  }
}

function toLine(event: OutputLogEvent | { timestamp?: number; message?: string }): LogLine {
  return { ts: event.timestamp ?? null, text: clip((event.message ?? "").replace(/\r?\n$/, "")) };
}
