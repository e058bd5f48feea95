// Storage failures with one clear message each, instead of SDK stack traces.
export type StorageErrorCode =
  | "no-such-bucket"
  | "bad-credentials"
  | "access-denied"
  | "endpoint-unreachable"
  | "not-found"
  | "unsafe-key"
  | "checksum-mismatch"
  | "throttled"
  | "network"
  | "aborted"
  | "invalid-uri"
  | "io"
  | "unknown";

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = "StorageError";
  }

  /** Worth another attempt after a pause. */
  get retryable(): boolean {
    return this.code === "throttled" || this.code === "network";
  }

  /** Nothing else in the same store can work either: stop the whole sync. */
  get fatal(): boolean {
    return this.code === "no-such-bucket" || this.code === "bad-credentials" || this.code === "endpoint-unreachable";
  }
}

export function isAbortError(error: unknown): boolean {
  if (error instanceof StorageError) return error.code === "aborted";
  const e = error as { name?: string; code?: string } | null;
  return e?.name === "AbortError" || e?.code === "ABORT_ERR";
}

export function abortedError(): StorageError {
  return new StorageError("aborted", "The sync was cancelled");
}
