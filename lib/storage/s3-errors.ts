// Turns SDK and socket errors into one StorageError with a sentence an operator can act on.
import { StorageError } from "./errors";

type Context = { bucket: string; key?: string; endpoint?: string };

const credentialCodes = new Set([
  "InvalidAccessKeyId",
  "SignatureDoesNotMatch",
  "ExpiredToken",
  "InvalidToken",
  "TokenRefreshRequired",
  "CredentialsProviderError",
  "InvalidClientTokenId",
  "UnrecognizedClientException",
]);
const throttleCodes = new Set(["SlowDown", "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "RequestTimeout", "RequestTimeTooSkewed", "ServiceUnavailable", "InternalError"]);
const unreachableCodes = new Set(["ECONNREFUSED", "ENOTFOUND", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
const networkCodes = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "TimeoutError", "RequestTimeoutException"]);

export function describeS3Error(error: unknown, ctx: Context): StorageError {
  if (error instanceof StorageError) return error;
  const e = (error ?? {}) as { name?: string; code?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: { code?: string } };
  const name = e.Code ?? e.name ?? "";
  const sysCode = e.code ?? e.cause?.code ?? "";
  const status = e.$metadata?.httpStatusCode;
  const where = ctx.key ? `s3://${ctx.bucket}/${ctx.key}` : `s3://${ctx.bucket}`;
  const endpoint = ctx.endpoint ? ` at ${ctx.endpoint}` : "";

  if (name === "AbortError" || sysCode === "ABORT_ERR") return new StorageError("aborted", "The sync was cancelled", error);
  if (name === "NoSuchBucket") return new StorageError("no-such-bucket", `Bucket "${ctx.bucket}" does not exist${endpoint}`, error);
  if (credentialCodes.has(name) || name === "CredentialsProviderError" || /credential/i.test(name))
    return new StorageError("bad-credentials", `The S3 credentials were rejected or are missing${endpoint} (${name}): check AWS_PROFILE / the aws-profile setting`, error);
  if (name === "AccessDenied" || status === 403) return new StorageError("access-denied", `Access denied to ${where}${endpoint}`, error);
  if (name === "NoSuchKey" || name === "NotFound" || status === 404) return new StorageError("not-found", `${where} does not exist`, error);
  if (unreachableCodes.has(sysCode) || unreachableCodes.has(name))
    return new StorageError("endpoint-unreachable", `Cannot reach the S3 endpoint${endpoint || ""} (${sysCode || name})`, error);
  if (throttleCodes.has(name) || status === 503 || status === 429 || (status !== undefined && status >= 500))
    return new StorageError("throttled", `${where}: the server asked to slow down or failed (${name || status})`, error);
  if (networkCodes.has(sysCode) || networkCodes.has(name) || /socket hang up|network/i.test(e.message ?? ""))
    return new StorageError("network", `${where}: network error (${sysCode || name})`, error);
  return new StorageError("unknown", `${where}: ${name ? `${name}: ` : ""}${e.message ?? String(error)}`, error);
}
