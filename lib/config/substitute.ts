// Builds the argv GP would run for a module (reference §3): command prefix, per-job built-ins, parameter rules,
// recursive substitution of config values, redirects and the -Xmx rewrite. GP's defects are reproduced and reported.
import type { Manifest, ManifestParam } from "../modules/manifest";
import { tryParseMemory } from "./memory";
import { createResolver, DEFAULT_DOCKER_IMAGE, firstValue, type Provenance, type ResolveContext } from "./resolve";
import { getTokens, hasToken, splitIntoSubTokens } from "./tokenize";
import type { Diagnostic, GpValue, ParsedConfig, Range, Severity } from "./types";

export type CommandLineOptions = {
  manifest: Manifest;
  /** Actual parameter values by name. Input files are server-local paths. Several values make a list. */
  params: Record<string, string | string[]>;
  jobId?: string | number;
  parentJobId?: string | number;
  taskId?: string | number;
  /** The job's working dir (`<jobs>/<jobId>`); also used for `P_path`. */
  workDir?: string;
  /** The module's taskLib dir; a trailing '/' is added as GP does. */
  libdir?: string;
  patches?: string;
  /** GenePatternURL (baseGpHref); a trailing '/' is added. */
  gpUrl?: string;
  /** Use the manifest default_value for a parameter without a value (GP's job input does). Default true. */
  applyDefaults?: boolean;
  /** Drop a one-character tail after the last token, as GP does (§3.3). Default true; always reported. */
  reproduceTailDefect?: boolean;
  /** Recursion limit for nested substitution (GP has none and overflows the stack). Default 32. */
  maxDepth?: number;
};

export type CommandLineResult = {
  argv: string[];
  /** The command line before substitution (with job.commandPrefix prepended). */
  commandLine: string;
  stdin?: string;
  stdout?: string;
  stderr?: string;
  diagnostics: Diagnostic[];
};

/** Java system properties GP always has (step 2 of §2.1); used when the context gives no server properties. */
export const JAVA_SYSTEM_DEFAULTS: Record<string, string> = { "path.separator": ":", "file.separator": "/", "line.separator": "\n" };

const NO_RANGE: Range = { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } };

/** Where a piece of text being substituted came from, for diagnostics. */
type Origin = { path: (string | number)[]; range: Range; label: string };

function originOf(source: Provenance): Origin {
  const at = { line: Math.max(1, source.line), col: Math.max(1, source.col) };
  return { path: [source.section, source.key], range: { start: at, end: at }, label: `${source.section} ${source.key}` };
}

function withSlash(dir: string): string {
  return dir.endsWith("/") ? dir : `${dir}/`;
}

/** The per-input-file built-ins: P_path, P_file, P_extension, P_basename (§3.1.3). */
function fileBuiltIns(name: string, value: string, workDir: string | undefined): Record<string, string> {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  let file = value.slice(value.lastIndexOf("/") + 1);
  if (isUrl) file = file.slice(Math.max(file.lastIndexOf("?"), file.lastIndexOf("&"), file.lastIndexOf("=")) + 1);
  file = file.replace(/^Axis[^_]*_/, "");
  const dot = file.lastIndexOf(".");
  const dir = value.includes("/") ? value.slice(0, value.lastIndexOf("/")) : "";
  return {
    [`${name}_path`]: workDir ?? dir,
    [`${name}_file`]: file,
    [`${name}_extension`]: dot > 0 ? file.slice(dot + 1) : "",
    [`${name}_basename`]: dot > 0 ? file.slice(0, dot) : file,
  };
}

/** Memory as a -Xmx size in the largest whole unit (4 GiB -> 4g, 512 MiB -> 512m). */
export function xmxSize(bytes: number): string {
  for (const [unit, factor] of [["g", 1024 ** 3], ["m", 1024 ** 2], ["k", 1024]] as const) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}

/** CustomXmxFlags applies to commandLines starting with <java…>, <R>, <R2.5>, <R2.7>, <R2.13>, <R…_Rjava>. */
export function isJavaLike(commandLine: string): boolean {
  return /^\s*(<java[^>]*>|<R>|<R2\.5>|<R2\.7>|<R2\.13>|<R[^>]*_Rjava>)/.test(commandLine);
}

const REDIRECTS: Record<string, "stdout" | "stderr" | "stdin"> = {
  ">": "stdout", "\\>": "stdout", ">&": "stderr", "\\>&": "stderr", "<": "stdin", "\\<": "stdin",
};

/** The argv GP's ValueResolver would produce for this module and context, with diagnostics. Never throws. */
export function buildCommandLine(cfg: ParsedConfig, ctx: ResolveContext, options: CommandLineOptions): CommandLineResult {
  const manifest = options.manifest;
  const context: ResolveContext = {
    ...ctx,
    manifest,
    serverProperties: ctx.serverProperties ?? JAVA_SYSTEM_DEFAULTS,
  };
  const resolver = createResolver(cfg, context);
  const diagnostics: Diagnostic[] = [];
  const report = (severity: Severity, code: string, message: string, origin: Origin) => {
    if (!diagnostics.some((d) => d.code === code && d.message === message)) {
      diagnostics.push({ severity, code, message, path: origin.path, range: origin.range });
    }
  };
  const commandLineOrigin: Origin = {
    path: ["manifest", "commandLine"],
    range: manifest.lines?.commandLine ? { start: { line: manifest.lines.commandLine, col: 1 }, end: { line: manifest.lines.commandLine, col: 1 } } : NO_RANGE,
    label: "the manifest commandLine",
  };

  // 1–2. The manifest command line, with job.commandPrefix prepended before substitution.
  let commandLine = manifest.commandLine;
  const prefix = firstValue(resolver.resolve("job.commandPrefix")?.value);
  if (prefix) commandLine = `${prefix} ${commandLine}`;

  // 3. The per-job props map; its entries win over config for a token of the same name.
  const paramsByName = new Map<string, ManifestParam>(manifest.params.map((p) => [p.name, p]));
  const props = new Map<string, string | string[]>();
  const setProp = (k: string, v: string | string[] | undefined | null) => {
    if (v !== undefined && v !== null) props.set(k, v);
  };
  setProp("name", manifest.name || resolver.identity.name);
  setProp("job_id", options.jobId === undefined ? undefined : String(options.jobId));
  setProp("parent_job_id", options.parentJobId === undefined ? undefined : String(options.parentJobId));
  setProp("task_id", options.taskId === undefined ? undefined : String(options.taskId));
  setProp("userid", ctx.userId);
  setProp("LSID", resolver.identity.lsid ?? (manifest.lsid || undefined));
  setProp("libdir", options.libdir === undefined ? undefined : withSlash(options.libdir));
  setProp("patches", options.patches);
  const applyDefaults = options.applyDefaults ?? true;
  for (const param of manifest.params) {
    let v: string | string[] | undefined = options.params[param.name];
    if (v === undefined && applyDefaults && param.defaultValue) v = param.defaultValue;
    if (v === undefined) continue;
    props.set(param.name, v);
    const first = Array.isArray(v) ? v[0] : v;
    if (param.isInputFile && first) for (const [k, fv] of Object.entries(fileBuiltIns(param.name, first, options.workDir))) props.set(k, fv);
  }
  for (const [k, v] of Object.entries(options.params)) if (!props.has(k)) props.set(k, v);
  setProp("GenePatternURL", options.gpUrl === undefined ? undefined : withSlash(options.gpUrl));
  const propOrigins = new Map<string, Origin>();
  const javaFlags = resolver.resolve("java_flags");
  if (javaFlags && firstValue(javaFlags.value) !== null) {
    props.set("java_flags", firstValue(javaFlags.value)!);
    propOrigins.set("java_flags", originOf(javaFlags.source));
  }
  const image = firstValue(resolver.resolve("job.docker.image")?.value);
  const imageDefault = firstValue(resolver.resolve("job.docker.image.default")?.value);
  props.set("job.docker.image", image || imageDefault || DEFAULT_DOCKER_IMAGE);
  props.set("job.cpuCount", firstValue(resolver.resolve("job.cpuCount")?.value) || "1");

  /** §3.4: the values one token yields (none, one to splice into the arg, or several separate args). */
  const valuesForToken = (name: string, origin: Origin): { values: string[]; origin: Origin } => {
    let raw: string | string[] | null = null;
    let valueOrigin = origin;
    if (props.has(name)) {
      raw = props.get(name)!;
      valueOrigin = propOrigins.get(name) ?? origin;
    } else {
      const resolved = resolver.resolve(name);
      if (resolved) {
        raw = firstValue(resolved.value);
        valueOrigin = originOf(resolved.source);
      }
    }
    const param = paramsByName.get(name);
    if (param) return { values: paramValues(param, raw, origin), origin: valueOrigin };
    if (raw === null) {
      report("warning", "unknown-token", `<${name}> has no value; GP logs "Missing substitution value" and substitutes "" (in ${origin.label})`, origin);
      return { values: [""], origin };
    }
    return { values: [Array.isArray(raw) ? raw[0] ?? "" : raw], origin: valueOrigin };
  };

  const paramValues = (param: ManifestParam, raw: string | string[] | null, origin: Origin): string[] => {
    const prefixed = (value: string): string[] => {
      if (value === "") return [];
      const p = param.prefixWhenSpecified ?? "";
      if (p === "") return [value];
      if (p.endsWith("\\ ")) return [`${p.slice(0, -2)} ${value}`];
      if (p.endsWith(" ")) return [p.trimEnd(), value];
      return [p + value];
    };
    const mode = param.listMode?.toUpperCase();
    if (Array.isArray(raw) && (mode === "CMD" || mode === "CMD_OPT")) {
      if (mode === "CMD_OPT") return raw.flatMap(prefixed);
      return prefixed(raw.join(param.listModeSep || ","));
    }
    let value = Array.isArray(raw) ? raw.join(",") : raw;
    if (value === null) {
      if (param.optional) return [];
      report("error", "required-param-missing", `required parameter '${param.name}' has no value; GP substitutes its bare name`, origin);
      value = param.name;
    }
    return prefixed(value);
  };

  const maxDepth = options.maxDepth ?? 32;
  // Nested values can multiply (a: "<b> <b>", b: "<c> <c>", ...): cap the total work so nothing hangs.
  const maxArgs = 100_000;
  let produced = 0;
  type Frame = { input: string; via: string };
  const reproduceTail = options.reproduceTailDefect ?? true;

  /** ValueResolver.substituteValue for one arg: splice token values into the literal text. */
  const substituteArg = (arg: string, origin: Origin): { value: string; origin: Origin }[] => {
    const { pieces, oneCharTail } = splitIntoSubTokens(arg, reproduceTail);
    if (oneCharTail !== null) {
      report("warning", "one-char-tail", `GP drops the one-character tail '${oneCharTail}' after the last token in '${arg}'${reproduceTail ? "" : " (kept here)"}`, origin);
    }
    const out: { value: string; origin: Origin }[] = [];
    let buffer = "";
    let bufferOrigin = origin;
    for (const piece of pieces) {
      if (piece.kind === "literal") {
        buffer += piece.text;
        continue;
      }
      const { values, origin: from } = valuesForToken(piece.name, origin);
      if (values.length === 1) {
        buffer += values[0];
        if (values[0] !== "") bufferOrigin = from;
      } else if (values.length > 1) {
        if (buffer !== "") out.push({ value: buffer, origin: bufferOrigin });
        for (const v of values) out.push({ value: v, origin: from });
        buffer = "";
      }
    }
    if (buffer !== "") out.push({ value: buffer, origin: bufferOrigin });
    return out;
  };

  /** ValueResolver.resolveValue: tokenize, substitute, and resolve again every value that changed. */
  const resolveValue = (input: string, origin: Origin, stack: Frame[]): string[] => {
    if (!hasToken(input)) return [input];
    const result: string[] = [];
    for (const arg of getTokens(input)) {
      if (++produced > maxArgs) {
        report("error", "substitution-too-large", `substitution produces more than ${maxArgs} args; stopped`, origin);
        break;
      }
      for (const { value, origin: from } of substituteArg(arg, origin)) {
        if (value === arg || !hasToken(value)) {
          result.push(value);
          continue;
        }
        const seen = stack.findIndex((f) => f.input === value);
        if (seen >= 0) {
          const chain = [...stack.slice(seen + 1).map((f) => f.via), arg, stack[seen + 1]?.via ?? arg].join(" -> ");
          report("error", "substitution-cycle", `substitution cycle ${chain}; GP recurses until a StackOverflowError`, from);
          result.push(value);
          continue;
        }
        if (stack.length >= maxDepth) {
          report("error", "substitution-depth", `substitution nested deeper than ${maxDepth} levels at '${arg}'`, from);
          result.push(value);
          continue;
        }
        result.push(...resolveValue(value, from, [...stack, { input: value, via: arg }]));
      }
    }
    return result;
  };

  let argv = resolveValue(commandLine, commandLineOrigin, [{ input: commandLine, via: "commandLine" }]);

  // 5. Redirects: the marker arg and its file name leave argv.
  const redirects: Partial<Record<"stdout" | "stderr" | "stdin", string>> = {};
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const kind = REDIRECTS[argv[i]];
    if (!kind) {
      kept.push(argv[i]);
      continue;
    }
    const file = argv[i + 1];
    if (file === undefined) report("error", "redirect-missing-file", `'${argv[i]}' at the end of the command line has no file name; GP fails the job`, commandLineOrigin);
    else redirects[kind] = file;
    i++;
  }
  argv = kept;

  // 6. -Xmx rewrite for java-like modules.
  if (isJavaLike(manifest.commandLine)) argv = rewriteXmx(argv, resolver.resolve);

  return { argv, commandLine, ...redirects, diagnostics };
}

function rewriteXmx(argv: string[], resolve: (key: string) => { value: GpValue } | undefined): string[] {
  const bytesOf = (key: string) => tryParseMemory(firstValue(resolve(key)?.value));
  const xmx = bytesOf("job.javaXmx");
  const min = bytesOf("job.javaXmxMin");
  const base = xmx ?? bytesOf("job.memory");
  if (base === null) return argv;
  const size = Math.max(base, min ?? 0);
  const flag = `-Xmx${xmxSize(size)}`;
  const at = argv.findIndex((a) => a.startsWith("-Xmx"));
  if (at >= 0) return argv.map((a, i) => (i === at ? flag : a));
  const javaAt = argv.indexOf("java");
  if (javaAt < 0) return argv;
  return [...argv.slice(0, javaAt + 1), flag, ...argv.slice(javaAt + 1)];
}
