// Data access for the Modules pages: the catalog table (effective settings computed once per config and catalog),
// a module's effective configuration with provenance, mapping and bundle edits, version-range rules and imports.
// Every function checks the acting user's permission; config writes go through saveConfig only.
import "server-only";
import path from "node:path";
import { recordAudit } from "../audit/record-audit";
import { assertCan } from "../auth/roles";
import { parseConfig } from "../config/parse";
import { explainProperty, resolveAll, resolveJobSettings, type Explanation, type JobSettings, type Provenance, type ResolveContext } from "../config/resolve";
import { ConfigFileError, readConfigFile, saveConfig, unifiedDiff, checkForSave, type SaveResult } from "../config/store";
import { buildCommandLine } from "../config/substitute";
import { blastRadius, type BlastModule, type BlastRadius } from "../config/blast-radius";
import type { Diagnostic, GpValue, ParsedConfig } from "../config/types";
import { env } from "../env";
import { compareVersions } from "../lsid";
import { ActionError } from "../errors";
import { buildSubmitJobInput } from "../executors/aws-batch/submit-request";
import { defaultBindMounts, jobLayout } from "../executors/staging";
import type { SubmitJobInput } from "../executors/types";
import { catalogStamp, getModuleVersionById, listModuleVersions, saveCatalogEntries, type CatalogVersion, type ImportSummary } from "../modules/catalog";
import { ImportError, type CatalogEntry } from "../modules/catalog-entry";
import { effectiveRow, isMapped, JOB_DEFINITION_KEY, PLAIN_USER, type EffectiveRow } from "../modules/effective";
import { readGpServer } from "../modules/import-gp-server";
import { readTaskLibFolder } from "../modules/import-tasklib";
import { readUpload } from "../modules/import-zip";
import { parseManifest, type Manifest, type ManifestParam } from "../modules/manifest";
import { applyBundle, applyMapping, mappingKeys, type Mapping, type bundleSchema } from "../modules/mapping";
import { RangeRuleError, checkRangeRule, compileRanges, rulesCovering, type RangeOverlap, type RangeProps, type RangeRuleInput } from "../modules/ranges";
import { RangeYamlError, writeGeneratedBlock } from "../modules/ranges-yaml";
import { queryModuleRows, type ModuleTablePage, type ModuleTableQuery } from "../modules/table-query";
import type { z } from "zod";
import type { DataContext } from "./context";

function configPath(): string {
  return env().configPath;
}

type LoadedConfig = { text: string; hash: string; cfg: ParsedConfig } | { error: string };

let parsedCache: { hash: string; cfg: ParsedConfig } | undefined;

async function loadConfig(): Promise<LoadedConfig> {
  try {
    const { text, hash } = await readConfigFile(configPath());
    if (parsedCache?.hash !== hash) parsedCache = { hash, cfg: parseConfig(text, { fileName: path.basename(configPath()) }) };
    return { text, hash, cfg: parsedCache.cfg };
  } catch (error) {
    if (error instanceof ConfigFileError) return { error: error.message };
    throw error;
  }
}

async function jobDefinitionNames(ctx: DataContext): Promise<string[]> {
  const [local, snapshots] = await Promise.all([
    ctx.db.localJobDefinition.findMany({ select: { name: true }, distinct: ["name"] }),
    ctx.db.jobDefinitionSnapshot.findMany({ select: { name: true }, distinct: ["name"] }),
  ]);
  return [...new Set([...local, ...snapshots].map((j) => j.name))].sort();
}

export async function listJobDefinitionNames(ctx: DataContext): Promise<string[]> {
  assertCan(ctx.user, "read");
  return jobDefinitionNames(ctx);
}

/** Modules (by base LSID) with their versions, newest first: the choices of the range-rule form. */
export async function listModuleChoices(ctx: DataContext): Promise<{ name: string; baseLsid: string; versions: string[] }[]> {
  assertCan(ctx.user, "read");
  const versions = (await catalogWithManifests(ctx)).versions;
  const byBase = new Map<string, { name: string; baseLsid: string; versions: string[] }>();
  for (const v of versions) {
    const entry = byBase.get(v.baseLsid) ?? { name: v.name, baseLsid: v.baseLsid, versions: [] };
    entry.versions.push(v.version);
    byBase.set(v.baseLsid, entry);
  }
  return [...byBase.values()].sort((a, b) => a.name.localeCompare(b.name)).map((m) => ({ ...m, versions: sortNewestFirst(m.versions) }));
}

function sortNewestFirst(versions: string[]): string[] {
  return [...versions].sort((a, b) => {
    try {
      return compareVersions(a, b);
    } catch {
      return b.localeCompare(a);
    }
  });
}

type CatalogManifests = { stamp: string; versions: (CatalogVersion & { manifest: Manifest })[] };
let manifestCache: CatalogManifests | undefined;

/** Every version with its parsed manifest; re-read only when the catalog changes. */
async function catalogWithManifests(ctx: DataContext): Promise<CatalogManifests> {
  const stamp = await catalogStamp(ctx.db);
  if (manifestCache?.stamp === stamp) return manifestCache;
  const rows = await ctx.db.moduleVersion.findMany({
    select: { id: true, moduleId: true, lsid: true, version: true, commandLine: true, source: true, taskLibDir: true, importedAt: true, manifest: true, module: { select: { name: true, baseLsid: true } } },
    orderBy: { id: "asc" },
  });
  const versions = rows.map(({ module, manifest, ...v }) => ({ ...v, name: module.name, baseLsid: module.baseLsid, manifest: safeManifest(manifest) }));
  manifestCache = { stamp, versions };
  return manifestCache;
}

function safeManifest(text: string): Manifest {
  try {
    return parseManifest(text);
  } catch {
    return { name: "", lsid: "", commandLine: "", props: {}, jobProps: {}, params: [], lines: {} };
  }
}

let rowsCache: { key: string; rows: EffectiveRow[] } | undefined;

async function effectiveRows(ctx: DataContext, loaded: Extract<LoadedConfig, { cfg: ParsedConfig }>): Promise<EffectiveRow[]> {
  const [catalog, names] = await Promise.all([catalogWithManifests(ctx), jobDefinitionNames(ctx)]);
  const key = `${loaded.hash}|${catalog.stamp}|${names.join(",")}`;
  if (rowsCache?.key === key) return rowsCache.rows;
  const jobDefs = names.length ? new Set(names) : undefined;
  const rows = catalog.versions.map((v) => effectiveRow(loaded.cfg, v, { jobDefinitionNames: jobDefs }));
  rowsCache = { key, rows };
  return rows;
}

export type ModuleTableResult = ModuleTablePage & { configHash: string | null; configError?: string; bundles: string[]; catalogSize: number };

export async function listModules(ctx: DataContext, query: ModuleTableQuery): Promise<ModuleTableResult> {
  assertCan(ctx.user, "read");
  const loaded = await loadConfig();
  if ("error" in loaded) {
    const empty = queryModuleRows([], query);
    return { ...empty, configHash: null, configError: loaded.error, bundles: [], catalogSize: await ctx.db.moduleVersion.count() };
  }
  const rows = await effectiveRows(ctx, loaded);
  const bundles = loaded.cfg.model ? [...loaded.cfg.model.executorProperties.keys()] : [];
  return { ...queryModuleRows(rows, query), configHash: loaded.hash, bundles, catalogSize: rows.length };
}

/** The effective rows for some versions (for the mapping form's before/after). */
export async function getEffectiveRows(ctx: DataContext, ids: number[]): Promise<EffectiveRow[]> {
  assertCan(ctx.user, "read");
  const loaded = await loadConfig();
  if ("error" in loaded) return [];
  const wanted = new Set(ids);
  return (await effectiveRows(ctx, loaded)).filter((r) => wanted.has(r.id));
}

// ---------------------------------------------------------------------------------------------------------------
// One module version: effective configuration, explain trace, argv and the SubmitJob request

export type PropertyRow = { key: string; value: string; source: Provenance; configLine: number | null };

export type ModuleDetail = {
  version: CatalogVersion;
  manifestText: string;
  manifest: Manifest;
  otherVersions: { id: number; version: string; lsid: string }[];
  context: { userId: string; groups: string[] };
  configError?: string;
  configHash: string | null;
  /** The config text the values were resolved from (the page quotes the lines it links to). */
  configText: string;
  groupsInConfig: string[];
  usersInConfig: string[];
  properties: PropertyRow[];
  settings: JobSettings | null;
  explain: Explanation | null;
  explainKey: string;
  argv: string[] | null;
  argvParams: Record<string, string | string[]>;
  argvDiagnostics: Diagnostic[];
  submitRequest: SubmitJobInput | null;
  submitNotes: string[];
  mapped: boolean;
  coveringRules: { id: number; range: string }[];
};

/** Steps whose provenance points into config_custom.yaml (the others come from the manifest or GP itself). */
const CONFIG_STEPS = new Set(["user-module", "user", "group-module", "group", "module", "executor-props", "executor-default", "default", "docker-lookup"]);

export function configLineOf(source: Provenance | null | undefined): number | null {
  return source && CONFIG_STEPS.has(source.step) && source.line > 0 ? source.line : null;
}

export function formatValue(value: GpValue): string {
  if (value.kind === "scalar") return value.value === null ? "null" : value.value;
  if (value.kind === "list") return `[${value.values.map((v) => (v === null ? "null" : v)).join(", ")}]`;
  return JSON.stringify(value.entries);
}

/** Values a preview run uses: defaults, the first choice, or a sample file under the job's input folder. */
function previewParams(manifest: Manifest, inputDir: string): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  const sample = (p: ManifestParam) => `${inputDir}/sample.${(p.fileFormat ?? "txt").split(";")[0]?.replace(/^\./, "") || "txt"}`;
  for (const p of manifest.params) {
    if (p.defaultValue) params[p.name] = p.defaultValue;
    else if (p.isInputFile && !p.optional) params[p.name] = sample(p);
    else if (p.choices?.length && !p.optional) params[p.name] = p.choices[0].value;
  }
  return params;
}

export async function getModuleDetail(
  ctx: DataContext,
  id: number,
  opts: { userId?: string; groups?: string[]; explainKey?: string } = {},
): Promise<ModuleDetail | null> {
  assertCan(ctx.user, "read");
  const version = await getModuleVersionById(ctx.db, id);
  if (!version) return null;
  const row = await ctx.db.moduleVersion.findUnique({ where: { id }, select: { manifest: true } });
  const manifestText = row?.manifest ?? "";
  const manifest = safeManifest(manifestText);
  const siblings = await listModuleVersions(ctx.db, version.baseLsid);
  const userId = opts.userId?.trim() || PLAIN_USER;
  const groups = (opts.groups ?? []).map((g) => g.trim()).filter(Boolean);
  const explainKey = opts.explainKey?.trim() || JOB_DEFINITION_KEY;
  const rules = (await ctx.db.rangeRule.findMany({ where: { baseLsid: version.baseLsid }, orderBy: { id: "asc" } })).map(toRuleInput);
  const coveringRules = rulesCovering(rules, version).map((r) => ({ id: r.id, range: r.range }));
  const base = {
    version,
    manifestText,
    manifest,
    otherVersions: siblings.map((s) => ({ id: s.id, version: s.version, lsid: s.lsid })),
    context: { userId, groups },
    explainKey,
    coveringRules,
  };
  const loaded = await loadConfig();
  if ("error" in loaded) {
    return { ...base, configError: loaded.error, configHash: null, configText: "", groupsInConfig: [], usersInConfig: [], properties: [], settings: null, explain: null, argv: null, argvParams: {}, argvDiagnostics: [], submitRequest: null, submitNotes: [], mapped: false };
  }
  const cfg = loaded.cfg;
  const resolveCtx: ResolveContext = { userId, groups, moduleName: version.name, lsid: version.lsid, manifest };
  const properties: PropertyRow[] = [...resolveAll(cfg, resolveCtx).values()]
    .map((r) => ({ key: r.key, value: formatValue(r.value), source: r.source, configLine: configLineOf(r.source) }))
    .sort((a, b) => a.key.localeCompare(b.key));
  const settings = resolveJobSettings(cfg, resolveCtx);
  const layout = jobLayout(path.posix.join(env().gpHomeDir, "jobResults"), 1);
  const argvParams = previewParams(manifest, layout.inputDir);
  const libdir = version.taskLibDir ?? path.posix.join(env().gpHomeDir, "taskLib", `${version.name}.${version.version}.${version.id}`);
  let argv: string[] | null = null;
  let argvDiagnostics: Diagnostic[] = [];
  try {
    const built = buildCommandLine(cfg, resolveCtx, { manifest, params: argvParams, jobId: String(layout.jobNo), workDir: layout.workDir, libdir: `${libdir}/` });
    argv = built.argv;
    argvDiagnostics = built.diagnostics;
  } catch (error) {
    argvDiagnostics = [{ severity: "error", code: "substitution-failed", message: (error as Error).message, path: [], range: { start: { line: 1, col: 1 }, end: { line: 1, col: 1 } } }];
  }
  const submitNotes: string[] = [];
  let submitRequest: SubmitJobInput | null = null;
  if (!settings.jobDefinition) submitNotes.push("No job.awsbatch.job-definition-name resolves for this module: a test job on AWS Batch cannot be submitted.");
  if (!settings.queue) submitNotes.push("No job.queue resolves for this module.");
  if (settings.jobDefinition && settings.queue) {
    const inputs = Object.values(argvParams).flat().filter((v) => v.startsWith(layout.inputDir));
    submitRequest = buildSubmitJobInput({
      jobNo: layout.jobNo,
      moduleName: version.name,
      moduleLsid: version.lsid,
      userId,
      taskLibDir: libdir,
      workDir: layout.workDir,
      metaDir: layout.metaDir,
      inputDir: layout.inputDir,
      s3Root: settings.s3Root ?? "",
      jobQueue: settings.queue,
      jobDefinition: settings.jobDefinition,
      walltimeSec: settings.walltimeSec,
      memoryMb: settings.memoryMb,
      cpuCount: settings.cpuCount,
      dockerImage: settings.image,
      bindMounts: defaultBindMounts(inputs, layout.workDir),
      localPrefix: settings.destPrefix,
    });
    submitNotes.push(`Shown for test job #${layout.jobNo}; the Jobs page submits the same request with the real job number and inputs.`);
  }
  for (const problem of settings.problems) submitNotes.push(problem.message);
  const model = cfg.model;
  return {
    ...base,
    configHash: loaded.hash,
    configText: loaded.text,
    groupsInConfig: model ? [...model.groupProperties.keys()] : [],
    usersInConfig: model ? [...model.userProperties.keys()] : [],
    properties,
    settings,
    explain: explainProperty(cfg, resolveCtx, explainKey),
    argv,
    argvParams,
    argvDiagnostics,
    submitRequest,
    submitNotes,
    mapped: isMapped(cfg, version),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Config edits: mapping form, bundles, range rules

export type EditPreview = {
  baseHash: string;
  text: string;
  diff: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  /** How many of the warnings the file already had before this edit (saving still needs a confirm). */
  existingWarnings: number;
  blast: BlastRadius;
  /** Extra facts for the form, e.g. the module.properties keys written. */
  notes: string[];
};

async function validateOptions(ctx: DataContext) {
  const catalog = await catalogWithManifests(ctx);
  const names = await jobDefinitionNames(ctx);
  return { manifests: catalog.versions.map((v) => v.manifest), ...(names.length ? { jobDefinitionNames: names } : {}) };
}

async function blastModules(ctx: DataContext): Promise<BlastModule[]> {
  return (await catalogWithManifests(ctx)).versions.map((v) => ({ name: v.name, lsid: v.lsid, manifest: v.manifest }));
}

async function currentConfigOrThrow(baseHash?: string): Promise<{ text: string; hash: string }> {
  const loaded = await loadConfig();
  if ("error" in loaded) throw new ActionError("config-unreadable", loaded.error);
  if (baseHash && loaded.hash !== baseHash) {
    throw new ActionError("conflict", "The config file changed since this page was loaded. Reload the page to edit the current version.");
  }
  return { text: loaded.text, hash: loaded.hash };
}

async function preview(ctx: DataContext, before: { text: string; hash: string }, after: string, notes: string[]): Promise<EditPreview> {
  const options = await validateOptions(ctx);
  const { errors, warnings } = checkForSave(after, path.basename(configPath()), options);
  const had = new Set(checkForSave(before.text, path.basename(configPath()), options).warnings.map((w) => `${w.code}|${w.message}`));
  const existingWarnings = warnings.filter((w) => had.has(`${w.code}|${w.message}`)).length;
  const blast = errors.length ? { source: "catalog" as const, checked: 0, changed: [], error: "Fix the errors to see which modules change." } : blastRadius(before.text, after, await blastModules(ctx));
  return { baseHash: before.hash, text: after, diff: unifiedDiff(path.basename(configPath()), before.text, after), errors, warnings, existingWarnings, blast, notes };
}

export type SaveEditInput = { baseHash: string; reason: string; confirmWarnings: boolean };

async function save(ctx: DataContext, text: string, input: SaveEditInput, action: string): Promise<SaveResult> {
  return saveConfig({
    db: ctx.db,
    path: configPath(),
    text,
    baseHash: input.baseHash,
    actor: { id: ctx.user.id, username: ctx.user.username },
    reason: input.reason,
    confirmWarnings: input.confirmWarnings,
    validate: await validateOptions(ctx),
    action,
  });
}

async function mappingEdit(ctx: DataContext, m: Mapping, baseHash?: string) {
  const current = await currentConfigOrThrow(baseHash);
  const targets = (await catalogWithManifests(ctx)).versions.filter((v) => m.versionIds.includes(v.id));
  if (targets.length !== new Set(m.versionIds).size) throw new ActionError("not_found", "Some selected module versions are no longer in the catalog. Reload the page.");
  const keys = mappingKeys(targets, m.level);
  if (m.bundle) {
    const model = parseConfig(current.text).model;
    if (model && !model.executorProperties.has(m.bundle)) {
      throw new ActionError("invalid", `No runtime environment '${m.bundle}' in executor.properties: create it first.`, { bundle: ["Unknown runtime environment"] });
    }
  }
  let text: string;
  try {
    text = applyMapping(current.text, keys, m);
  } catch (error) {
    throw new ActionError("invalid", `The config cannot be edited: ${(error as Error).message}`);
  }
  return { current, text, keys };
}

export async function previewMapping(ctx: DataContext, m: Mapping): Promise<EditPreview> {
  assertCan(ctx.user, "modules.write");
  const { current, text, keys } = await mappingEdit(ctx, m);
  return preview(ctx, current, text, [`module.properties keys: ${keys.join(", ")}`]);
}

export async function saveMapping(ctx: DataContext, m: Mapping, input: SaveEditInput): Promise<SaveResult> {
  assertCan(ctx.user, "modules.write");
  const { text } = await mappingEdit(ctx, m, input.baseHash);
  return save(ctx, text, input, "modules.mapping");
}

export type BundleInfo = { name: string; props: { key: string; value: string; line: number }[]; line: number; isMap: boolean };

export async function listBundles(ctx: DataContext): Promise<BundleInfo[]> {
  assertCan(ctx.user, "read");
  const loaded = await loadConfig();
  if ("error" in loaded || !loaded.cfg.model) return [];
  return [...loaded.cfg.model.executorProperties.values()].map((b) => ({
    name: b.name,
    line: b.range.start.line,
    isMap: b.props !== null,
    props: b.props ? [...b.props.values()].map((p) => ({ key: p.key, value: formatValue(p.value), line: p.keyRange.start.line })) : [],
  }));
}

type BundleEdit = z.output<typeof bundleSchema>;

export async function previewBundle(ctx: DataContext, b: BundleEdit): Promise<EditPreview> {
  assertCan(ctx.user, "modules.write");
  const current = await currentConfigOrThrow();
  return preview(ctx, current, editBundle(current.text, b), []);
}

export async function saveBundle(ctx: DataContext, b: BundleEdit, input: SaveEditInput): Promise<SaveResult> {
  assertCan(ctx.user, "modules.write");
  const current = await currentConfigOrThrow(input.baseHash);
  return save(ctx, editBundle(current.text, b), input, "modules.bundle");
}

function editBundle(text: string, b: BundleEdit): string {
  try {
    return applyBundle(text, b);
  } catch (error) {
    throw new ActionError("invalid", `The config cannot be edited: ${(error as Error).message}`);
  }
}

// Range rules -----------------------------------------------------------------------------------------------------

function toRuleInput(r: { id: number; baseLsid: string; range: string; props: string }): RangeRuleInput {
  let props: RangeProps = {};
  try {
    props = JSON.parse(r.props) as RangeProps;
  } catch {
    // A damaged row compiles to nothing rather than breaking the page.
  }
  return { id: r.id, baseLsid: r.baseLsid, range: r.range, props };
}

export type RangeRuleView = RangeRuleInput & { moduleName: string | null; createdBy: string; createdAt: Date; covers: string[] };
export type RangeState = {
  rules: RangeRuleView[];
  overlaps: RangeOverlap[];
  /** The generated block differs from what the rules and the catalog give now (a rule changed, versions were imported). */
  outOfDate: boolean;
  /** Catalog versions a rule covers that have no key in the config yet: typically newly imported versions. */
  uncompiled: { lsid: string; name: string; version: string; ruleIds: number[] }[];
  configHash: string | null;
};

function compiledText(text: string, rules: RangeRuleInput[], versions: CatalogVersion[]): { text: string; skipped: string[]; keys: ReturnType<typeof compileRanges>["keys"] } {
  const compiled = compileRanges(rules, versions);
  try {
    const written = writeGeneratedBlock(text, compiled.keys, rules);
    return { ...written, keys: compiled.keys };
  } catch (error) {
    if (error instanceof RangeYamlError) throw new ActionError("invalid", error.message);
    throw error;
  }
}

export async function getRangeState(ctx: DataContext): Promise<RangeState> {
  assertCan(ctx.user, "read");
  const [rows, catalog] = await Promise.all([ctx.db.rangeRule.findMany({ orderBy: { id: "asc" } }), catalogWithManifests(ctx)]);
  const rules = rows.map(toRuleInput);
  const compiled = compileRanges(rules, catalog.versions);
  const nameOf = new Map(catalog.versions.map((v) => [v.baseLsid, v.name]));
  const views = rows.map((r, i) => ({
    ...rules[i],
    moduleName: nameOf.get(r.baseLsid) ?? null,
    createdBy: r.createdBy,
    createdAt: r.createdAt,
    covers: compiled.keys.filter((k) => k.ruleIds.includes(r.id)).map((k) => k.version),
  }));
  const loaded = await loadConfig();
  let outOfDate = false;
  let uncompiled: RangeState["uncompiled"] = [];
  if (!("error" in loaded)) {
    try {
      const regenerated = writeGeneratedBlock(loaded.text, compiled.keys, rules);
      outOfDate = regenerated.text !== loaded.text;
      const skipped = new Set(regenerated.skipped);
      const present = loaded.cfg.model?.moduleProperties;
      uncompiled = compiled.keys
        .filter((k) => !skipped.has(k.lsid) && !present?.has(k.lsid))
        .map((k) => ({ lsid: k.lsid, name: k.name, version: k.version, ruleIds: k.ruleIds }));
    } catch (error) {
      if (!(error instanceof RangeYamlError)) throw error;
      outOfDate = true;
    }
  }
  return { rules: views, overlaps: compiled.overlaps, outOfDate, uncompiled, configHash: "error" in loaded ? null : loaded.hash };
}

export type RangeRuleDraft = { baseLsid: string; range: string; props: RangeProps };

function checkDraft(draft: RangeRuleDraft): RangeRuleDraft {
  try {
    return { ...draft, baseLsid: checkRangeRule(draft.baseLsid, draft.range, draft.props) };
  } catch (error) {
    if (error instanceof RangeRuleError) throw new ActionError("invalid", error.message);
    throw error;
  }
}

/** Diff and blast radius of the config with the draft rule added (id shown as "new"). */
export async function previewRangeRule(ctx: DataContext, draft: RangeRuleDraft): Promise<EditPreview & { covers: string[]; overlaps: RangeOverlap[] }> {
  assertCan(ctx.user, "modules.write");
  const checked = checkDraft(draft);
  const current = await currentConfigOrThrow();
  const catalog = await catalogWithManifests(ctx);
  const existing = (await ctx.db.rangeRule.findMany({ orderBy: { id: "asc" } })).map(toRuleInput);
  const nextId = (existing.at(-1)?.id ?? 0) + 1;
  const rules = [...existing, { id: nextId, ...checked }];
  const { text, skipped, keys } = compiledText(current.text, rules, catalog.versions);
  const covers = keys.filter((k) => k.ruleIds.includes(nextId)).map((k) => k.version);
  const notes = [covers.length ? `Covers versions ${covers.join(", ")} in the catalog.` : "Covers no version in the catalog yet; it applies when a matching version is imported."];
  if (skipped.length) notes.push(`Hand-written entries win and are left alone: ${skipped.join(", ")}.`);
  const p = await preview(ctx, current, text, notes);
  return { ...p, covers, overlaps: compileRanges(rules, catalog.versions).overlaps.filter((o) => o.ruleIds.includes(nextId)) };
}

/** Stores the rule and writes the compiled block in one step; if the config save fails, the rule is removed again. */
export async function createRangeRule(ctx: DataContext, draft: RangeRuleDraft, input: SaveEditInput): Promise<SaveResult & { ruleId?: number }> {
  assertCan(ctx.user, "modules.write");
  const checked = checkDraft(draft);
  const current = await currentConfigOrThrow(input.baseHash);
  const row = await ctx.db.rangeRule.create({
    data: { baseLsid: checked.baseLsid, range: checked.range.trim(), props: JSON.stringify(checked.props), createdBy: ctx.user.username },
  });
  try {
    const result = await writeRules(ctx, current.text, input, "modules.range-rule.create");
    if (!result.ok) {
      await ctx.db.rangeRule.delete({ where: { id: row.id } });
      return result;
    }
    await recordAudit(ctx.db, {
      actor: { id: ctx.user.id, username: ctx.user.username },
      action: "modules.range-rule.create",
      target: `range-rule:${row.id}`,
      after: { baseLsid: row.baseLsid, range: row.range, props: checked.props },
      reason: input.reason,
    });
    return { ...result, ruleId: row.id };
  } catch (error) {
    await ctx.db.rangeRule.delete({ where: { id: row.id } });
    throw error;
  }
}

export async function deleteRangeRule(ctx: DataContext, id: number, input: SaveEditInput): Promise<SaveResult> {
  assertCan(ctx.user, "modules.write");
  const row = await ctx.db.rangeRule.findUnique({ where: { id } });
  if (!row) throw new ActionError("not_found", `Range rule ${id} does not exist.`);
  const current = await currentConfigOrThrow(input.baseHash);
  await ctx.db.rangeRule.delete({ where: { id } });
  try {
    const result = await writeRules(ctx, current.text, input, "modules.range-rule.delete");
    if (!result.ok) {
      await ctx.db.rangeRule.create({ data: row });
      return result;
    }
    await recordAudit(ctx.db, {
      actor: { id: ctx.user.id, username: ctx.user.username },
      action: "modules.range-rule.delete",
      target: `range-rule:${id}`,
      before: { baseLsid: row.baseLsid, range: row.range, props: toRuleInput(row).props },
      reason: input.reason,
    });
    return result;
  } catch (error) {
    await ctx.db.rangeRule.create({ data: row });
    throw error;
  }
}

/** Regenerates the block from the stored rules and the catalog ("apply" after new versions were imported). */
export async function applyRangeRules(ctx: DataContext, input: SaveEditInput): Promise<SaveResult> {
  assertCan(ctx.user, "modules.write");
  const current = await currentConfigOrThrow(input.baseHash);
  return writeRules(ctx, current.text, input, "modules.range-rule.apply");
}

export async function previewApplyRangeRules(ctx: DataContext): Promise<EditPreview> {
  assertCan(ctx.user, "modules.write");
  const current = await currentConfigOrThrow();
  const rules = (await ctx.db.rangeRule.findMany({ orderBy: { id: "asc" } })).map(toRuleInput);
  const { text } = compiledText(current.text, rules, (await catalogWithManifests(ctx)).versions);
  return preview(ctx, current, text, []);
}

async function writeRules(ctx: DataContext, text: string, input: SaveEditInput, action: string): Promise<SaveResult> {
  const rules = (await ctx.db.rangeRule.findMany({ orderBy: { id: "asc" } })).map(toRuleInput);
  const compiled = compiledText(text, rules, (await catalogWithManifests(ctx)).versions);
  return save(ctx, compiled.text, input, action);
}

// ---------------------------------------------------------------------------------------------------------------
// Imports

export type ImportSource = { kind: "upload"; fileName: string; bytes: Uint8Array } | { kind: "taskLib"; dir: string } | { kind: "gp"; url: string; user?: string; password?: string };

export type ImportOutcome = ImportSummary & {
  /** New versions and the range rules that would cover them (apply them from the Ranges panel). */
  covered: { lsid: string; name: string; version: string; ruleIds: number[] }[];
};

export async function importModules(ctx: DataContext, source: ImportSource, reason?: string): Promise<ImportOutcome> {
  assertCan(ctx.user, "modules.write");
  let entries: CatalogEntry[];
  let target: string;
  try {
    if (source.kind === "upload") {
      entries = [readUpload(source.bytes, source.fileName)];
      target = `upload:${source.fileName}`;
    } else if (source.kind === "taskLib") {
      entries = readTaskLibFolder(source.dir);
      target = `taskLib:${path.resolve(source.dir)}`;
    } else {
      entries = await readGpServer({ url: source.url, user: source.user, password: source.password });
      target = `gp:${source.url}`;
    }
    const summary = await saveCatalogEntries(ctx.db, entries, {
      taskLibRoot: path.join(env().gpHomeDir, "taskLib"),
      audit: { actor: { id: ctx.user.id, username: ctx.user.username }, target, reason },
    });
    const rules = (await ctx.db.rangeRule.findMany({ orderBy: { id: "asc" } })).map(toRuleInput);
    const covered = summary.versions
      .filter((v) => v.status === "new")
      .map((v) => {
        const baseLsid = entries.find((e) => e.lsid === v.lsid)!.baseLsid;
        return { lsid: v.lsid, name: v.name, version: v.version, ruleIds: rulesCovering(rules, { ...v, baseLsid }).map((r) => r.id) };
      })
      .filter((v) => v.ruleIds.length > 0);
    return { ...summary, covered };
  } catch (error) {
    if (error instanceof ImportError) throw new ActionError("import-failed", error.message);
    throw error;
  }
}
