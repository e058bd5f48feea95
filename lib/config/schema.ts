// The one zod schema of config_custom.yaml: sections (reference §1.4), executors in short and long form, and the
// well-known property keys (§1.5, §5.1) with their types and descriptions. Open to unknown keys, as GP is.
// validate.ts checks files with it; configJsonSchema() turns it into the JSON Schema Monaco uses for hover/completion.
import { z } from "zod";

// Values are checked after GP's YAML 1.1 coercion (all scalars are strings then) and, in the editor, as YAML 1.2
// values (numbers and booleans). Every type therefore accepts the string form and the native one.
const text = z.string();
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const list = z.array(scalar);
const propertyValue = z.union([scalar, list, z.record(z.string(), z.unknown())]).describe("A GP property: a value, a list of values, or a map");

// JSON Schema patterns have no flags, so case-insensitivity is spelled out.
const MEMORY = /^\s*\d+(\.\d+)?\s*([bBkKmMgGtTpP][bB]?)?\s*$/;
const WALLTIME = /^(\d+-)?(\d+:){0,2}\d+$/;
const INTEGER = /^[-+]?\d+$/;
const BOOLEAN = /^([Tt]rue|TRUE|[Ff]alse|FALSE|[Yy]es|YES|[Nn]o|NO|[YyNn]|[Oo]n|ON|[Oo]ff|OFF)$/;

const memory = z.union([z.number(), z.string().regex(MEMORY, { error: "expected a memory size such as \"4 Gb\", \"512m\" or \"8\" (Gb)" })]);
const walltime = z.union([z.number(), z.string().regex(WALLTIME, { error: "expected a walltime [D-]HH:MM:SS, MM:SS or seconds, e.g. \"02:00:00\"" })]);
const integer = z.union([z.number().int(), z.string().regex(INTEGER, { error: "expected a whole number" })]);
const boolean = z.union([z.boolean(), z.string().regex(BOOLEAN, { error: "expected true or false" })]);
const textOrList = z.union([text, list]);
const stringMap = z.record(z.string(), z.union([z.string(), z.null()]));

/** Well-known keys. Any of them may appear at any level (default, executor default, bundle, module, group, user). */
export const wellKnownProperties = {
  // Routing and executor selection
  executor: text.describe("Id of the executor (a key of `executors`) that runs the job. Resolved first, for every lookup."),
  failover_executor: text.describe("Executor tried once when picking or starting `executor` throws (GP-9455)."),
  "executor.props": text.describe("Name of an `executor.properties` bundle whose keys act as extra executor defaults for this scope."),
  // Job runner API keys
  "job.queue": text.describe("Queue the job is submitted to. For AWS Batch: the Batch job queue (exported as JOB_QUEUE)."),
  "job.virtualQueue": text.describe("Queue id recorded in the GP database only (takes precedence over job.queue there)."),
  "job.memory": memory.describe("Requested memory, e.g. \"4 Gb\". Units b,k,m,g,t,p (base 1024); **no unit means Gb**. AWS Batch: MEMORY in MiB."),
  "job.javaXmx": memory.describe("Java -Xmx for java-like modules; defaults to job.memory."),
  "job.javaXmxMin": memory.describe("Lower bound for the -Xmx GP writes into java command lines."),
  "job.javaXmxPad": memory.describe("Extra memory requested on top of job.javaXmx."),
  "job.walltime": walltime.describe("Run-time limit, [D-]HH:MM:SS. **Quote it**: unquoted 2:00:00 is the number 7200 in YAML 1.1. AWS Batch: 60 s…7 d, default 4 h."),
  "job.nodeCount": integer.describe("Number of nodes."),
  "job.cpuCount": integer.describe("Number of CPUs (AWS Batch: VCPU). GP passes \"1\" when unset."),
  "job.priority": integer.describe("Scheduler priority."),
  "job.extraArgs": textOrList.describe("Extra scheduler arguments."),
  "job.project": text.describe("Scheduler project / account."),
  "job.logFile": text.describe("File in the working dir that records the command line, e.g. .rte.out."),
  "job.commandPrefix": text.describe("Prepended to the module command line before substitution, e.g. \"<run-with-docker>\"."),
  "job.inputParams": text.describe("File defining the 'Job Options' form (job.memory, job.walltime, job.cpuCount choices)."),
  "job.error_status.exit_value": boolean.describe("A non-zero exit code marks the job failed (default true)."),
  "job.error_status.stderr": boolean.describe("Output on stderr marks the job failed (default false)."),
  "job.docker.image": text.describe("Docker image the module runs in. Config at module/group/user level overrides the manifest. Prefer an immutable tag or digest."),
  "job.docker.image.default": text.describe("Image used when neither config nor manifest nor the lookup table names one (built-in: genepattern/docker-java17:0.12)."),
  "job.docker.image.lookup": stringMap.describe("Map of full LSID, name:version, LSID without version, or name → docker image; used when job.docker.image is unset. Replaced, never merged."),
  "job.FilenameFilter": textOrList.describe("Output files to hide."),
  "job.workingDir": text.describe("Working directory of the job."),
  "job.dispatch.timeout": integer.describe("Milliseconds to wait for dispatch (default 300000)."),
  // Docker and Singularity helpers
  docker: text.describe("Docker executable used by the wrapper scripts."),
  "run-with-docker": text.describe("Wrapper command for running a module in docker (used as <run-with-docker>)."),
  "job.docker.bind_src": text.describe("Docker bind mount source."),
  "job.docker.bind_dst": text.describe("Docker bind mount destination."),
  "job.docker.bind_mounts": textOrList.describe("Directories to bind-mount (AWS Batch: joined with ':' as GP_JOB_DOCKER_BIND_MOUNTS)."),
  singularity: text.describe("Singularity executable."),
  "run-with-singularity": text.describe("Wrapper command for running a module in singularity."),
  "job.singularity.bind_src": text.describe("Singularity bind source."),
  "job.singularity.bind_dst": text.describe("Singularity bind destination."),
  dockerCantRunContainersAsRoot: boolean.describe("Exported as GP_CONTAINER_CANT_RUN_AS_ROOT (default false)."),
  dockerReadOnlyBindMounts: boolean.describe("Exported as GP_READONLY_BIND_MOUNTS (default false)."),
  // Substitution-only keys
  java_flags: text.describe("Flags substituted for <java_flags>; values with tokens are split into several arguments."),
  "env-custom": text.describe("Substituted for <env-custom> by the docker wrapper; \"\" blanks it on purpose."),
  // AWS Batch (reference §5.1)
  "aws-s3-root": text.describe("S3 prefix for staged files, e.g. s3://bucket/gp. Needs a path after the bucket. A local path P is stored at <aws-s3-root>P."),
  "aws-profile": text.describe("AWS profile exported as AWS_PROFILE."),
  "aws-cli": text.describe("Wrapper for aws s3 uploads (default aws-cli.sh)."),
  "aws-batch-script-dir": text.describe("Directory of the AWS Batch scripts; relative to <wrapper-scripts> (default aws_batch)."),
  "aws-batch-script": text.describe("Submit script (default runOnBatch-v0.4.sh)."),
  "aws-batch-check-status-script": text.describe("Status script (default awsCheckStatus.sh)."),
  "aws-batch-synch-script": text.describe("S3 to local sync script (default awsSyncDirectory.sh)."),
  "aws-batch-cancel-job-script": text.describe("Cancel script (default awsCancelJob.sh)."),
  "job.awsbatch.job-definition-name": text.describe("**Required for AWS Batch.** Batch job definition, `name` or `name:revision`."),
  "job.awsbatch.dest-prefix": text.describe("Local prefix inside the container (GP_LOCAL_PREFIX; the v0.4 script defaults to /local)."),
  "job.awsbatch.sync-from-s3-script": text.describe("Name of the generated pull script (default aws-sync-from-s3.sh)."),
  "job.awsbatch.s3-upload-filter": textOrList.describe("Glob patterns of inputs that are not pushed to S3."),
  "aws-job-name-prefix": text.describe("Batch job-name prefix (default GP_Job_)."),
  "required-patches": textOrList.describe("Patch dirs (relative to <patches>) to stage with every job."),
  "external.file.manager.class": text.describe("When set, outputs are left in S3 and only listed."),
  "external.file.manager.pull.zipfiles.for.lsids": text.describe("Comma-separated LSID prefixes whose .zip outputs are pulled and expanded."),
  direct_external_upload_trigger_size: integer.describe("≥0 means inputs may exist only in S3 (default -1)."),
  postJobDeleteScript: text.describe("Run as `<script> bash <jobNo> <jobDir>` after a job is deleted."),
  // Names from the wiki that the server never reads
  "aws-batch-job-definition-name": text.describe("**Not read by GP.** The server reads job.awsbatch.job-definition-name."),
  "aws-batch-job-queue": text.describe("**Not read by GP.** The Batch queue is job.queue."),
} as const;

export type WellKnownKey = keyof typeof wellKnownProperties;

export const propertiesSchema = z
  .object(Object.fromEntries(Object.entries(wellKnownProperties).map(([k, v]) => [k, v.optional()])) as {
    [K in WellKnownKey]: z.ZodOptional<(typeof wellKnownProperties)[K]>;
  })
  .catchall(propertyValue)
  .describe("Properties: any key may appear; well-known keys are typed");

const moduleKey = "A module name, an LSID without version (urn:lsid:auth:ns:id) or with version (…:id:ver). name:version never matches here.";
const modulePropertiesSchema = z.record(z.string().describe(moduleKey), propertiesSchema).describe(`Per-module overrides. Keys: ${moduleKey}`);

const principalSchema = propertiesSchema
  .extend({ "module.properties": modulePropertiesSchema.optional() })
  .describe("Properties for this user or group, with an optional nested module.properties");

export const configurationPropertiesSchema = z
  .object({
    jobRunnerClassname: text.optional().describe("Job runner class (required for org.genepattern.server.executor.drm.JobExecutor)."),
    jobRunnerName: text.optional().describe("Job runner name (default \"0\")."),
    lookupType: z.union([z.enum(["DB", "HASHMAP"]), z.string()]).optional().describe("DB or HASHMAP (default DB)."),
    minDelay: integer.optional().describe("Minimum polling delay in ms (default 100)."),
    maxDelay: integer.optional().describe("Maximum polling delay in ms (default 30000)."),
    useDynamicDelay: boolean.optional().describe("Grow the polling delay over time (default true)."),
    strictMinDelay: boolean.optional().describe("Never poll faster than minDelay (default false)."),
    retryCutoff: z.union([walltime, z.null()]).optional().describe("d-hh:mm:ss (default 1 day; null disables)."),
  })
  .catchall(propertyValue)
  .describe("Passed once at server start to the executor; not visible to property lookups.");

const executorLongSchema = z
  .object({
    classname: text.describe("Fully qualified class name of the executor (required)."),
    "configuration.file": text.optional().describe("Legacy configuration file."),
    "configuration.properties": configurationPropertiesSchema.optional(),
    "default.properties": propertiesSchema.optional().describe("Executor-level defaults (beat top-level default.properties)."),
  })
  .describe("Long form of an executor");

const executorSchema = z.union([text.describe("Short form: the executor's fully qualified class name"), executorLongSchema]);

export const configSchema = z
  .object({
    "default.properties": propertiesSchema.optional().describe("Server-wide defaults (lowest config level)."),
    executors: z
      .record(z.string(), executorSchema)
      .describe("Job runners by id, in order. Required: GP fails to load a file without it. PipelineExec is reserved."),
    "executor.properties": z.record(z.string(), propertiesSchema).optional().describe("Named property bundles, selected with executor.props."),
    "module.properties": modulePropertiesSchema.optional(),
    "group.properties": z.record(z.string(), principalSchema).optional().describe("Per-group overrides, applied in file order (later groups win). '*' is every user."),
    "user.properties": z.record(z.string(), principalSchema).optional().describe("Per-user overrides (highest config level)."),
  })
  .catchall(z.unknown())
  .describe("GenePattern config_custom.yaml");

export type ConfigFile = z.infer<typeof configSchema>;

let cachedJsonSchema: Record<string, unknown> | null = null;

/** JSON Schema (draft-07, what yaml-language-server inside monaco-yaml reads best) of the whole file. */
export function configJsonSchema(): Record<string, unknown> {
  cachedJsonSchema ??= z.toJSONSchema(configSchema, { target: "draft-7", unrepresentable: "any", io: "input", reused: "ref" }) as Record<string, unknown>;
  return cachedJsonSchema;
}
