// The AWS SDK clients every area shares: region, profile and endpoints from env() (AWS_ENDPOINT_URL and the
// per-service variables), the config's aws-profile when given, and every call drawn from the shared rate budget.
import { BatchClient } from "@aws-sdk/client-batch";
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { env } from "../env";
import { bucketForCommand, rateBudget } from "./rate-budget";

export type AwsClientOptions = {
  /** The config's `aws-profile`; falls back to AWS_PROFILE, then the default credential chain. */
  profile?: string | null;
  region?: string | null;
  endpoint?: string | null;
};

type Settings = { region: string; profile?: string; endpoint?: string };

function settingsFor(service: "batch" | "logs", opts: AwsClientOptions): Settings {
  const aws = env().aws;
  return {
    region: opts.region ?? aws.region,
    profile: opts.profile ?? aws.profile,
    endpoint: opts.endpoint ?? (service === "batch" ? aws.endpoints.batch : aws.endpoints.logs),
  };
}

type Budgeted = { middlewareStack: { add: (...args: never[]) => void } };

/** Every command waits for a token; throttling and transient errors are retried by the budget (not the SDK). */
function withBudget<C extends Budgeted>(client: C, service: "batch" | "logs"): C {
  const add = client.middlewareStack.add as unknown as (
    mw: (next: (args: unknown) => Promise<unknown>, context: { commandName?: string }) => (args: unknown) => Promise<unknown>,
    opts: { step: "initialize"; name: string },
  ) => void;
  add(
    (next, context) => (args) => rateBudget().run(bucketForCommand(service, context.commandName ?? ""), () => next(args)),
    { step: "initialize", name: "gpBatchRateBudget" },
  );
  return client;
}

const cache = new Map<string, BatchClient | CloudWatchLogsClient>();

/** One client per service and settings, so the budget middleware is added once and connections are reused. */
function cachedClient<C extends BatchClient | CloudWatchLogsClient>(
  service: "batch" | "logs",
  opts: AwsClientOptions,
  create: (config: { region: string; profile?: string; endpoint?: string; maxAttempts: number }) => C,
): C {
  const s = settingsFor(service, opts);
  const k = JSON.stringify([service, s.region, s.profile ?? "", s.endpoint ?? ""]);
  let client = cache.get(k) as C | undefined;
  if (!client) {
    client = withBudget(create({ region: s.region, profile: s.profile, endpoint: s.endpoint, maxAttempts: 1 }), service);
    cache.set(k, client);
  }
  return client;
}

export function batchClient(opts: AwsClientOptions = {}): BatchClient {
  return cachedClient("batch", opts, (config) => new BatchClient(config));
}

export function logsClient(opts: AwsClientOptions = {}): CloudWatchLogsClient {
  return cachedClient("logs", opts, (config) => new CloudWatchLogsClient(config));
}

/** A readable one-line message for an AWS error (shown as is in the UI and the CLI). */
export function describeAwsError(error: unknown): string {
  if (error && typeof error === "object") {
    const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : "";
    const name = e.name && e.name !== "Error" ? `${e.name}: ` : "";
    return `${name}${e.message ?? String(error)}${status}`;
  }
  return String(error);
}
