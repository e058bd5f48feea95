// One process-wide budget for AWS API calls: token buckets (SubmitJob has its own 50/s; other Batch calls and
// CloudWatch Logs reads share smaller ones) plus retries with jittered exponential backoff on throttling.

export type BucketName = "submit" | "batch" | "logs";

export type BucketSpec = { ratePerSec: number; burst: number };

/** SubmitJob is limited to 50/s per account; the other figures stay well under Batch's and CloudWatch's quotas. */
export const DEFAULT_BUCKETS: Record<BucketName, BucketSpec> = {
  submit: { ratePerSec: 50, burst: 50 },
  batch: { ratePerSec: 20, burst: 20 },
  logs: { ratePerSec: 5, burst: 10 },
};

export type Clock = { now: () => number; sleep: (ms: number) => Promise<void> };

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((r) => setTimeout(r, ms)) };

/** A token bucket; `take()` waits until a token is free. Waiters are served in call order. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly spec: BucketSpec, private readonly clock: Clock = realClock) {
    this.tokens = spec.burst;
    this.last = clock.now();
  }

  private refill() {
    const now = this.clock.now();
    this.tokens = Math.min(this.spec.burst, this.tokens + ((now - this.last) / 1000) * this.spec.ratePerSec);
    this.last = now;
  }

  take(): Promise<void> {
    const next = this.queue.then(async () => {
      this.refill();
      while (this.tokens < 1) {
        await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.spec.ratePerSec) * 1000));
        this.refill();
      }
      this.tokens -= 1;
    });
    this.queue = next;
    return next;
  }
}

const THROTTLING_CODES = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "ProvisionedThroughputExceededException",
  "SlowDown",
  "RequestThrottled",
  "RequestThrottledException",
]);

type AwsLikeError = { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };

/** True for the errors AWS uses to say "slow down" (and plain HTTP 429). */
export function isThrottlingError(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const e = error as AwsLikeError;
  return (
    Boolean(e.$retryable?.throttling) ||
    THROTTLING_CODES.has(e.name ?? "") ||
    THROTTLING_CODES.has(e.code ?? "") ||
    e.$metadata?.httpStatusCode === 429
  );
}

/** Transient failures worth another try: throttling, 5xx answers and dropped connections. */
export function isRetryableError(error: unknown): boolean {
  if (isThrottlingError(error)) return true;
  if (!error || typeof error !== "object") return false;
  const e = error as AwsLikeError & { code?: string };
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (status >= 500) return true;
  return ["ECONNRESET", "ETIMEDOUT", "EPIPE", "ECONNREFUSED", "TimeoutError"].includes(e.code ?? e.name ?? "");
}

export type RetryOptions = { maxAttempts?: number; baseDelayMs?: number; maxDelayMs?: number; random?: () => number };

/** "Full jitter" backoff: a random delay up to base·2^attempt, capped. */
export function backoffDelay(attempt: number, opts: RetryOptions = {}): number {
  const base = opts.baseDelayMs ?? 200;
  const cap = opts.maxDelayMs ?? 20_000;
  const random = opts.random ?? Math.random;
  return Math.floor(random() * Math.min(cap, base * 2 ** attempt));
}

export class RateBudget {
  private readonly buckets: Record<BucketName, TokenBucket>;

  constructor(specs: Record<BucketName, BucketSpec> = DEFAULT_BUCKETS, private readonly clock: Clock = realClock) {
    this.buckets = {
      submit: new TokenBucket(specs.submit, clock),
      batch: new TokenBucket(specs.batch, clock),
      logs: new TokenBucket(specs.logs, clock),
    };
  }

  take(bucket: BucketName): Promise<void> {
    return this.buckets[bucket].take();
  }

  /** Runs `call` under the budget; throttled and transient failures are retried with jittered backoff. */
  async run<T>(bucket: BucketName, call: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
    const maxAttempts = opts.maxAttempts ?? 6;
    for (let attempt = 0; ; attempt++) {
      await this.take(bucket);
      try {
        return await call();
      } catch (error) {
        if (attempt + 1 >= maxAttempts || !isRetryableError(error)) throw error;
        await this.clock.sleep(backoffDelay(attempt, opts));
      }
    }
  }
}

/** Which bucket an SDK command draws from. */
export function bucketForCommand(service: "batch" | "logs", commandName: string): BucketName {
  if (service === "logs") return "logs";
  return commandName === "SubmitJobCommand" ? "submit" : "batch";
}

const globalBudget = globalThis as unknown as { gpBatchRateBudget?: RateBudget };

/** The shared budget of this process. */
export function rateBudget(): RateBudget {
  globalBudget.gpBatchRateBudget ??= new RateBudget();
  return globalBudget.gpBatchRateBudget;
}
