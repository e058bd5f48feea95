// What each catalog version will run with under a config: executor, runtime environment, image, job definition,
// queue, memory, cpu, walltime, and the problems worth flagging. Computed once per (config, catalog) and cached
// by the data layer, so the modules table never resolves 5,000 rows per request.
import { tryParseMemory, bytesToMiB } from "../config/memory";
import { createResolver, firstValue, type ResolveContext } from "../config/resolve";
import type { ParsedConfig } from "../config/types";
import { tryParseWalltime } from "../config/walltime";
import type { Manifest } from "./manifest";

export const MODULE_FLAGS = {
  "no-job-definition": "No job definition",
  "unknown-job-definition": "Job definition not registered",
  "unknown-bundle": "Unknown runtime environment",
  "mutable-image": "Mutable image tag",
  "unknown-token": "Unknown token in commandLine",
  unmapped: "Unmapped",
} as const;
export type ModuleFlag = keyof typeof MODULE_FLAGS;

/** The user the table and module page resolve for by default: a plain user in no group but `*`. */
export const PLAIN_USER = "plain.user";

export const JOB_DEFINITION_KEY = "job.awsbatch.job-definition-name";

export type EffectiveInput = { id: number; name: string; lsid: string; baseLsid: string; version: string; commandLine: string; manifest: Manifest };

export type EffectiveRow = {
  id: number;
  name: string;
  version: string;
  lsid: string;
  baseLsid: string;
  executor: string | null;
  executorProps: string | null;
  image: string | null;
  jobDefinition: string | null;
  queue: string | null;
  memory: string | null;
  memoryMb: number | null;
  cpu: string | null;
  walltime: string | null;
  walltimeSec: number | null;
  flags: ModuleFlag[];
  unknownTokens: string[];
};

/**
 * Tokens GP fills per job (§3.1 step 3) or from its own built-ins (§2.1 step 3) and Java system properties, which a
 * config need not define.
 */
const BUILT_IN_TOKENS = new Set([
  "name", "job_id", "parent_job_id", "task_id", "userid", "LSID", "libdir", "patches", "java_flags", "GenePatternURL",
  "job.docker.image", "job.cpuCount", "resources", "gp.tools.dir", "ant-1.8_HOME", "ant-1.8", "ant", "ant-java", "ant-script",
  "run_r_path", "R.suppress.messages.file", "wrapper-scripts", "genepattern.version", "GenePatternVersion", "jobs",
  "user.root.dir", "soap.attachment.dir", "gp.tmpdir", "path.separator", "file.separator", "line.separator",
  "java.io.tmpdir", "user.dir", "user.home", "java.home", "os.name",
]);

const TOKEN = /<[^<^ ][^>&^ ]*>/g;

export function commandLineTokens(commandLine: string): string[] {
  return [...new Set([...commandLine.matchAll(TOKEN)].map((m) => m[0].slice(1, -1)))];
}

/** Tokens GP would replace with nothing: not a parameter, not per-job, not set anywhere in the config. */
export function unknownTokens(commandLine: string, manifest: Manifest, resolve: (key: string) => unknown): string[] {
  const known = new Set<string>();
  for (const p of manifest.params) {
    known.add(p.name);
    if (p.type === "FILE") for (const suffix of ["_path", "_file", "_extension", "_basename"]) known.add(`${p.name}${suffix}`);
  }
  return commandLineTokens(commandLine).filter((t) => !known.has(t) && !BUILT_IN_TOKENS.has(t) && resolve(t) === undefined);
}

/** `:latest` or no tag at all (Docker's default is latest); digests and fixed tags are immutable enough. */
export function isMutableImage(image: string | null): boolean {
  if (!image) return false;
  if (image.includes("@sha256:")) return false;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const colon = lastSegment.indexOf(":");
  return colon === -1 || lastSegment.slice(colon + 1) === "latest";
}

/** True when some module.properties entry (top level, any group or user) names this module by name or LSID. */
export function isMapped(cfg: ParsedConfig, input: Pick<EffectiveInput, "name" | "lsid" | "baseLsid">): boolean {
  const model = cfg.model;
  if (!model) return false;
  const keys = [input.name, input.baseLsid, input.lsid];
  const maps = [model.moduleProperties, ...[...model.groupProperties.values(), ...model.userProperties.values()].map((p) => p.moduleProperties)];
  return maps.some((m) => keys.some((k) => m.has(k)));
}

export function effectiveRow(
  cfg: ParsedConfig,
  input: EffectiveInput,
  opts: { context?: Omit<ResolveContext, "moduleName" | "lsid" | "manifest">; jobDefinitionNames?: ReadonlySet<string> } = {},
): EffectiveRow {
  const resolver = createResolver(cfg, { userId: PLAIN_USER, ...opts.context, moduleName: input.name, lsid: input.lsid, manifest: input.manifest });
  const value = (key: string) => {
    const v = firstValue(resolver.resolve(key)?.value);
    return v === null || v === "" ? null : v;
  };
  const executor = value("executor");
  const executorProps = value("executor.props");
  const image = value("job.docker.image");
  const jobDefinition = value(JOB_DEFINITION_KEY);
  const memory = value("job.memory");
  const memoryBytes = tryParseMemory(memory);
  const walltime = value("job.walltime");
  const tokens = unknownTokens(input.commandLine, input.manifest, (k) => resolver.resolve(k));
  const flags: ModuleFlag[] = [];
  if (!jobDefinition) flags.push("no-job-definition");
  else if (opts.jobDefinitionNames && !opts.jobDefinitionNames.has(jobDefinition.split(":")[0])) flags.push("unknown-job-definition");
  if (executorProps !== null) {
    const bundle = cfg.model?.executorProperties.get(executorProps);
    if (!bundle || !bundle.props) flags.push("unknown-bundle");
  }
  if (isMutableImage(image)) flags.push("mutable-image");
  if (tokens.length) flags.push("unknown-token");
  if (!isMapped(cfg, input)) flags.push("unmapped");
  return {
    id: input.id,
    name: input.name,
    version: input.version,
    lsid: input.lsid,
    baseLsid: input.baseLsid,
    executor,
    executorProps,
    image,
    jobDefinition,
    queue: value("job.queue"),
    memory,
    memoryMb: memoryBytes === null ? null : bytesToMiB(memoryBytes),
    cpu: value("job.cpuCount"),
    walltime,
    walltimeSec: tryParseWalltime(walltime),
    flags,
    unknownTokens: tokens,
  };
}
