// The SubmitJob request GenePattern's runOnBatch-v0.4.sh sends (reference §5.4), built as JSON for the SDK:
// no CLI shorthand, so paths and names with commas or spaces survive (§8 item 15).
import type { SubmitJobInput } from "../types";

export const DEFAULT_WALLTIME_SEC = 14_400;
export const MIN_WALLTIME_SEC = 60;
export const MAX_WALLTIME_SEC = 604_800;
export const DEFAULT_JOB_NAME_PREFIX = "GP_Job_";
export const DEFAULT_SYNC_SCRIPT_NAME = "aws-sync-from-s3.sh";
/** runOnBatch-v0.4.sh defaults GP_LOCAL_PREFIX to /local when job.awsbatch.dest-prefix is empty. */
export const DEFAULT_LOCAL_PREFIX = "/local";
const MEMORY_MB_RANGE = [400, 1_000_000] as const;
const VCPU_RANGE = [1, 256] as const;

/** Everything the request depends on, already resolved from the config (see submit-test-job.ts). */
export type SubmitRequestSpec = {
  /** GP's job number; here the test job id. */
  jobNo: number | string;
  moduleName: string;
  moduleLsid: string;
  userId: string;
  taskLibDir: string;
  workDir: string;
  metaDir: string;
  /** `<workdir>/.inputs_for_<jobNo>` (created, left empty; still passed). */
  inputDir: string;
  /** aws-s3-root */
  s3Root: string;
  jobQueue: string;
  /** job.awsbatch.job-definition-name: `name` or `name:revision`. */
  jobDefinition: string;
  walltimeSec: number | null;
  memoryMb: number | null;
  cpuCount: number | null;
  dockerImage: string;
  /** job.docker.bind_mounts, or the parent dirs of the staged inputs plus the working dir. */
  bindMounts: string[];
  /** job.awsbatch.dest-prefix */
  localPrefix?: string | null;
  syncScriptName?: string | null;
  jobNamePrefix?: string | null;
  cantRunAsRoot?: boolean;
  readonlyBindMounts?: boolean;
};

export type WalltimeDecision = { seconds: number; note?: string };

/** GP resets a missing or out-of-range walltime to 4 h rather than clamping it (§5.4 step 2, §8 item 22). */
export function batchTimeoutSeconds(walltimeSec: number | null | undefined): WalltimeDecision {
  if (walltimeSec === null || walltimeSec === undefined || !Number.isFinite(walltimeSec)) {
    return { seconds: DEFAULT_WALLTIME_SEC, note: `no job.walltime: using GP's default of ${DEFAULT_WALLTIME_SEC} s (4 h)` };
  }
  const seconds = Math.round(walltimeSec);
  if (seconds < MIN_WALLTIME_SEC || seconds > MAX_WALLTIME_SEC) {
    return {
      seconds: DEFAULT_WALLTIME_SEC,
      note: `job.walltime ${seconds} s is outside ${MIN_WALLTIME_SEC}…${MAX_WALLTIME_SEC} s: GP silently resets it to ${DEFAULT_WALLTIME_SEC} s (4 h)`,
    };
  }
  return { seconds };
}

/**
 * `<prefix><jobNo>_<module name, letters and digits only>`, then limited to what Batch accepts: letters, digits,
 * `_` and `-`, starting with a letter or digit, at most 128 characters (GP keeps spaces and `^`: §8 item 15).
 */
export function batchJobName(prefix: string | null | undefined, jobNo: number | string, moduleName: string): string {
  const moduleLetters = moduleName.replace(/[^A-Za-z0-9]/g, "");
  const raw = `${prefix ?? DEFAULT_JOB_NAME_PREFIX}${jobNo}_${moduleLetters}`;
  const clean = raw.replace(/[^A-Za-z0-9_-]/g, "").replace(/^[^A-Za-z0-9]+/, "");
  return (clean || `GP_Job_${jobNo}`).slice(0, 128);
}

export function effectiveLocalPrefix(destPrefix: string | null | undefined): string {
  return destPrefix && destPrefix.trim() !== "" ? destPrefix.trim() : DEFAULT_LOCAL_PREFIX;
}

function inRange(value: number | null, [min, max]: readonly [number, number]): value is number {
  return value !== null && Number.isFinite(value) && value >= min && value <= max;
}

export function buildSubmitJobInput(spec: SubmitRequestSpec): SubmitJobInput {
  const timeout = batchTimeoutSeconds(spec.walltimeSec);
  const localPrefix = effectiveLocalPrefix(spec.localPrefix);
  const syncScript = spec.syncScriptName || DEFAULT_SYNC_SCRIPT_NAME;
  const bindMounts = spec.bindMounts.join(":");
  const stderrFile = `${spec.metaDir}/stderr.txt`;
  // Order as runOnBatch-v0.4.sh lists them; GP_JOB_METADATA_DIR appears twice there, once here.
  const environment: [string, string][] = [
    ["GP_JOB_METADATA_DIR", spec.metaDir],
    ["STDERR_FILENAME", stderrFile],
    ["GP_JOB_ID", String(spec.jobNo)],
    ["GP_USER_ID", spec.userId],
    ["GP_JOB_WORKING_DIR", spec.workDir],
    ["GP_WORKING_DIR", spec.workDir],
    ["GP_METADATA_DIR", spec.metaDir],
    ["GP_MODULE_NAME", spec.moduleName],
    ["GP_MODULE_LSID", spec.moduleLsid],
    ["GP_MODULE_DIR", spec.taskLibDir],
    ["GP_TASKLIB", spec.taskLibDir],
    ["AWS_S3_PREFIX", spec.s3Root],
    ["S3_ROOT", spec.s3Root],
    ["GP_S3_ROOT", spec.s3Root],
    ["GP_LOCAL_PREFIX", localPrefix],
    ["GP_AWS_SYNC_SCRIPT_NAME", syncScript],
    ["GP_JOB_DOCKER_BIND_MOUNTS", bindMounts],
    ["GP_DOCKER_MOUNT_POINTS", bindMounts],
    ["GP_JOB_DOCKER_IMAGE", spec.dockerImage],
    ["GP_DOCKER_CONTAINER", spec.dockerImage],
    ["GP_JOB_WALLTIME_SEC", String(timeout.seconds)],
    ["GP_CONTAINER_CANT_RUN_AS_ROOT", String(Boolean(spec.cantRunAsRoot))],
    ["GP_READONLY_BIND_MOUNTS", String(Boolean(spec.readonlyBindMounts))],
  ];
  const resourceRequirements: { type: "MEMORY" | "VCPU"; value: string }[] = [];
  if (inRange(spec.memoryMb, MEMORY_MB_RANGE)) resourceRequirements.push({ type: "MEMORY", value: String(Math.ceil(spec.memoryMb)) });
  if (inRange(spec.cpuCount, VCPU_RANGE)) resourceRequirements.push({ type: "VCPU", value: String(Math.floor(spec.cpuCount)) });

  const input: SubmitJobInput = {
    jobName: batchJobName(spec.jobNamePrefix, spec.jobNo, spec.moduleName),
    jobQueue: spec.jobQueue,
    jobDefinition: spec.jobDefinition,
    parameters: {
      taskLib: spec.taskLibDir,
      inputFileDirectory: spec.inputDir,
      s3_root: spec.s3Root,
      working_dir: spec.workDir,
      exe1: `${spec.metaDir}/exec.sh`,
    },
    containerOverrides: {
      environment: environment.map(([name, value]) => ({ name, value })),
      ...(resourceRequirements.length > 0 ? { resourceRequirements } : {}),
    },
    timeout: { attemptDurationSeconds: timeout.seconds },
  };
  return input;
}

/** Notes a reviewer should see next to the request (values GP would drop or reset). */
export function submitRequestNotes(spec: SubmitRequestSpec): string[] {
  const notes: string[] = [];
  const timeout = batchTimeoutSeconds(spec.walltimeSec);
  if (timeout.note) notes.push(timeout.note);
  if (spec.memoryMb !== null && !inRange(spec.memoryMb, MEMORY_MB_RANGE)) {
    notes.push(`job.memory ${spec.memoryMb} MiB is outside 400…1000000: no MEMORY override is sent (the job definition's value applies)`);
  }
  if (spec.memoryMb === null) notes.push("no job.memory: the job definition's memory applies");
  if (spec.cpuCount !== null && !inRange(spec.cpuCount, VCPU_RANGE)) {
    notes.push(`job.cpuCount ${spec.cpuCount} is outside 1…256: no VCPU override is sent`);
  }
  const name = batchJobName(spec.jobNamePrefix, spec.jobNo, spec.moduleName);
  if (!name.startsWith(`${spec.jobNamePrefix ?? DEFAULT_JOB_NAME_PREFIX}${spec.jobNo}_`)) notes.push(`job name sanitised to '${name}'`);
  return notes;
}
