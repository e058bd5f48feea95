// Retries with exponential backoff and jitter for throttling and network errors.
import { abortedError, isAbortError, StorageError } from "../errors";

export type RetryOptions = { attempts?: number; baseDelayMs?: number; maxDelayMs?: number; signal?: AbortSignal };

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = options.attempts ?? 5;
  const base = options.baseDelayMs ?? 200;
  const max = options.maxDelayMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw abortedError();
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.signal?.aborted || isAbortError(error)) throw abortedError();
      const retryable = error instanceof StorageError && (error.retryable || error.code === "checksum-mismatch");
      if (!retryable || attempt >= attempts) throw error;
      const delay = Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
      await sleep(delay, options.signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
