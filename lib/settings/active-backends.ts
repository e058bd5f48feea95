// Which backends the app uses, decided from settings alone: S3 storage only when AWS mode is on AND the config's
// aws-s3-root is an s3:// URL; the AWS Batch executor only when GP_BATCH_EXECUTOR=aws. Everything else is local.
import fs from "node:fs";
import { parse } from "yaml";

export type ActiveBackends = {
  storage: { kind: "s3" | "local"; location: string; why: string };
  executor: { kind: "aws" | "local"; why: string };
};

export function decideBackends(input: { executorMode: "aws" | "local"; s3Root: string | null; localBucketDir: string }): ActiveBackends {
  const aws = input.executorMode === "aws";
  const isS3 = Boolean(input.s3Root?.startsWith("s3://"));
  const storage: ActiveBackends["storage"] =
    aws && isS3
      ? { kind: "s3", location: input.s3Root!, why: "GP_BATCH_EXECUTOR=aws and aws-s3-root is an s3:// URL" }
      : {
          kind: "local",
          location: input.localBucketDir,
          why: !aws
            ? "GP_BATCH_EXECUTOR is not aws (embedded default)"
            : input.s3Root
              ? `aws-s3-root (${input.s3Root}) is not an s3:// URL`
              : "the config sets no aws-s3-root",
        };
  const executor: ActiveBackends["executor"] = aws
    ? { kind: "aws", why: "GP_BATCH_EXECUTOR=aws" }
    : { kind: "local", why: "GP_BATCH_EXECUTOR is not aws (embedded default)" };
  return { storage, executor };
}

/**
 * aws-s3-root as the config file sets it: default.properties first, else the first executor that sets it.
 * Lenient on purpose (a broken file reads as "not set"); the config editor reports the file's problems.
 */
export function readS3Root(configText: string): string | null {
  let doc: unknown;
  try {
    doc = parse(configText, { version: "1.1" });
  } catch {
    return null;
  }
  if (!doc || typeof doc !== "object") return null;
  const record = doc as Record<string, unknown>;
  const fromMap = (value: unknown): string | null => {
    if (!value || typeof value !== "object") return null;
    const v = (value as Record<string, unknown>)["aws-s3-root"];
    return typeof v === "string" && v.trim() ? v.trim() : null;
  };
  const top = fromMap(record["default.properties"]);
  if (top) return top;
  const executors = record["executors"];
  if (executors && typeof executors === "object") {
    for (const executor of Object.values(executors as Record<string, unknown>)) {
      if (!executor || typeof executor !== "object") continue;
      const e = executor as Record<string, unknown>;
      const found = fromMap(e["default.properties"]) ?? fromMap(e["configuration.properties"]);
      if (found) return found;
    }
  }
  return null;
}

export function readS3RootFromFile(configPath: string): { s3Root: string | null; exists: boolean } {
  if (!fs.existsSync(configPath)) return { s3Root: null, exists: false };
  return { s3Root: readS3Root(fs.readFileSync(configPath, "utf8")), exists: true };
}
