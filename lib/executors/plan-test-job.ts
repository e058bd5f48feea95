// Plans a test job exactly as the GP server would run it: resolve the module's config for a user (§2), build the
// command line (§3), choose the executor, lay out the job dirs (§5.2), list what is staged and where it lands in
// S3 (§5.8), write exec.sh and the pull script, and build the SubmitJob request (§5.4). Pure planning: no writes.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { env } from "../env";
import { parseConfig } from "../config/parse";
import { createResolver, firstValue, resolveJobSettings, type ResolveContext } from "../config/resolve";
import { buildCommandLine } from "../config/substitute";
import type { ParsedConfig } from "../config/types";
import { groupsForUser, parseUserGroups } from "../config/user-groups";
import { findModuleVersion } from "../modules/catalog";
import { parseManifest, type Manifest, type ManifestParam } from "../modules/manifest";
import { storeForRoot } from "../storage/store-for-uri";
import { batchTimeoutSeconds, buildSubmitJobInput, effectiveLocalPrefix, submitRequestNotes, type SubmitRequestSpec } from "./aws-batch/submit-request";
import { mapPathsIntoPrefix, underPrefix } from "./local/paths";
import type { PlanSetting, TestJobPlan } from "./plan";
import { buildExecScript, buildPullScript, defaultBindMounts, jobLayout, s3UriFor, type StagedItem } from "./staging";
import type { ExecutorKind } from "./types";

export class PlanError extends Error {
  constructor(message: string, readonly code: "invalid" | "not_found" | "unmapped" = "invalid", readonly fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "PlanError";
  }
}

export type TestJobRequest = {
  /** Module name, base LSID or full LSID. */
  module: string;
  version?: string;
  /** The GP user the job runs as (user.properties and groups apply). */
  userId: string;
  params: Record<string, string | string[]>;
  /** Input files on this machine, for FILE parameters: `param` names one, or the next FILE parameter without a value. */
  inputs?: { param?: string; path: string }[];
  executor?: ExecutorKind;
};

export type PlanOptions = {
  /** The job number to plan with; for a dry run, the id the next job would get. */
  jobNo: number;
  configText?: string;
  configPath?: string;
  jobsDir?: string;
  localPrefixDir?: string;
  wrapperScriptsDir?: string;
  defaultExecutor?: ExecutorKind;
  /** Tests only: the local executor's kill timer, instead of the request's timeout (GP's minimum is 60 s). */
  localWalltimeSec?: number;
};

export function jobsDirDefault() {
  return path.join(env().gpHomeDir, "jobResults");
}

export function wrapperScriptsDirDefault() {
  return path.join(env().gpHomeDir, "resources", "wrapper_scripts");
}

function loadConfig(opts: PlanOptions): { cfg: ParsedConfig; configPath: string } {
  const configPath = opts.configPath ?? env().configPath;
  let text = opts.configText;
  if (text === undefined) {
    if (!fs.existsSync(configPath)) throw new PlanError(`The config file ${configPath} does not exist`, "not_found");
    text = fs.readFileSync(configPath, "utf8");
  }
  const cfg = parseCached(text, path.basename(configPath));
  const errors = cfg.diagnostics.filter((d) => d.severity === "error");
  if (!cfg.model || errors.length > 0) {
    const first = errors[0];
    throw new PlanError(`The config does not load: ${first ? `${first.range.start.line}:${first.range.start.col}: ${first.message}` : "parse error"}`);
  }
  return { cfg, configPath };
}

let lastParsed: { text: string; fileName: string; cfg: ParsedConfig } | null = null;

/** The config rarely changes between two submits: keep the last parse. */
function parseCached(text: string, fileName: string): ParsedConfig {
  if (lastParsed && lastParsed.text === text && lastParsed.fileName === fileName) return lastParsed.cfg;
  const cfg = parseConfig(text, { fileName });
  lastParsed = { text, fileName, cfg };
  return cfg;
}

function groupsOf(configPath: string, userId: string): string[] {
  const file = path.join(path.dirname(configPath), "userGroups.xml");
  if (!fs.existsSync(file)) return [];
  try {
    return groupsForUser(parseUserGroups(fs.readFileSync(file, "utf8")), userId);
  } catch (error) {
    throw new PlanError(`userGroups.xml: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isFileParam(p: ManifestParam) {
  return p.isInputFile || p.type.toUpperCase() === "FILE";
}

/** Puts the --input files into FILE parameters and checks what the manifest requires. */
export function assignParams(manifest: Manifest, request: Pick<TestJobRequest, "params" | "inputs">) {
  const params: Record<string, string | string[]> = { ...request.params };
  const known = new Set(manifest.params.map((p) => p.name));
  const fieldErrors: Record<string, string[]> = {};
  const addError = (name: string, message: string) => (fieldErrors[name] ??= []).push(message);
  for (const name of Object.keys(params)) if (!known.has(name)) addError(name, `${manifest.name} has no parameter '${name}'`);
  const inputs: { param: string; source: string; path: string }[] = [];
  for (const input of request.inputs ?? []) {
    const abs = path.resolve(input.path);
    let target = input.param;
    if (!target) {
      target = manifest.params.find((p) => isFileParam(p) && (params[p.name] === undefined || params[p.name] === ""))?.name;
      if (!target) {
        addError("inputs", `No FILE parameter is left for ${input.path}`);
        continue;
      }
    } else if (!known.has(target)) {
      addError(target, `${manifest.name} has no parameter '${target}'`);
      continue;
    }
    if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) {
      addError(target, `Input file ${abs} does not exist`);
      continue;
    }
    const prior = params[target];
    params[target] = prior === undefined || prior === "" ? abs : Array.isArray(prior) ? [...prior, abs] : [prior, abs];
    inputs.push({ param: target, source: input.path, path: abs });
  }
  for (const p of manifest.params) {
    const value = params[p.name];
    const empty = value === undefined || value === "" || (Array.isArray(value) && value.length === 0);
    if (empty && !p.optional && !p.defaultValue) addError(p.name, `${p.name} is required`);
    if (empty) continue;
    const values = Array.isArray(value) ? value : [value];
    if (p.choices && p.choices.length > 0) {
      for (const v of values) if (!p.choices.some((c) => c.value === v)) addError(p.name, `'${v}' is not one of ${p.choices.map((c) => c.value).join(", ")}`);
    }
    const type = p.type.toUpperCase();
    for (const v of values) {
      if (type === "INTEGER" && !/^[+-]?\d+$/.test(v.trim())) addError(p.name, `'${v}' is not an integer`);
      if (type === "FLOATING_POINT" && !Number.isFinite(Number(v))) addError(p.name, `'${v}' is not a number`);
    }
    if (isFileParam(p)) {
      for (const v of values) {
        if (/^[a-z]+:\/\//i.test(v)) continue;
        if (!path.isAbsolute(v)) addError(p.name, `${v}: give an absolute server path or upload the file`);
        else if (!fs.existsSync(v)) addError(p.name, `Input file ${v} does not exist`);
        else if (!inputs.some((i) => i.path === v)) inputs.push({ param: p.name, source: v, path: v });
      }
    }
  }
  if (Object.keys(fieldErrors).length > 0) {
    const summary = Object.entries(fieldErrors).map(([k, v]) => `${k}: ${v.join("; ")}`).join(" · ");
    throw new PlanError(`Invalid parameters: ${summary}`, "invalid", fieldErrors);
  }
  return { params, inputs };
}

/** local or aws: an explicit choice, else the config's executor (AWS Batch runner → aws, only when AWS mode is on). */
export function chooseExecutor(cfg: ParsedConfig, executorId: string | null, requested: ExecutorKind | undefined, defaultKind: ExecutorKind): { kind: ExecutorKind; why: string } {
  if (requested) return { kind: requested, why: `chosen explicitly (${requested})` };
  const executor = executorId ? cfg.model?.executors.get(executorId) : undefined;
  const runner = executor ? firstValue(executor.configurationProperties.get("jobRunnerClassname")?.value) ?? "" : "";
  const isBatch = /awsbatch/i.test(runner) || /^awsbatch$/i.test(executorId ?? "");
  if (!isBatch) return { kind: "local", why: executorId ? `executor ${executorId} runs locally` : "no executor configured: local" };
  if (defaultKind === "aws") return { kind: "aws", why: `executor ${executorId} is AWS Batch` };
  return { kind: "local", why: `executor ${executorId} is AWS Batch, but GP_BATCH_EXECUTOR is not aws: running on the local executor` };
}

function boolValue(v: string | null) {
  return v !== null && /^(true|yes|on|1)$/i.test(v.trim());
}

export async function planTestJob(db: Db, request: TestJobRequest, opts: PlanOptions): Promise<TestJobPlan> {
  if (!request.userId.trim()) throw new PlanError("A GP user id is required (the user the job runs as)");
  const version = await findModuleVersion(db, request.module, request.version);
  if (!version) {
    throw new PlanError(`Module ${request.module}${request.version ? ` version ${request.version}` : ""} is not in the catalog`, "not_found");
  }
  const manifestText = (await db.moduleVersion.findUnique({ where: { id: version.id }, select: { manifest: true } }))?.manifest ?? "";
  const manifest = parseManifest(manifestText);
  if (!version.taskLibDir) throw new PlanError(`${version.name} ${version.version} has no taskLib folder on this machine`, "not_found");

  const { cfg, configPath } = loadConfig(opts);
  const groups = groupsOf(configPath, request.userId);
  const { params, inputs } = assignParams(manifest, request);
  const ctx: ResolveContext = { userId: request.userId, groups, moduleName: manifest.name, lsid: version.lsid, manifest };
  const settings = resolveJobSettings(cfg, ctx);
  const resolver = createResolver(cfg, ctx);
  const prop = (key: string) => firstValue(resolver.resolve(key)?.value);
  const choice = chooseExecutor(cfg, settings.executor, request.executor, opts.defaultExecutor ?? env().defaultExecutor);
  const notes: string[] = [choice.why, ...settings.problems.map((p) => p.message)];

  if (!settings.jobDefinition) {
    throw new PlanError(
      `${manifest.name} is not mapped: no job.awsbatch.job-definition-name resolves for it${settings.jobDefinitionAlias ? " (aws-batch-job-definition-name is set, but GP never reads that key)" : ""}`,
      "unmapped",
    );
  }
  let s3Root = settings.s3Root;
  if (!s3Root) {
    if (choice.kind === "aws") throw new PlanError("aws-s3-root is not set for this module: GP cannot stage its files");
    s3Root = "s3://gp-batch-local/gp";
    notes.push(`aws-s3-root is not set: the local executor uses ${s3Root} in the local bucket folder`);
  }
  let queue = settings.queue;
  if (!queue) {
    if (choice.kind === "aws") throw new PlanError("job.queue is not set for this module: there is no Batch queue to submit to");
    queue = "local";
  }

  const jobsDir = opts.jobsDir ?? jobsDirDefault();
  const syncScriptName = prop("job.awsbatch.sync-from-s3-script") || "aws-sync-from-s3.sh";
  const layout = jobLayout(jobsDir, opts.jobNo, syncScriptName);
  const taskLibDir = version.taskLibDir;
  const cmd = buildCommandLine(cfg, ctx, { manifest, params, jobId: String(opts.jobNo), workDir: layout.workDir, libdir: taskLibDir });
  const cmdErrors = cmd.diagnostics.filter((d) => d.severity === "error");
  if (cmdErrors.length > 0) throw new PlanError(`The command line cannot be built: ${cmdErrors.map((d) => d.message).join("; ")}`);
  for (const d of cmd.diagnostics) notes.push(d.message);
  if (cmd.argv.length === 0) throw new PlanError(`${manifest.name} has an empty command line`);

  const localPrefix = choice.kind === "local" ? (opts.localPrefixDir ?? env().localPrefixDir) : effectiveLocalPrefix(settings.destPrefix);
  const wrapperScriptsDir = opts.wrapperScriptsDir ?? wrapperScriptsDirDefault();
  const inputFiles = inputs.map((i) => i.path);
  const stagedItems: StagedItem[] = [
    ...[...new Set(inputFiles)].map((p): StagedItem => ({ kind: "file", path: p, role: "input", executable: isExecutable(p) })),
    { kind: "dir", path: taskLibDir, role: "taskLib" },
    ...(fs.existsSync(wrapperScriptsDir) ? [{ kind: "dir" as const, path: wrapperScriptsDir, role: "wrapper-scripts" as const }] : []),
  ];
  const bindMountsValue = resolver.resolve("job.docker.bind_mounts")?.value;
  const bindMounts =
    bindMountsValue?.kind === "list"
      ? bindMountsValue.values.filter((v): v is string => Boolean(v))
      : bindMountsValue?.kind === "scalar" && bindMountsValue.value
        ? bindMountsValue.value.split(":")
        : defaultBindMounts(inputFiles, layout.workDir);

  const prefixRoots = [layout.workDir, layout.metaDir, taskLibDir, wrapperScriptsDir, ...bindMounts, ...inputFiles.map((f) => path.dirname(f))];
  // Without containers there are no bind mounts: the local executor points the script at the copies under the prefix.
  const execScript =
    choice.kind === "local"
      ? buildExecScript({
          workDir: underPrefix(localPrefix, layout.workDir),
          metaDir: underPrefix(localPrefix, layout.metaDir),
          argv: mapPathsIntoPrefix(cmd.argv, prefixRoots, localPrefix),
          stdinFile: cmd.stdin ? mapPathsIntoPrefix([cmd.stdin], prefixRoots, localPrefix)[0] : null,
        })
      : buildExecScript({ workDir: layout.workDir, metaDir: layout.metaDir, argv: cmd.argv, stdinFile: cmd.stdin ?? null });
  const pullScript = buildPullScript({ s3Root, destPrefix: localPrefix, metaDir: layout.metaDir, items: stagedItems });

  const spec: SubmitRequestSpec = {
    jobNo: opts.jobNo,
    moduleName: manifest.name,
    moduleLsid: version.lsid,
    userId: request.userId,
    taskLibDir,
    workDir: layout.workDir,
    metaDir: layout.metaDir,
    inputDir: layout.inputDir,
    s3Root,
    jobQueue: queue,
    jobDefinition: settings.jobDefinition,
    walltimeSec: settings.walltimeSec,
    memoryMb: settings.memoryMb,
    cpuCount: settings.cpuCount,
    dockerImage: settings.image,
    bindMounts,
    localPrefix,
    syncScriptName,
    jobNamePrefix: prop("aws-job-name-prefix"),
    cantRunAsRoot: boolValue(prop("dockerCantRunContainersAsRoot")),
    readonlyBindMounts: boolValue(prop("dockerReadOnlyBindMounts")),
  };
  const submitJobInput = buildSubmitJobInput(spec);
  notes.push(...submitRequestNotes(spec));

  const s3Keys = [
    ...stagedItems.map((i) => ({ role: i.role, path: i.path, uri: s3UriFor(s3Root, i.path) })),
    { role: "meta", path: layout.metaDir, uri: s3UriFor(s3Root, layout.metaDir) },
    { role: "working dir", path: layout.workDir, uri: s3UriFor(s3Root, layout.workDir) },
  ];
  const source = (name: keyof typeof settings.sources) => {
    const s = settings.sources[name];
    return s ? `${s.section}${s.line ? ` (line ${s.line})` : ""}` : null;
  };
  const planSettings: Record<string, PlanSetting> = {
    executor: { value: settings.executor, source: source("executor") },
    "executor.props": { value: settings.executorProps, source: source("executorProps") },
    "job.awsbatch.job-definition-name": { value: settings.jobDefinition, source: source("jobDefinition") },
    "job.queue": { value: settings.queue, source: source("queue") },
    "job.memory (MiB)": { value: settings.memoryMb, source: source("memoryMb") },
    "job.cpuCount": { value: settings.cpuCount, source: source("cpuCount") },
    "job.walltime (s)": { value: settings.walltimeSec, source: source("walltimeSec") },
    "job.docker.image": { value: settings.image, source: source("image") },
    "aws-s3-root": { value: settings.s3Root, source: source("s3Root") },
    "aws-profile": { value: settings.awsProfile, source: source("awsProfile") },
  };
  let storeDescription = s3Root;
  try {
    storeDescription = storeForRoot(s3Root, { embedded: choice.kind === "local" }).store.description;
  } catch (error) {
    throw new PlanError(`aws-s3-root '${s3Root}': ${error instanceof Error ? error.message : String(error)}`);
  }

  return {
    version: 1,
    executor: choice.kind,
    module: { name: manifest.name, lsid: version.lsid, version: version.version, taskLibDir },
    userId: request.userId,
    groups,
    params,
    argv: cmd.argv,
    layout,
    s3Root,
    storeDescription,
    localPrefix,
    stagedItems,
    s3Keys,
    execScript,
    logFile: prop("job.logFile") || ".rte.out",
    pullScript,
    submitJobInput,
    timeoutSec: choice.kind === "local" && opts.localWalltimeSec ? opts.localWalltimeSec : batchTimeoutSeconds(settings.walltimeSec).seconds,
    settings: planSettings,
    notes,
    inputs,
  };
}

function isExecutable(file: string) {
  try {
    return (fs.statSync(file).mode & 0o100) !== 0;
  } catch {
    return false;
  }
}

