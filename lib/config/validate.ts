// Validates config_custom.yaml: parse/structure diagnostics, the zod schema of well-known keys, and GP-semantic
// pitfalls (DESIGN §2, reference §8) that can be seen from the file alone, or with manifests / job definitions given.
import type { z } from "zod";
import { tryParseLsid, normalizeLsid } from "../lsid";
import type { Manifest } from "../modules/manifest";
import { diagnostic, editDistance, FILE_START, sortDiagnostics, type DiagnosticCode } from "./diagnostics";
import { locatePath, parseConfigDetailed, type ParseDetails } from "./parse";
import { configurationPropertiesSchema, wellKnownProperties } from "./schema";
import { tryParseWalltime } from "./walltime";
import type { ConfigModel, Diagnostic, PropertyEntry, PropertyMap, Range, Severity } from "./types";

/** What validateConfig needs of a manifest (lib/modules/manifest.ts's Manifest fits). */
export type ManifestForValidation = Pick<Manifest, "name" | "commandLine"> & { lsid?: string; params: { name: string }[] };

export type ValidateOptions = {
  fileName?: string;
  /** Manifests of installed modules: their command lines are checked for unknown tokens and one-char tails. */
  manifests?: ManifestForValidation[];
  /** Registered job-definition names (with or without :revision); enables the unknown-job-definition check. */
  jobDefinitionNames?: string[];
};

export function validateConfig(text: string, options: ValidateOptions = {}): Diagnostic[] {
  return validateParsed(parseConfigDetailed(text, { fileName: options.fileName }), options);
}

/** Validation of an already parsed file (the editor parses once and reuses the result). */
export function validateParsed(details: ParseDetails, options: ValidateOptions = {}): Diagnostic[] {
  const out = [...details.parsed.diagnostics];
  const model = details.parsed.model;
  if (model && details.doc) {
    out.push(...schemaDiagnostics(model));
    const locate = (path: (string | number)[]) => locatePath(details.doc!, details.positions, path);
    out.push(...semanticDiagnostics(model, options, locate));
  }
  return sortDiagnostics(out);
}

// ---- schema ------------------------------------------------------------------------------------------------------

/**
 * Checks well-known keys against their part of configSchema. Section structure is checked while parsing (with GP's
 * own severities), so only the typed values are left; checking them per entry keeps validation linear and fast.
 */
function schemaDiagnostics(model: ConfigModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const check = (entry: PropertyEntry, schema: z.ZodType | undefined) => {
    if (!schema || (entry.value.kind === "scalar" && entry.value.value === null)) return; // null: GP uses the default
    const value = entry.value.kind === "scalar" ? entry.value.value : entry.value.kind === "list" ? entry.value.values : entry.value.entries;
    const result = schema.safeParse(value);
    if (result.success) return;
    const { message } = mostSpecific(result.error.issues[0]!);
    out.push(diagnostic("schema", `${entry.key}: ${message}`, entry.path, entry.valueRange));
  };
  const wellKnown = wellKnownProperties as Record<string, z.ZodType>;
  for (const scope of scopes(model)) for (const entry of scope.props.values()) check(entry, wellKnown[entry.key]);
  const executorKeys = configurationPropertiesSchema.shape as Record<string, z.ZodType>;
  for (const ex of model.executors.values()) {
    for (const entry of ex.configurationProperties.values()) check(entry, Object.hasOwn(executorKeys, entry.key) ? executorKeys[entry.key] : undefined);
  }
  return out;
}

/** For union failures, the branch that got furthest (longest path) says the most. */
function mostSpecific(issue: z.core.$ZodIssue): { path: (string | number)[]; message: string } {
  const base = issue.path.filter((p): p is string | number => typeof p !== "symbol");
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return { path: base, message: issue.message };
  let best: z.core.$ZodIssue | undefined;
  for (const branch of issue.errors) {
    for (const inner of branch) {
      if (!best || inner.path.length > best.path.length || (inner.code === "invalid_format" && best.code !== "invalid_format")) best = inner;
    }
  }
  if (!best) return { path: base, message: issue.message };
  const inner = mostSpecific(best);
  return { path: [...base, ...inner.path], message: inner.message };
}

// ---- GP semantics ------------------------------------------------------------------------------------------------

/** The per-job and server built-in substitution names (reference §2.1, §3.1) plus common Java system properties. */
const BUILT_IN_TOKENS = new Set([
  "name", "job_id", "parent_job_id", "task_id", "userid", "LSID", "libdir", "patches", "java_flags", "GenePatternURL",
  "job.docker.image", "job.cpuCount", "gp.tools.dir", "ant-1.8_HOME", "ant-1.8", "ant", "ant-java", "ant-script",
  "run_r_path", "R.suppress.messages.file", "resources", "wrapper-scripts", "genepattern.version", "GenePatternVersion",
  "jobs", "user.root.dir", "soap.attachment.dir", "gp.tmpdir", "path.separator", "file.separator", "line.separator",
  "user.dir", "user.home", "user.name", "java.io.tmpdir", "java.home", "java.version", "os.name", "os.arch",
]);

/** GP's token regex (CmdLineSubToken): `<` then not `<`, `^` or space, then anything but `>`, `&`, `^` or space. */
const TOKEN = /<([^<^ ][^>&^ ]*)>/g;
const MUTABLE_IMAGE_KEYS = new Set(["job.docker.image", "job.docker.image.default"]);
const MEMORY_KEYS = new Set(["job.memory", "job.javaXmx", "job.javaXmxMin", "job.javaXmxPad"]);
/** runOnBatch-v0.4.sh accepts 60 s … 7 days and silently resets anything else to 4 h (reference §5.4, §8.22). */
const AWS_WALLTIME_MIN = 60;
const AWS_WALLTIME_MAX = 604_800;
const RESERVED_EXECUTORS = new Set(["PipelineExec"]);

type Scope = { label: string; props: PropertyMap };

function scopes(model: ConfigModel): Scope[] {
  const list: Scope[] = [{ label: "default.properties", props: model.defaultProperties }];
  for (const ex of model.executors.values()) list.push({ label: `executor ${ex.id}`, props: ex.defaultProperties });
  for (const b of model.executorProperties.values()) if (b.props) list.push({ label: `bundle ${b.name}`, props: b.props });
  for (const m of model.moduleProperties.values()) list.push({ label: `module ${m.key}`, props: m.props });
  for (const [kind, map] of [["group", model.groupProperties], ["user", model.userProperties]] as const) {
    for (const p of map.values()) {
      list.push({ label: `${kind} ${p.id}`, props: p.props });
      for (const m of p.moduleProperties.values()) list.push({ label: `${kind} ${p.id} module ${m.key}`, props: m.props });
    }
  }
  return list;
}

type Locate = (path: (string | number)[]) => Range | undefined;

function semanticDiagnostics(model: ConfigModel, options: ValidateOptions, locate: Locate): Diagnostic[] {
  const out: Diagnostic[] = [];
  const add = (code: DiagnosticCode, message: string, path: (string | number)[], range: Range, fix?: Diagnostic["fix"]) =>
    out.push(diagnostic(code, message, path, range, fix ? { fix } : {}));
  const allScopes = scopes(model);
  const jobDefinitions = options.jobDefinitionNames ? new Set(options.jobDefinitionNames.flatMap((n) => [n, n.split(":")[0]!])) : null;

  const usesAwsBatch = [...model.executors.values()].some((e) =>
    /awsbatch/i.test(`${e.classname ?? ""} ${scalarOf(e.configurationProperties.get("jobRunnerClassname") ?? noEntry) ?? ""}`),
  );
  for (const scope of allScopes) {
    for (const entry of scope.props.values()) {
      checkProperty(entry, model, jobDefinitions, add, locate);
      checkUnits(entry, usesAwsBatch, add);
    }
  }
  checkModuleKeys(model, add);
  checkShadowedDefaults(model, add);
  out.push(...substitutionCycles(allScopes));
  if (options.manifests) out.push(...manifestDiagnostics(model, allScopes, options.manifests));
  return out;
}

type Add = (code: DiagnosticCode, message: string, path: (string | number)[], range: Range, fix?: Diagnostic["fix"]) => void;

function scalarOf(entry: PropertyEntry): string | null {
  return entry.value.kind === "scalar" ? entry.value.value : entry.value.kind === "list" ? (entry.value.values[0] ?? null) : null;
}

function stringsOf(entry: PropertyEntry): string[] {
  if (entry.value.kind === "scalar") return entry.value.value === null ? [] : [entry.value.value];
  if (entry.value.kind === "list") return entry.value.values.filter((v): v is string => v !== null);
  return [];
}

function checkProperty(entry: PropertyEntry, model: ConfigModel, jobDefinitions: Set<string> | null, add: Add, locate: Locate): void {
  const { key, path } = entry;
  const value = scalarOf(entry);
  const at = entry.valueRange;

  // With no executors at all, missing-executors already says it; naming each reference would only be noise.
  if ((key === "executor" || key === "failover_executor") && value !== null && value !== "" && model.executors.size > 0) {
    if (!model.executors.has(value) && !RESERVED_EXECUTORS.has(value)) {
      const known = [...model.executors.keys()];
      const close = closest(value, known);
      add(
        "unknown-executor",
        `${key} '${value}' is not defined in executors (${known.join(", ") || "none"}); jobs fail with "CommandExecutor not set".`,
        path,
        at,
        close ? { title: `Use '${close}'`, replacement: close } : undefined,
      );
    }
  }
  if (key === "executor.props" && value !== null && value !== "" && !model.executorProperties.has(value)) {
    const close = closest(value, [...model.executorProperties.keys()]);
    add(
      "unknown-executor-props",
      `executor.props '${value}' names no bundle in executor.properties; GP silently ignores it.`,
      path,
      at,
      close ? { title: `Use '${close}'`, replacement: close } : undefined,
    );
  }
  if (key === "aws-batch-job-definition-name") {
    add("job-definition-key-alias", "GP never reads 'aws-batch-job-definition-name'; the server reads 'job.awsbatch.job-definition-name'.", path, entry.keyRange, {
      title: "Rename to job.awsbatch.job-definition-name",
      replacement: "job.awsbatch.job-definition-name",
    });
  }
  if (key === "aws-batch-job-queue") {
    add("job-queue-key-alias", "GP never reads 'aws-batch-job-queue'; the Batch queue is 'job.queue'.", path, entry.keyRange, {
      title: "Rename to job.queue",
      replacement: "job.queue",
    });
  }
  if (key === "aws-s3-root" && value !== null) {
    const m = /^s3:\/\/([^/]+)\/*$/.exec(value.trim());
    if (m) {
      add("s3-root-no-prefix", `aws-s3-root '${value}' has no prefix after the bucket; GP's S3 code needs s3://bucket/prefix.`, path, at, {
        title: "Add a prefix",
        replacement: `s3://${m[1]}/gp`,
      });
    }
  }
  if (MUTABLE_IMAGE_KEYS.has(key) && value) checkImage(value, path, at, add);
  if (key === "job.docker.image.lookup" && entry.value.kind === "map") {
    for (const [mod, image] of Object.entries(entry.value.entries)) {
      const entryPath = [...path, mod];
      if (mod.startsWith("urn:")) {
        const normal = tryParseLsid(mod) ? normalizeLsid(mod) : null;
        if (normal !== mod) {
          add(
            "module-key-bad-lsid",
            normal ? `Lookup key '${mod}' never matches: GP looks up the normalised LSID '${normal}'.` : `Lookup key '${mod}' is not a valid LSID; GP can never match it.`,
            entryPath,
            locate(entryPath) ?? at,
            normal ? { title: `Use '${normal}'`, replacement: normal } : undefined,
          );
        }
      }
      if (typeof image !== "string") continue;
      checkImage(image, entryPath, locate(entryPath) ?? at, add, `lookup entry '${mod}': `);
    }
  }
  if ((key === "job.awsbatch.job-definition-name" || key === "aws-batch-job-definition-name") && value && jobDefinitions) {
    const name = value.split(":")[0]!;
    if (!jobDefinitions.has(value) && !jobDefinitions.has(name)) {
      const close = closest(name, [...jobDefinitions]);
      add(
        "unknown-job-definition",
        `Job definition '${value}' is not registered; submissions with it fail.`,
        path,
        at,
        close ? { title: `Use '${close}'`, replacement: close } : undefined,
      );
    }
  }
  for (const text of stringsOf(entry)) {
    for (const arg of oneCharTails(text)) {
      add("one-char-tail", `GP drops the '${arg.tail}' after ${arg.token} in '${arg.arg}' (an off-by-one in its tokenizer).`, path, at);
    }
  }
}

const noEntry: PropertyEntry = { key: "", value: { kind: "scalar", value: null }, path: [], keyRange: FILE_START, valueRange: FILE_START };

/** Memory without a unit (GP reads Gb, §1.3) and AWS Batch walltimes the submit script would reset. */
function checkUnits(entry: PropertyEntry, usesAwsBatch: boolean, add: Add): void {
  const value = scalarOf(entry);
  if (value === null) return;
  if (MEMORY_KEYS.has(entry.key) && /^\s*\d+(\.\d*)?\s*$/.test(value)) {
    const n = Number(value);
    const likelyMb = n > 64;
    add(
      "memory-without-unit",
      `${entry.key}: ${value.trim()} has no unit, and GP reads gigabytes: ${value.trim()} Gb.${likelyMb ? " Did you mean megabytes?" : ""} Write the unit.`,
      entry.path,
      entry.valueRange,
      { title: `Write "${value.trim()} ${likelyMb ? "Mb" : "Gb"}"`, replacement: `"${value.trim()} ${likelyMb ? "Mb" : "Gb"}"` },
    );
  }
  if (usesAwsBatch && entry.key === "job.walltime") {
    const seconds = tryParseWalltime(value);
    if (seconds !== null && (seconds < AWS_WALLTIME_MIN || seconds > AWS_WALLTIME_MAX)) {
      add(
        "walltime-out-of-range",
        `job.walltime ${value} is ${seconds} s; the AWS Batch submit script only accepts 60 s to 7 days and silently uses 4 h (14400 s) instead.`,
        entry.path,
        entry.valueRange,
      );
    }
  }
}

function checkImage(image: string, path: (string | number)[], at: Range, add: Add, prefix = ""): void {
  if (image.includes("@sha256:")) return;
  const lastSegment = image.slice(image.lastIndexOf("/") + 1);
  const tag = lastSegment.includes(":") ? lastSegment.slice(lastSegment.indexOf(":") + 1) : null;
  if (tag === null || tag === "latest") {
    add(
      "mutable-image-tag",
      `${prefix}image '${image}' ${tag === null ? "has no tag (means :latest)" : "uses :latest"}; pin a version tag or digest so jobs are reproducible.`,
      path,
      at,
    );
  }
}

function checkModuleKeys(model: ConfigModel, add: Add): void {
  const sections: { path: string[]; keys: Iterable<{ key: string; range: Range }> }[] = [
    { path: ["module.properties"], keys: model.moduleProperties.values() },
  ];
  for (const [section, map] of [["group.properties", model.groupProperties], ["user.properties", model.userProperties]] as const) {
    for (const p of map.values()) sections.push({ path: [section, p.id, "module.properties"], keys: p.moduleProperties.values() });
  }
  for (const { path, keys } of sections) {
    for (const { key, range } of keys) {
      const keyPath = [...path, key];
      if (key.startsWith("urn:lsid:") || key.startsWith("urn:")) {
        const lsid = tryParseLsid(key);
        if (!lsid) add("module-key-bad-lsid", `'${key}' is not a valid LSID; GP can never match it.`, keyPath, range);
        else {
          const normal = normalizeLsid(key);
          if (normal !== key)
            add("module-key-bad-lsid", `GP matches the normalised LSID '${normal}', never '${key}'.`, keyPath, range, { title: `Use '${normal}'`, replacement: normal });
        }
      } else if (/^[^:\s]+:[^:\s]+$/.test(key)) {
        const [name] = key.split(":");
        add(
          "module-key-name-version",
          `'${key}' never matches: module.properties keys are a name, an LSID or an LSID with version (name:version only works in job.docker.image.lookup). Use the module's full LSID for one version, or '${name}' for all.`,
          keyPath,
          range,
          { title: `Use '${name}' for every version` },
        );
      }
    }
  }
}

/**
 * Executor defaults beat top-level defaults (§2.2), so a top-level key that the default executor also sets never
 * applies to its jobs (reference §8.10: v0.2's S3ModuleWrapper is shadowed by Java17_Oracle_Generic:8).
 */
function checkShadowedDefaults(model: ConfigModel, add: Add): void {
  const executorId = model.defaultProperties.get("executor");
  const id = executorId ? scalarOf(executorId) : null;
  const executor = id ? model.executors.get(id) : undefined;
  if (!executor) return;
  for (const entry of model.defaultProperties.values()) {
    if (entry.key === "executor") continue;
    const override = executor.defaultProperties.get(entry.key);
    if (!override) continue;
    add(
      "shadowed-default",
      `default.properties ${entry.key} never applies to jobs on the default executor '${executor.id}': its default.properties sets it (line ${override.keyRange.start.line}), and executor defaults win.`,
      entry.path,
      entry.keyRange,
    );
  }
}

/** Args (whitespace-separated) ending in a token followed by exactly one character, which GP drops (§3.3). */
export function oneCharTails(text: string): { arg: string; token: string; tail: string }[] {
  if (!text.includes("<")) return [];
  const found: { arg: string; token: string; tail: string }[] = [];
  for (const arg of text.split(/\s+/)) {
    let last: RegExpExecArray | null = null;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(arg); m; m = TOKEN.exec(arg)) last = m;
    if (last && arg.length - (last.index + last[0].length) === 1) found.push({ arg, token: last[0], tail: arg.slice(-1) });
  }
  return found;
}

function tokensOf(text: string): string[] {
  const names: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) names.push(m[1]!);
  return names;
}

/**
 * Cycles between config values (`a: "<b>"`, `b: "x <a>"`): GP recurses until the stack overflows (§3.5). Keys from
 * every scope are merged, since any of them may be the one in force. A value that is exactly its own token stops.
 */
function substitutionCycles(allScopes: Scope[]): Diagnostic[] {
  const edges = new Map<string, Set<string>>();
  const where = new Map<string, PropertyEntry>();
  for (const scope of allScopes) {
    for (const entry of scope.props.values()) {
      if (!where.has(entry.key)) where.set(entry.key, entry);
      for (const text of stringsOf(entry)) {
        if (text.trim() === `<${entry.key}>`) continue;
        for (const name of tokensOf(text)) {
          let set = edges.get(entry.key);
          if (!set) edges.set(entry.key, (set = new Set()));
          set.add(name);
        }
      }
    }
  }
  const out: Diagnostic[] = [];
  for (const component of stronglyConnected(edges)) {
    const isCycle = component.length > 1 || edges.get(component[0]!)?.has(component[0]!);
    if (!isCycle) continue;
    const loop = [...component, component[0]].join(" -> ");
    for (const key of component) {
      const entry = where.get(key);
      if (!entry) continue;
      out.push(diagnostic("substitution-cycle", `Substitution cycle ${loop}: GP recurses until it overflows the stack.`, entry.path, entry.valueRange));
    }
  }
  return out;
}

/** Tarjan's algorithm, iterative so long chains do not exhaust the stack. */
function stronglyConnected(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: { node: string; it: Iterator<string> }[] = [];
    const visit = (node: string) => {
      index.set(node, counter);
      low.set(node, counter++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, it: (edges.get(node) ?? new Set<string>()).values() });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const next = frame.it.next();
      if (!next.done) {
        const to = next.value;
        if (!edges.has(to)) continue; // a token with no config value cannot recurse
        if (!index.has(to)) visit(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1]!.node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component.reverse());
      }
    }
  }
  return components;
}

/** Unknown tokens and one-char tails in the command lines of the given manifests. */
function manifestDiagnostics(model: ConfigModel, allScopes: Scope[], manifests: ManifestForValidation[]): Diagnostic[] {
  const configKeys = new Set<string>();
  for (const scope of allScopes) for (const key of scope.props.keys()) configKeys.add(key);
  const out: Diagnostic[] = [];
  for (const manifest of manifests) {
    const params = new Set<string>();
    for (const p of manifest.params) for (const suffix of ["", "_path", "_file", "_extension", "_basename"]) params.add(p.name + suffix);
    const moduleEntry = model.moduleProperties.get(manifest.name) ?? (manifest.lsid ? model.moduleProperties.get(manifest.lsid) : undefined);
    const path = ["module.properties", manifest.name];
    const range = moduleEntry?.range ?? FILE_START;
    const seen = new Set<string>();
    for (const name of tokensOf(manifest.commandLine)) {
      if (seen.has(name) || params.has(name) || BUILT_IN_TOKENS.has(name) || configKeys.has(name)) continue;
      seen.add(name);
      out.push(
        diagnostic(
          "unknown-token",
          `${manifest.name}: <${name}> in the command line has no value (not a parameter, built-in or config key); GP substitutes nothing.`,
          path,
          range,
        ),
      );
    }
    for (const tail of oneCharTails(manifest.commandLine)) {
      out.push(diagnostic("one-char-tail", `${manifest.name}: GP drops the '${tail.tail}' after ${tail.token} in '${tail.arg}'.`, path, range));
    }
  }
  return out;
}

function closest(value: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const score = c.toLowerCase() === value.toLowerCase() ? 0 : editDistance(value, c);
    if (score < bestScore && score <= Math.max(2, Math.floor(value.length / 3))) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
