// Resolves the effective value of config properties for a job context exactly as GP does (reference §2, §3.6),
// with the provenance of every value: which precedence step decided it, in which section, at which line.
import { formatLsid, lsidNoVersion, tryParseLsid } from "../lsid";
import type { Manifest } from "../modules/manifest";
import { bytesToMiB, tryParseMemory } from "./memory";
import type { ConfigModel, GpValue, ParsedConfig, PropertyMap } from "./types";
import { tryParseWalltime } from "./walltime";

export type Step =
  | "job-input"
  | "user-module"
  | "user"
  | "group-module"
  | "group"
  | "module"
  | "manifest"
  | "executor-props"
  | "executor-default"
  | "default"
  | "server"
  | "built-in"
  | "docker-lookup";

/** Where a value came from. line/col are 1-based positions of the key (0 when the value is not from a file). */
export type Provenance = {
  step: Step;
  section: string;
  key: string;
  line: number;
  col: number;
  /** The module.properties key that matched (task name, LSID without version, or full LSID). */
  moduleKey?: string;
  /** For the docker lookup: the key of job.docker.image.lookup that matched. */
  lookupKey?: string;
};

export type Resolved = { key: string; value: GpValue; source: Provenance };

export type ResolveContext = {
  userId?: string;
  /** The user's groups. GP puts every user in `*`, so `*` is always added when a user id is given. */
  groups?: string[];
  moduleName?: string;
  lsid?: string;
  /** Module manifest: its `job.*` keys feed step 2b; its name and LSID are used when moduleName/lsid are absent. */
  manifest?: Manifest;
  /** Job input form values (step 8). An empty string counts as a value. */
  jobInput?: Record<string, string | string[]>;
  /** The flat server properties map (genepattern.properties < custom.properties ...), consulted after the YAML. */
  serverProperties?: Record<string, string>;
  /** GP's built-in substitution params (gp.tools.dir, resources, wrapper-scripts, ...), consulted last. */
  builtIns?: Record<string, string>;
};

export const DEFAULT_DOCKER_IMAGE = "genepattern/docker-java17:0.12";
const DOCKER_IMAGE = "job.docker.image";
const DOCKER_IMAGE_DEFAULT = "job.docker.image.default";
const DOCKER_IMAGE_LOOKUP = "job.docker.image.lookup";

/** A set of properties consulted at one precedence step. */
type Layer = { step: Step; section: string; moduleKey?: string; entries: Map<string, Resolved> };

type Principal = { id: string; plain: Layer; modules: Map<string, Layer> };

/** Per-config lookup structures, built once per ParsedConfig (treated as immutable once parsed). */
type ConfigIndex = {
  defaults: Layer;
  executorDefaults: Map<string, Layer>;
  executorIds: Set<string>;
  /** null marks a bundle that is not a map (GP ignores it). */
  bundles: Map<string, Layer | null>;
  modules: Map<string, Layer>;
  groups: Principal[];
  users: Map<string, Principal>;
};

function layerFromProps(props: PropertyMap | null | undefined, step: Step, section: string, moduleKey?: string): Layer {
  const entries = new Map<string, Resolved>();
  for (const [key, entry] of props ?? []) {
    const source: Provenance = { step, section, key, line: entry.keyRange.start.line, col: entry.keyRange.start.col };
    if (moduleKey !== undefined) source.moduleKey = moduleKey;
    entries.set(key, { key, value: entry.value, source });
  }
  return { step, section, moduleKey, entries };
}

function modulesLayers(
  modules: Map<string, { key: string; props: PropertyMap }>,
  step: Step,
  section: string,
): Map<string, Layer> {
  const result = new Map<string, Layer>();
  for (const [key, entry] of modules) result.set(key, layerFromProps(entry.props, step, section, key));
  return result;
}

function buildIndex(model: ConfigModel): ConfigIndex {
  const executorDefaults = new Map<string, Layer>();
  for (const [id, executor] of model.executors) {
    executorDefaults.set(id, layerFromProps(executor.defaultProperties, "executor-default", `executors.${id}.default.properties`));
  }
  const bundles = new Map<string, Layer | null>();
  for (const [name, bundle] of model.executorProperties) {
    bundles.set(name, bundle.props ? layerFromProps(bundle.props, "executor-props", `executor.properties.${name}`) : null);
  }
  const principal = (kind: "group" | "user", id: string, props: PropertyMap, modules: Map<string, { key: string; props: PropertyMap }>): Principal => ({
    id,
    plain: layerFromProps(props, kind, `${kind}.properties.${id}`),
    modules: modulesLayers(modules, `${kind}-module`, `${kind}.properties.${id}.module.properties`),
  });
  return {
    defaults: layerFromProps(model.defaultProperties, "default", "default.properties"),
    executorDefaults,
    executorIds: new Set(model.executors.keys()),
    bundles,
    modules: modulesLayers(model.moduleProperties, "module", "module.properties"),
    groups: [...model.groupProperties.values()].map((g) => principal("group", g.id, g.props, g.moduleProperties)),
    users: new Map([...model.userProperties.values()].map((u) => [u.id, principal("user", u.id, u.props, u.moduleProperties)])),
  };
}

const indexes = new WeakMap<ParsedConfig, ConfigIndex>();
const EMPTY_MODEL: ConfigModel = {
  defaultProperties: new Map(),
  executors: new Map(),
  executorProperties: new Map(),
  moduleProperties: new Map(),
  groupProperties: new Map(),
  userProperties: new Map(),
};

function indexOf(cfg: ParsedConfig): ConfigIndex {
  let index = indexes.get(cfg);
  if (!index) {
    // A config that failed to parse has no YAML layer: every lookup falls through to server properties (§1.2).
    index = buildIndex(cfg.model ?? EMPTY_MODEL);
    indexes.set(cfg, index);
  }
  return index;
}

const manifestLayers = new WeakMap<Manifest, Layer>();

function manifestLayer(manifest: Manifest): Layer {
  let layer = manifestLayers.get(manifest);
  if (!layer) {
    const entries = new Map<string, Resolved>();
    for (const [key, value] of Object.entries(manifest.jobProps)) {
      entries.set(key, {
        key,
        value: { kind: "scalar", value },
        source: { step: "manifest", section: "manifest", key, line: manifest.lines?.[key] ?? 0, col: manifest.lines?.[key] ? 1 : 0 },
      });
    }
    layer = { step: "manifest", section: "manifest", entries };
    manifestLayers.set(manifest, layer);
  }
  return layer;
}

const EMPTY_LAYERS = new Map<Step, Layer>();

function flatLayer(values: Record<string, string | string[]> | undefined, step: Step, section: string): Layer {
  if (values === undefined) {
    let empty = EMPTY_LAYERS.get(step);
    if (!empty) EMPTY_LAYERS.set(step, (empty = { step, section, entries: new Map() }));
    return empty;
  }
  const entries = new Map<string, Resolved>();
  for (const [key, raw] of Object.entries(values ?? {})) {
    // JobInput.hasValue: any value, even "", is present; several values become a list.
    const list = Array.isArray(raw) ? raw : [raw];
    if (list.length === 0) continue;
    const value: GpValue = list.length === 1 ? { kind: "scalar", value: list[0] } : { kind: "list", values: [...list] };
    entries.set(key, { key, value, source: { step, section, key, line: 0, col: 0 } });
  }
  return { step, section, entries };
}

/** GP's Value.getValue(): the first element of a scalar or list; maps give null. */
export function firstValue(value: GpValue | undefined): string | null {
  if (!value) return null;
  if (value.kind === "scalar") return value.value;
  if (value.kind === "list") return value.values[0] ?? null;
  return null;
}

/** The module identity GP matches on: task name, then normalised LSID without and with version (§2.4). */
export type ModuleIdentity = { name: string | null; lsid: string | null; lsidNoVersion: string | null; version: string | null };

type LsidForms = { lsid: string; lsidNoVersion: string; version: string | null } | null;
/** Normalised LSID forms by input string; bounded so a long-running server cannot grow it without limit. */
const lsidCache = new Map<string, LsidForms>();

function lsidForms(input: string | undefined): LsidForms {
  if (!input) return null;
  let forms = lsidCache.get(input);
  if (forms === undefined) {
    const parsed = tryParseLsid(input);
    forms = parsed ? { lsid: formatLsid(parsed), lsidNoVersion: lsidNoVersion(parsed), version: parsed.version || null } : null;
    if (lsidCache.size >= 10_000) lsidCache.clear();
    lsidCache.set(input, forms);
  }
  return forms;
}

export function moduleIdentity(ctx: ResolveContext): ModuleIdentity {
  const name = ctx.moduleName ?? (ctx.manifest?.name || null);
  const forms = lsidForms(ctx.lsid ?? ctx.manifest?.lsid);
  if (!forms) return { name, lsid: null, lsidNoVersion: null, version: null };
  return { name, ...forms };
}

/** Module keys in merge order (later wins): name < LSID without version < full LSID. */
function moduleKeysOf(identity: ModuleIdentity): string[] {
  const keys: string[] = [];
  for (const k of [identity.name, identity.lsidNoVersion, identity.lsid]) if (k && !keys.includes(k)) keys.push(k);
  return keys;
}

function moduleLayersFor(modules: Map<string, Layer>, keys: string[]): Layer[] {
  const result: Layer[] = [];
  for (const k of keys) {
    const layer = modules.get(k);
    if (layer) result.push(layer);
  }
  return result;
}

/**
 * The layers of one context, split by step so that the special rules for `executor` and `executor.props` can pick
 * the steps they use. All lists are in ascending precedence (later wins).
 */
type ContextPlan = {
  index: ConfigIndex;
  identity: ModuleIdentity;
  userId: string | null;
  groups: string[];
  modules: Layer[];
  /** Steps 6 and 7: groups (file order; each plain then module), then user plain, then user module. */
  principals: Layer[];
  jobInput: Layer;
  manifest: Layer | null;
  server: Layer;
  builtIns: Layer;
  /** Filled in by planFor: the executor (step 0) and the executor.props bundle. */
  executor: Resolved | undefined;
  executorDefault: Layer | null;
  executorProps: Resolved | undefined;
  bundle: Layer | null;
  /** The bundle used when resolving `executor` itself (executor.props resolved without the executor default). */
  executorBundle: Layer | null;
  executorPropsForExecutor: Resolved | undefined;
};

function lookup(layers: readonly Layer[], key: string): Resolved | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const found = layers[i].entries.get(key);
    if (found) return found;
  }
  return undefined;
}

function planFor(cfg: ParsedConfig, ctx: ResolveContext): ContextPlan {
  const index = indexOf(cfg);
  const identity = moduleIdentity(ctx);
  const keys = moduleKeysOf(identity);
  const userId = ctx.userId ?? null;
  const groups = userId === null ? [] : ctx.groups?.includes("*") ? ctx.groups : [...(ctx.groups ?? []), "*"];
  const principals: Layer[] = [];
  if (userId !== null) {
    // Steps 6 and 7 need a user id. Groups are walked in FILE order, each plain keys then module keys.
    for (const group of index.groups) {
      if (!groups.includes(group.id)) continue;
      principals.push(group.plain, ...moduleLayersFor(group.modules, keys));
    }
    const user = index.users.get(userId);
    if (user) principals.push(user.plain, ...moduleLayersFor(user.modules, keys));
  }
  const jobInput = flatLayer(ctx.jobInput, "job-input", "job input");
  const plan: ContextPlan = {
    index,
    identity,
    userId,
    groups,
    modules: moduleLayersFor(index.modules, keys),
    principals,
    jobInput,
    manifest: ctx.manifest ? manifestLayer(ctx.manifest) : null,
    server: flatLayer(ctx.serverProperties, "server", "server properties"),
    builtIns: flatLayer(ctx.builtIns, "built-in", "built-in"),
    executor: undefined,
    executorDefault: null,
    executorProps: undefined,
    bundle: null,
    executorBundle: null,
    executorPropsForExecutor: undefined,
  };
  // Resolving `executor`: no executor default (cmdExecId is null), but executor.props is still expanded (§2.3).
  plan.executorPropsForExecutor = lookup([index.defaults, ...plan.modules, ...principals, jobInput], "executor.props");
  plan.executorBundle = bundleFor(index, plan.executorPropsForExecutor);
  plan.executor = fullLookup(plan, executorLayers(plan), "executor");
  const executorId = firstValue(plan.executor?.value);
  plan.executorDefault = executorId !== null ? index.executorDefaults.get(executorId) ?? null : null;
  // executor.props for every other key: steps 1, 2, 5, 6, 7, 8.
  plan.executorProps = lookup(executorPropsLayers(plan), "executor.props");
  plan.bundle = bundleFor(index, plan.executorProps);
  return plan;
}

function bundleFor(index: ConfigIndex, executorProps: Resolved | undefined): Layer | null {
  const name = firstValue(executorProps?.value);
  return name === null ? null : index.bundles.get(name) ?? null;
}

function executorLayers(plan: ContextPlan): Layer[] {
  const layers = [plan.index.defaults];
  if (plan.executorBundle) layers.push(plan.executorBundle);
  return [...layers, ...plan.modules, ...plan.principals, plan.jobInput];
}

function executorPropsLayers(plan: ContextPlan): Layer[] {
  const layers = [plan.index.defaults];
  if (plan.executorDefault) layers.push(plan.executorDefault);
  return [...layers, ...plan.modules, ...plan.principals, plan.jobInput];
}

/** The YAML-layer steps for key, in ascending precedence (§2.2). */
function yamlLayersFor(plan: ContextPlan, key: string): Layer[] {
  if (key === "executor") return executorLayers(plan);
  if (key === "executor.props") return executorPropsLayers(plan);
  const layers = [plan.index.defaults];
  if (plan.executorDefault) layers.push(plan.executorDefault);
  if (plan.bundle) layers.push(plan.bundle);
  if (plan.manifest && key.startsWith("job.")) layers.push(plan.manifest);
  return [...layers, ...plan.modules, ...plan.principals, plan.jobInput];
}

/** GpConfig.getValue minus the docker special case: YAML layer, then server properties, then built-ins. */
function fullLookup(plan: ContextPlan, yamlLayers: Layer[], key: string): Resolved | undefined {
  return lookup(yamlLayers, key) ?? plan.server.entries.get(key) ?? plan.builtIns.entries.get(key);
}

/** §3.6: job.docker.image falls back to the lookup table, then job.docker.image.default, then the hard-coded image. */
function resolveDockerImage(plan: ContextPlan, get: (key: string) => Resolved | undefined = (key) => fullLookup(plan, yamlLayersFor(plan, key), key)): Resolved {
  const direct = get(DOCKER_IMAGE);
  if (direct && firstValue(direct.value) !== null) return direct;
  const fromLookup = dockerLookup(plan, get(DOCKER_IMAGE_LOOKUP));
  if (fromLookup) return fromLookup;
  const fallback = get(DOCKER_IMAGE_DEFAULT);
  if (fallback && firstValue(fallback.value) !== null) return { key: DOCKER_IMAGE, value: fallback.value, source: fallback.source };
  return {
    key: DOCKER_IMAGE,
    value: { kind: "scalar", value: DEFAULT_DOCKER_IMAGE },
    source: { step: "built-in", section: "built-in", key: DOCKER_IMAGE_DEFAULT, line: 0, col: 0 },
  };
}

/** The lookup keys in the order the code tries them: full LSID, name:version, LSID without version, name. */
export function dockerLookupKeys(identity: ModuleIdentity): string[] {
  const keys: string[] = [];
  const add = (k: string | null) => {
    if (k && !keys.includes(k)) keys.push(k);
  };
  add(identity.lsid);
  add(identity.name && identity.version ? `${identity.name}:${identity.version}` : null);
  add(identity.lsidNoVersion);
  add(identity.name);
  return keys;
}

function dockerLookup(plan: ContextPlan, table: Resolved | undefined): Resolved | undefined {
  if (!table || table.value.kind !== "map") return undefined;
  for (const lookupKey of dockerLookupKeys(plan.identity)) {
    if (!Object.prototype.hasOwnProperty.call(table.value.entries, lookupKey)) continue;
    const raw = table.value.entries[lookupKey];
    if (raw === null || raw === undefined || typeof raw === "object") continue;
    return {
      key: DOCKER_IMAGE,
      value: { kind: "scalar", value: String(raw) },
      source: { ...table.source, step: "docker-lookup", lookupKey },
    };
  }
  return undefined;
}

function resolveWithPlan(plan: ContextPlan, key: string): Resolved | undefined {
  if (key === DOCKER_IMAGE) return resolveDockerImage(plan);
  if (key === "executor") return plan.executor;
  return fullLookup(plan, yamlLayersFor(plan, key), key);
}

/** The effective value of one property for a context, with its provenance; undefined when nothing sets it. */
export function resolveProperty(cfg: ParsedConfig, ctx: ResolveContext, key: string): Resolved | undefined {
  return resolveWithPlan(planFor(cfg, ctx), key);
}

/** Every property that any consulted step sets for this context, plus job.docker.image (which always resolves). */
export function resolveAll(cfg: ParsedConfig, ctx: ResolveContext): Map<string, Resolved> {
  const plan = planFor(cfg, ctx);
  const result = new Map<string, Resolved>();
  const apply = (layer: Layer | null) => {
    if (layer) for (const [key, resolved] of layer.entries) result.set(key, resolved);
  };
  // Lowest precedence first, so later layers overwrite: built-ins < server < YAML steps in §2.2 order.
  apply(plan.builtIns);
  apply(plan.server);
  apply(plan.index.defaults);
  apply(plan.executorDefault);
  apply(plan.bundle);
  if (plan.manifest) apply(plan.manifest);
  for (const layer of plan.modules) apply(layer);
  for (const layer of plan.principals) apply(layer);
  apply(plan.jobInput);
  // The keys with their own rules. Every other key's merged value equals its full lookup, so the docker fallback
  // can read the merged map instead of walking the layers again.
  const executorProps = plan.executorProps ?? plan.server.entries.get("executor.props") ?? plan.builtIns.entries.get("executor.props");
  for (const [key, resolved] of [["executor", plan.executor], ["executor.props", executorProps]] as const) {
    if (resolved) result.set(key, resolved);
    else result.delete(key);
  }
  result.set(DOCKER_IMAGE, resolveDockerImage(plan, (key) => result.get(key)));
  return result;
}

export type ExplainEntry = {
  step: Step;
  section: string;
  moduleKey?: string;
  /** found: the step has the key; absent: consulted but no key; skipped: not consulted (see note). */
  status: "found" | "absent" | "skipped";
  value?: GpValue;
  source?: Provenance;
  note?: string;
  winner: boolean;
};

export type Explanation = {
  key: string;
  module: ModuleIdentity;
  userId: string | null;
  groups: string[];
  executor: Resolved | undefined;
  executorProps: Resolved | undefined;
  /** Every step in GP's order (lowest precedence first). */
  steps: ExplainEntry[];
  result: Resolved | undefined;
};

/** Every step consulted for key, the value found there or not, and the winner (`explain.ts` renders it). */
export function explainProperty(cfg: ParsedConfig, ctx: ResolveContext, key: string): Explanation {
  const plan = planFor(cfg, ctx);
  const result = resolveWithPlan(plan, key);
  const steps: ExplainEntry[] = [];
  const winnerSource = result?.source;
  const consult = (layer: Layer, lookupKey = key, note?: string) => {
    const found = layer.entries.get(lookupKey);
    steps.push({
      step: layer.step,
      section: layer.section,
      moduleKey: layer.moduleKey,
      status: found ? "found" : "absent",
      value: found?.value,
      source: found?.source,
      note,
      winner: found !== undefined && found.source === winnerSource,
    });
  };
  const skip = (step: Step, section: string, note: string) => steps.push({ step, section, status: "skipped", note, winner: false });
  const index = plan.index;
  const isExecutor = key === "executor";
  const isExecutorProps = key === "executor.props";
  const executorId = firstValue(plan.executor?.value);

  consult(index.defaults);
  if (isExecutor) skip("executor-default", "executors", "not consulted when resolving 'executor' itself");
  else if (executorId === null) skip("executor-default", "executors", "no executor resolved");
  else if (!plan.executorDefault) skip("executor-default", `executors.${executorId}`, `executor '${executorId}' is not defined in executors`);
  else consult(plan.executorDefault);

  const bundleSource = isExecutor ? plan.executorPropsForExecutor : plan.executorProps;
  const bundle = isExecutor ? plan.executorBundle : plan.bundle;
  const bundleName = firstValue(bundleSource?.value);
  if (isExecutorProps) skip("executor-props", "executor.properties", "no bundle expansion for 'executor.props' itself");
  else if (bundleName === null) skip("executor-props", "executor.properties", "executor.props is not set");
  else if (!bundle) {
    const exists = index.bundles.has(bundleName);
    skip("executor-props", `executor.properties.${bundleName}`, exists ? `bundle '${bundleName}' is not a map; GP ignores it` : `no bundle named '${bundleName}'`);
  } else consult(bundle, key, `selected by executor.props = ${bundleName}`);

  if (!key.startsWith("job.") || isExecutor || isExecutorProps) skip("manifest", "manifest", "only keys starting with 'job.' are read from the manifest");
  else if (!plan.manifest) skip("manifest", "manifest", "no manifest in the context");
  else consult(plan.manifest);

  const moduleKeys = moduleKeysOf(plan.identity);
  if (moduleKeys.length === 0) skip("module", "module.properties", "no module in the context");
  for (const mk of moduleKeys) {
    const layer = index.modules.get(mk);
    if (layer) consult(layer);
    else steps.push({ step: "module", section: "module.properties", moduleKey: mk, status: "absent", note: `no entry '${mk}'`, winner: false });
  }

  if (plan.userId === null) {
    skip("group", "group.properties", "no user id (groups need a user)");
    skip("user", "user.properties", "no user id");
  } else {
    for (const group of index.groups) {
      if (!plan.groups.includes(group.id)) continue;
      consult(group.plain);
      for (const mk of moduleKeys) {
        const layer = group.modules.get(mk);
        if (layer) consult(layer);
      }
    }
    const user = index.users.get(plan.userId);
    if (!user) skip("user", `user.properties.${plan.userId}`, `no entry for user '${plan.userId}'`);
    else {
      consult(user.plain);
      for (const mk of moduleKeys) {
        const layer = user.modules.get(mk);
        if (layer) consult(layer);
      }
    }
  }
  consult(plan.jobInput);
  consult(plan.server);
  consult(plan.builtIns);

  if (key === DOCKER_IMAGE && result && (result.source.step === "docker-lookup" || result.source.key !== DOCKER_IMAGE)) {
    // The §3.6 fallback decided: show it as the final step.
    steps.push({ step: result.source.step === "built-in" ? "built-in" : "docker-lookup", section: result.source.section, status: "found", value: result.value, source: result.source, winner: true, note: dockerNote(result) });
  }
  return { key, module: plan.identity, userId: plan.userId, groups: plan.groups, executor: plan.executor, executorProps: plan.executorProps, steps, result };
}

function dockerNote(result: Resolved): string {
  if (result.source.step === "docker-lookup") return `job.docker.image.lookup["${result.source.lookupKey}"]`;
  if (result.source.step === "built-in") return `hard-coded default ${DEFAULT_DOCKER_IMAGE}`;
  return "job.docker.image.default";
}

export const explain = explainProperty;

/** Internal access for resolve-job-settings and substitution, so one plan serves many keys. */
export function createResolver(cfg: ParsedConfig, ctx: ResolveContext): {
  identity: ModuleIdentity;
  executorDefined: boolean;
  resolve: (key: string) => Resolved | undefined;
} {
  const plan = planFor(cfg, ctx);
  const executorId = firstValue(plan.executor?.value);
  return {
    identity: plan.identity,
    executorDefined: executorId !== null && plan.index.executorIds.has(executorId),
    resolve: (key) => resolveWithPlan(plan, key),
  };
}

export type JobSettingName =
  | "executor" | "executorProps" | "jobDefinition" | "jobDefinitionAlias" | "queue" | "virtualQueue" | "memoryMb"
  | "cpuCount" | "walltimeSec" | "image" | "s3Root" | "awsProfile" | "destPrefix";

export type JobSettings = {
  executor: string | null;
  executorProps: string | null;
  /** job.awsbatch.job-definition-name: the only key GP reads for the job definition. */
  jobDefinition: string | null;
  /** aws-batch-job-definition-name (the wiki's name): GP ignores it; reported so the UI can warn. */
  jobDefinitionAlias: string | null;
  queue: string | null;
  virtualQueue: string | null;
  /** job.memory in MiB, rounded up (AwsBatchUtil.numMiB); null when unset or not a memory value. */
  memoryMb: number | null;
  cpuCount: number | null;
  walltimeSec: number | null;
  /** job.docker.image after the §3.6 fallbacks (an empty string also falls back, GPAT-2718). */
  image: string;
  s3Root: string | null;
  awsProfile: string | null;
  /** job.awsbatch.dest-prefix; GP defaults it to "". */
  destPrefix: string;
  sources: Record<JobSettingName, Provenance | null>;
  /** Values present but unusable, e.g. a job.memory that is not a memory spec. */
  problems: { setting: JobSettingName; key: string; message: string }[];
};

/** The settings the AWS Batch runner reads for a job (§5.1), each with its provenance. */
export function resolveJobSettings(cfg: ParsedConfig, ctx: ResolveContext): JobSettings {
  const plan = planFor(cfg, ctx);
  const sources = {} as Record<JobSettingName, Provenance | null>;
  const problems: JobSettings["problems"] = [];
  const text = (setting: JobSettingName, key: string): string | null => {
    const resolved = resolveWithPlan(plan, key);
    sources[setting] = resolved?.source ?? null;
    return firstValue(resolved?.value);
  };
  const parsed = <T>(setting: JobSettingName, key: string, parse: (s: string) => T | null, what: string): T | null => {
    const raw = text(setting, key);
    if (raw === null || raw.trim() === "") return null;
    const value = parse(raw);
    if (value === null) problems.push({ setting, key, message: `${key} '${raw}' is not ${what}; GP ignores it` });
    return value;
  };
  const executor = text("executor", "executor");
  const executorProps = text("executorProps", "executor.props");
  const jobDefinition = text("jobDefinition", "job.awsbatch.job-definition-name");
  const jobDefinitionAlias = text("jobDefinitionAlias", "aws-batch-job-definition-name");
  const queue = text("queue", "job.queue");
  const virtualQueue = text("virtualQueue", "job.virtualQueue");
  const memoryBytes = parsed("memoryMb", "job.memory", tryParseMemory, "a memory value such as 4Gb");
  const cpuCount = parsed("cpuCount", "job.cpuCount", (s) => (/^\s*[+-]?\d+\s*$/.test(s) ? Number(s) : null), "an integer");
  const walltimeSec = parsed("walltimeSec", "job.walltime", tryParseWalltime, "a walltime such as 02:00:00");
  const imageResolved = resolveDockerImage(plan);
  let image = firstValue(imageResolved.value) ?? DEFAULT_DOCKER_IMAGE;
  sources.image = imageResolved.source;
  if (image === "") {
    const fallback = fullLookup(plan, yamlLayersFor(plan, DOCKER_IMAGE_DEFAULT), DOCKER_IMAGE_DEFAULT);
    const fallbackValue = firstValue(fallback?.value);
    image = fallbackValue || DEFAULT_DOCKER_IMAGE;
    sources.image = fallbackValue ? fallback!.source : { step: "built-in", section: "built-in", key: DOCKER_IMAGE_DEFAULT, line: 0, col: 0 };
  }
  const s3Root = text("s3Root", "aws-s3-root");
  const awsProfile = text("awsProfile", "aws-profile");
  const destPrefix = text("destPrefix", "job.awsbatch.dest-prefix") ?? "";
  return {
    executor,
    executorProps,
    jobDefinition,
    jobDefinitionAlias,
    queue,
    virtualQueue,
    memoryMb: memoryBytes === null ? null : bytesToMiB(memoryBytes),
    cpuCount,
    walltimeSec,
    image,
    s3Root,
    awsProfile,
    destPrefix,
    sources,
    problems,
  };
}

/** GP's built-in substitution params for a GP home dir (§2.1 step 3), for callers that know the install layout. */
export function gpBuiltIns(gpHome: string): Record<string, string> {
  const home = gpHome.replace(/\/+$/, "");
  return {
    resources: `${home}/resources`,
    "wrapper-scripts": `${home}/resources/wrapper_scripts`,
    jobs: `${home}/jobResults`,
    "user.root.dir": `${home}/users`,
    patches: `${home}/patches`,
  };
}
