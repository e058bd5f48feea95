// Data access for the Config page: the config file, its validation against the live catalog, saves, history and
// the GP reload. Every function checks the acting user's permission.
import "server-only";
import path from "node:path";
import { recordAudit } from "../audit/record-audit";
import { assertCan, can } from "../auth/roles";
import { blastRadius, type BlastModule, type BlastRadius } from "../config/blast-radius";
import { parseConfig } from "../config/parse";
import { reloadGpConfig, type ReloadResult } from "../config/reload";
import { configJsonSchema } from "../config/schema";
import {
  ConfigFileError,
  checkForSave,
  getRevision,
  listRevisions,
  readConfigFile,
  readConfigHash,
  restoreRevision,
  saveConfig,
  unifiedDiff,
  type Revision,
  type RevisionSummary,
  type SaveResult,
  type ValidateOptions,
} from "../config/store";
import type { Diagnostic } from "../config/types";
import { validateConfig } from "../config/validate";
import { env } from "../env";
import { parseManifest, type Manifest } from "../modules/manifest";
import type { DataContext } from "./context";

export type CompletionData = {
  executors: string[];
  bundles: string[];
  modules: { name: string; lsids: string[] }[];
  jobDefinitions: string[];
};

export type ConfigEditorState = {
  path: string;
  file: { text: string; hash: string; size: number } | { error: true; message: string; code: string };
  canWrite: boolean;
  canReload: boolean;
  jsonSchema: object;
  diagnostics: Diagnostic[];
  completion: CompletionData;
};

/** Catalog facts the validator and the blast radius use; re-read at most every few seconds while typing. */
type Catalog = { manifests: Manifest[]; modules: BlastModule[]; jobDefinitionNames: string[]; names: CompletionData["modules"] };
let catalogCache: { at: number; value: Catalog } | undefined;
const CATALOG_TTL_MS = 5_000;

async function loadCatalog(ctx: DataContext): Promise<Catalog> {
  if (catalogCache && Date.now() - catalogCache.at < CATALOG_TTL_MS) return catalogCache.value;
  const [versions, local, snapshots] = await Promise.all([
    ctx.db.moduleVersion.findMany({ select: { lsid: true, manifest: true, module: { select: { name: true } } }, orderBy: { id: "asc" } }),
    ctx.db.localJobDefinition.findMany({ select: { name: true }, distinct: ["name"] }),
    ctx.db.jobDefinitionSnapshot.findMany({ select: { name: true }, distinct: ["name"] }),
  ]);
  const manifests: Manifest[] = [];
  const modules: BlastModule[] = [];
  const byName = new Map<string, string[]>();
  for (const v of versions) {
    let manifest: Manifest | undefined;
    try {
      manifest = parseManifest(v.manifest);
      manifests.push(manifest);
    } catch {
      // A broken manifest in the catalog is the modules page's to report; here it only loses its token checks.
    }
    modules.push({ name: v.module.name, lsid: v.lsid, manifest });
    byName.set(v.module.name, [...(byName.get(v.module.name) ?? []), v.lsid]);
  }
  const jobDefinitionNames = [...new Set([...local, ...snapshots].map((j) => j.name))].sort();
  const value = { manifests, modules, jobDefinitionNames, names: [...byName].map(([name, lsids]) => ({ name, lsids })) };
  catalogCache = { at: Date.now(), value };
  return value;
}

function validateOptions(catalog: Catalog): Omit<ValidateOptions, "fileName"> {
  return {
    manifests: catalog.manifests,
    ...(catalog.jobDefinitionNames.length > 0 ? { jobDefinitionNames: catalog.jobDefinitionNames } : {}),
  } as Omit<ValidateOptions, "fileName">;
}

function liveNames(text: string): Pick<CompletionData, "executors" | "bundles"> {
  const model = parseConfig(text).model;
  return { executors: model ? [...model.executors.keys()] : [], bundles: model ? [...model.executorProperties.keys()] : [] };
}

export function configPath(): string {
  return env().configPath;
}

function canReloadGp(): boolean {
  const gp = env().gp;
  return Boolean(gp.url && gp.user && gp.password);
}

export async function getConfigEditorState(ctx: DataContext): Promise<ConfigEditorState> {
  assertCan(ctx.user, "read");
  const file = configPath();
  const catalog = await loadCatalog(ctx);
  let loaded: ConfigEditorState["file"];
  try {
    const { text, hash, size } = await readConfigFile(file);
    loaded = { text, hash, size };
  } catch (err) {
    if (!(err instanceof ConfigFileError)) throw err;
    loaded = { error: true, message: err.message, code: err.code };
  }
  const text = "text" in loaded ? loaded.text : "";
  return {
    path: file,
    file: loaded,
    canWrite: can(ctx.user.role, "config.write"),
    canReload: canReloadGp() && can(ctx.user.role, "config.write"),
    jsonSchema: configJsonSchema(),
    diagnostics: "text" in loaded ? validateConfig(text, { ...validateOptions(catalog), fileName: path.basename(file) }) : [],
    completion: { ...liveNames(text), modules: catalog.names, jobDefinitions: catalog.jobDefinitionNames },
  };
}

export type ValidationResult = { diagnostics: Diagnostic[]; executors: string[]; bundles: string[] };

export async function validateConfigText(ctx: DataContext, text: string): Promise<ValidationResult> {
  assertCan(ctx.user, "read");
  const catalog = await loadCatalog(ctx);
  const { diagnostics } = checkForSave(text, path.basename(configPath()), validateOptions(catalog));
  return { diagnostics, ...liveNames(text) };
}

export type SavePreview = {
  diff: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  blast: BlastRadius;
  /** True when the file on disk no longer has the base hash: the save will be refused with a conflict. */
  stale: boolean;
};

export async function previewConfigSave(ctx: DataContext, input: { text: string; baseText: string; baseHash: string | null }): Promise<SavePreview> {
  assertCan(ctx.user, "config.write");
  const file = configPath();
  const catalog = await loadCatalog(ctx);
  const { errors, warnings } = checkForSave(input.text, path.basename(file), validateOptions(catalog));
  const blast = errors.length > 0 ? { source: "file" as const, checked: 0, changed: [], error: "Fix the errors to see which modules change." } : blastRadius(input.baseText, input.text, catalog.modules);
  const current = await readConfigHash(file).catch(() => null);
  return { diff: unifiedDiff(path.basename(file), input.baseText, input.text), errors, warnings, blast, stale: current !== input.baseHash };
}

export type SaveOutcome = SaveResult & { reload?: ReloadResult };

export async function saveConfigText(
  ctx: DataContext,
  input: { text: string; baseHash: string | null; reason: string; confirmWarnings: boolean; reload: boolean },
): Promise<SaveOutcome> {
  assertCan(ctx.user, "config.write");
  const catalog = await loadCatalog(ctx);
  const result = await saveConfig({
    db: ctx.db,
    path: configPath(),
    text: input.text,
    baseHash: input.baseHash,
    actor: { id: ctx.user.id, username: ctx.user.username },
    reason: input.reason,
    confirmWarnings: input.confirmWarnings,
    validate: validateOptions(catalog),
  });
  if (result.ok && !result.unchanged && input.reload) return { ...result, reload: await reloadGpServer(ctx) };
  return result;
}

export async function getConfigHash(ctx: DataContext): Promise<{ hash: string | null }> {
  assertCan(ctx.user, "read");
  return { hash: await readConfigHash(configPath()) };
}

/** The file as it is on disk now, for a merge after a conflict or an external change. */
export async function getCurrentConfig(ctx: DataContext): Promise<{ text: string; hash: string } | null> {
  assertCan(ctx.user, "read");
  try {
    const { text, hash } = await readConfigFile(configPath());
    return { text, hash };
  } catch (err) {
    if (err instanceof ConfigFileError && err.code === "not-found") return null;
    throw err;
  }
}

export async function listConfigRevisions(ctx: DataContext, opts: { take?: number; before?: number } = {}): Promise<RevisionSummary[]> {
  assertCan(ctx.user, "read");
  return listRevisions(ctx.db, configPath(), opts);
}

export async function getConfigRevision(ctx: DataContext, id: number): Promise<Revision | null> {
  assertCan(ctx.user, "read");
  const revision = await getRevision(ctx.db, id);
  return revision && revision.path === configPath() ? revision : null;
}

export async function restoreConfigRevision(
  ctx: DataContext,
  input: { revisionId: number; baseHash: string | null; reason: string; confirmWarnings: boolean },
): Promise<SaveResult | { ok: false; code: "not-found"; message: string }> {
  assertCan(ctx.user, "config.write");
  const catalog = await loadCatalog(ctx);
  return restoreRevision({
    db: ctx.db,
    path: configPath(),
    revisionId: input.revisionId,
    baseHash: input.baseHash,
    actor: { id: ctx.user.id, username: ctx.user.username },
    reason: input.reason,
    confirmWarnings: input.confirmWarnings,
    validate: validateOptions(catalog),
  });
}

export async function reloadGpServer(ctx: DataContext): Promise<ReloadResult> {
  assertCan(ctx.user, "config.write");
  const result = await reloadGpConfig(env().gp);
  await recordAudit(ctx.db, {
    actor: { id: ctx.user.id, username: ctx.user.username },
    action: "config.reload",
    target: `gp:${env().gp.url ?? "(not set)"}`,
    after: result.ok ? result.answer : `${result.code}: ${result.message}`,
  });
  return result;
}
