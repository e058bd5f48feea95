// The AWS Batch RegisterJobDefinition input shape as a zod schema, and a checker that turns JSON text into
// either a valid definition or diagnostics with line/column positions (unknown fields included).
import { z } from "zod";
import { parseJsonSource, type JsonRange } from "./json-source";

/** Batch rejects job definitions larger than 24 KiB (the request payload). */
export const MAX_JOB_DEFINITION_BYTES = 24 * 1024;

const keyValue = z.strictObject({ name: z.string().min(1), value: z.string() });
const resourceRequirement = z.strictObject({
  type: z.enum(["GPU", "VCPU", "MEMORY"]),
  value: z.string().regex(/^\d+(\.\d+)?$/, "must be a number in a string, e.g. \"2\" or \"2048\""),
});
const volume = z.strictObject({
  name: z.string().min(1).optional(),
  host: z.strictObject({ sourcePath: z.string().optional() }).optional(),
  efsVolumeConfiguration: z.record(z.string(), z.unknown()).optional(),
});
const mountPoint = z.strictObject({
  containerPath: z.string().optional(),
  readOnly: z.boolean().optional(),
  sourceVolume: z.string().optional(),
});
const ulimit = z.strictObject({ name: z.string(), softLimit: z.number().int(), hardLimit: z.number().int() });
const logConfiguration = z.strictObject({
  logDriver: z.enum(["json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens"]),
  options: z.record(z.string(), z.string()).optional(),
  secretOptions: z.array(z.strictObject({ name: z.string(), valueFrom: z.string() })).optional(),
});

export const containerPropertiesSchema = z.strictObject({
  image: z.string().min(1, "image must not be empty"),
  vcpus: z.number().int().positive().optional(),
  memory: z.number().int().positive().optional(),
  command: z.array(z.string()).optional(),
  jobRoleArn: z.string().optional(),
  executionRoleArn: z.string().optional(),
  volumes: z.array(volume).optional(),
  environment: z.array(keyValue).optional(),
  mountPoints: z.array(mountPoint).optional(),
  readonlyRootFilesystem: z.boolean().optional(),
  privileged: z.boolean().optional(),
  ulimits: z.array(ulimit).optional(),
  user: z.string().optional(),
  instanceType: z.string().optional(),
  resourceRequirements: z.array(resourceRequirement).optional(),
  linuxParameters: z.record(z.string(), z.unknown()).optional(),
  logConfiguration: logConfiguration.optional(),
  secrets: z.array(z.strictObject({ name: z.string(), valueFrom: z.string() })).optional(),
  networkConfiguration: z.strictObject({ assignPublicIp: z.enum(["ENABLED", "DISABLED"]).optional() }).optional(),
  fargatePlatformConfiguration: z.strictObject({ platformVersion: z.string().optional() }).optional(),
  ephemeralStorage: z.strictObject({ sizeInGiB: z.number().int() }).optional(),
  runtimePlatform: z
    .strictObject({ operatingSystemFamily: z.string().optional(), cpuArchitecture: z.string().optional() })
    .optional(),
  repositoryCredentials: z.strictObject({ credentialsParameter: z.string() }).optional(),
  enableExecuteCommand: z.boolean().optional(),
});

export const registerJobDefinitionSchema = z
  .strictObject({
    jobDefinitionName: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, "up to 128 letters, digits, hyphens and underscores, starting with a letter or digit"),
    type: z.enum(["container", "multinode"]),
    parameters: z.record(z.string(), z.string()).optional(),
    schedulingPriority: z.number().int().optional(),
    containerProperties: containerPropertiesSchema.optional(),
    nodeProperties: z.record(z.string(), z.unknown()).optional(),
    retryStrategy: z
      .strictObject({
        attempts: z.number().int().min(1).max(10).optional(),
        evaluateOnExit: z.array(z.record(z.string(), z.string())).optional(),
      })
      .optional(),
    propagateTags: z.boolean().optional(),
    timeout: z.strictObject({ attemptDurationSeconds: z.number().int().min(60) }).optional(),
    tags: z.record(z.string(), z.string()).optional(),
    platformCapabilities: z.array(z.enum(["EC2", "FARGATE"])).optional(),
    eksProperties: z.record(z.string(), z.unknown()).optional(),
    ecsProperties: z.record(z.string(), z.unknown()).optional(),
    consumableResourceProperties: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((def, ctx) => {
    if (def.type === "container" && !def.containerProperties && !def.ecsProperties && !def.eksProperties) {
      ctx.addIssue({ code: "custom", path: ["containerProperties"], message: "a container job definition needs containerProperties" });
    }
  });

export type RegisterJobDefinitionInput = z.infer<typeof registerJobDefinitionSchema>;

export type JobDefinitionDiagnostic = {
  severity: "error";
  code: "invalid-json" | "unknown-field" | "invalid-value" | "too-large";
  message: string;
  path: (string | number)[];
  range: JsonRange;
};

export type JobDefinitionCheck =
  | { ok: true; definition: RegisterJobDefinitionInput; bytes: number }
  | { ok: false; diagnostics: JobDefinitionDiagnostic[] };

/** Parses and validates a RegisterJobDefinition JSON document. Never throws. */
export function checkJobDefinitionJson(text: string): JobDefinitionCheck {
  const source = parseJsonSource(text);
  if (!source.ok) {
    const at = { line: source.error.line, col: source.error.col };
    return {
      ok: false,
      diagnostics: [{ severity: "error", code: "invalid-json", message: `Invalid JSON: ${source.error.message}`, path: [], range: { start: at, end: at } }],
    };
  }
  const diagnostics: JobDefinitionDiagnostic[] = [];
  const parsed = registerJobDefinitionSchema.safeParse(source.value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          diagnostics.push({
            severity: "error",
            code: "unknown-field",
            message: `Unknown field "${key}"${path.length ? ` in ${path.join(".")}` : ""}: RegisterJobDefinition does not accept it`,
            path: [...path, key],
            range: source.locate([...path, key], { key: true }),
          });
        }
      } else {
        diagnostics.push({
          severity: "error",
          code: "invalid-value",
          message: `${path.length ? path.join(".") : "document"}: ${issue.message}`,
          path,
          range: source.locate(path),
        });
      }
    }
  }
  const bytes = Buffer.byteLength(JSON.stringify(source.value), "utf8");
  if (bytes > MAX_JOB_DEFINITION_BYTES) {
    diagnostics.push({
      severity: "error",
      code: "too-large",
      message: `The job definition is ${(bytes / 1024).toFixed(1)} KiB; AWS Batch accepts at most 24 KiB`,
      path: [],
      range: source.locate([]),
    });
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col);
  if (diagnostics.length || !parsed.success) return { ok: false, diagnostics };
  return { ok: true, definition: parsed.data, bytes };
}

/** One line per diagnostic, "line:col message", for the CLI and plain-text messages. */
export function formatJobDefinitionDiagnostics(diagnostics: JobDefinitionDiagnostic[], fileName = "job definition"): string {
  return diagnostics.map((d) => `${fileName}:${d.range.start.line}:${d.range.start.col}: ${d.message}`).join("\n");
}
