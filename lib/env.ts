// Runtime settings, read and validated once. Components and pages never read process.env directly.
import path from "node:path";
import { z } from "zod";
import { dataDir as resolveDataDir, databaseUrl } from "./database-url";

const optional = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined));

const envSchema = z.object({
  GP_BATCH_DATA_DIR: optional,
  GP_CONFIG_FILE: optional,
  ADMIN_PASSWORD: optional,
  GP_BATCH_EXECUTOR: z.enum(["local", "aws"]).optional(),
  AWS_REGION: optional,
  AWS_DEFAULT_REGION: optional,
  AWS_PROFILE: optional,
  AWS_ENDPOINT_URL: optional,
  AWS_ENDPOINT_URL_S3: optional,
  AWS_ENDPOINT_URL_BATCH: optional,
  AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: optional,
  GP_URL: optional,
  GP_BATCH_SYNC_ROOTS: optional,
  GP_USER: optional,
  GP_PASSWORD: optional,
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().positive().default(300),
});

export type Env = ReturnType<typeof loadEnv>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env) {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const dataDir = e.GP_BATCH_DATA_DIR ? path.resolve(e.GP_BATCH_DATA_DIR) : resolveDataDir();
  return {
    dataDir,
    databaseUrl: source.DATABASE_URL || databaseUrl(),
    configPath: path.resolve(e.GP_CONFIG_FILE ?? path.join(dataDir, "config_custom.yaml")),
    /** Folder standing in for the S3 bucket in the embedded default. */
    localBucketDir: path.join(dataDir, "bucket"),
    /** Root of the local executor's GP-like tree (jobResults, taskLib, wrapper scripts). */
    gpHomeDir: path.join(dataDir, "gp"),
    /** GP_LOCAL_PREFIX of the local executor: where a job's files live "inside the container". */
    localPrefixDir: path.join(dataDir, "local"),
    adminPassword: e.ADMIN_PASSWORD,
    defaultExecutor: e.GP_BATCH_EXECUTOR ?? "local",
    aws: {
      region: e.AWS_REGION ?? e.AWS_DEFAULT_REGION ?? "us-east-1",
      profile: e.AWS_PROFILE,
      endpoint: e.AWS_ENDPOINT_URL,
      endpoints: {
        s3: e.AWS_ENDPOINT_URL_S3 ?? e.AWS_ENDPOINT_URL,
        batch: e.AWS_ENDPOINT_URL_BATCH ?? e.AWS_ENDPOINT_URL,
        logs: e.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS ?? e.AWS_ENDPOINT_URL,
      },
    },
    gp: { url: e.GP_URL, user: e.GP_USER, password: e.GP_PASSWORD },
    /** Local folders the Sync page may read or write (the data folder, plus GP_BATCH_SYNC_ROOTS, ':'-separated). */
    syncRoots: [dataDir, ...(e.GP_BATCH_SYNC_ROOTS?.split(":").filter(Boolean).map((p) => path.resolve(p)) ?? [])],
    sessionTtlHours: e.SESSION_TTL_HOURS,
    login: { maxAttempts: e.LOGIN_MAX_ATTEMPTS, windowSeconds: e.LOGIN_WINDOW_SECONDS },
  };
}

let cached: Env | undefined;

/** The process-wide settings; tests may call loadEnv() with their own source instead. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
