// The module catalog in the database: saving imported entries (all or nothing) and the lookups other areas use
// (find a version by name / LSID / version, its manifest text and taskLib dir).
import fs from "node:fs";
import path from "node:path";
import { recordAudit, type AuditActor } from "../audit/record-audit";
import type { Db } from "../db";
import { compareVersions, lsidNoVersion, tryParseLsid, formatLsid } from "../lsid";
import { ImportError, type CatalogEntry, type CatalogFile } from "./catalog-entry";

export type ImportedVersion = { id: number; name: string; lsid: string; version: string; status: "new" | "updated" | "unchanged" };
export type ImportSummary = { created: number; updated: number; unchanged: number; versions: ImportedVersion[] };

export type CatalogVersion = {
  id: number;
  moduleId: number;
  name: string;
  baseLsid: string;
  lsid: string;
  version: string;
  commandLine: string;
  source: string;
  taskLibDir: string | null;
  importedAt: Date;
};

const CHUNK = 400;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** GP names a module's folder `<Name>.<version>.<id>`; the name is sanitised so it is one safe path segment. */
export function taskLibFolderName(name: string, version: string, id: number): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
  return `${safe}.${version}.${id}`;
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Saves entries in ONE transaction: modules by base LSID, versions by full LSID (re-imports update in place).
 * Entries that carry `files` are installed under `<taskLibRoot>/<Name>.<version>.<id>/` inside the same transaction:
 * written to a temporary folder first and renamed into place, so a failure leaves neither rows nor files behind.
 */
export async function saveCatalogEntries(
  db: Db,
  entries: CatalogEntry[],
  opts: { taskLibRoot?: string; audit?: { actor: AuditActor; target: string; reason?: string } } = {},
): Promise<ImportSummary> {
  if (entries.length === 0) throw new ImportError("nothing to import: no module manifests found");
  if (entries.some((e) => e.files?.length) && !opts.taskLibRoot) {
    throw new ImportError("module files need a taskLib folder to be installed into");
  }
  const installed: string[] = [];
  try {
    const summary = await db.$transaction(
      async (tx) => {
        const moduleIds = await upsertModules(tx, entries);
        const summary = await upsertVersions(tx, entries, moduleIds);
        for (const entry of entries) {
          if (!entry.files?.length) continue;
          const row = summary.versions.find((v) => v.lsid === entry.lsid)!;
          const dir = path.join(opts.taskLibRoot!, taskLibFolderName(entry.name, entry.version, row.id));
          installFiles(dir, entry.files);
          installed.push(dir);
          await tx.moduleVersion.update({ where: { id: row.id }, data: { taskLibDir: dir } });
        }
        if (opts.audit) {
          const changed = summary.versions.filter((v) => v.status !== "unchanged").map((v) => `${v.status} ${v.name} ${v.version} ${v.lsid}`);
          await recordAudit(tx, {
            actor: opts.audit.actor,
            action: "modules.import",
            target: opts.audit.target,
            after: { created: summary.created, updated: summary.updated, unchanged: summary.unchanged, changed },
            reason: opts.audit.reason,
          });
        }
        return summary;
      },
      { timeout: 120_000, maxWait: 30_000 },
    );
    for (const dir of installed) fs.rmSync(`${dir}.old-import`, { recursive: true, force: true });
    return summary;
  } catch (error) {
    // The rows rolled back: take the new folders with them and put back any folder a re-import replaced.
    for (const dir of installed) {
      fs.rmSync(dir, { recursive: true, force: true });
      if (fs.existsSync(`${dir}.old-import`)) fs.renameSync(`${dir}.old-import`, dir);
    }
    throw error;
  }
}

async function upsertModules(tx: Tx, entries: CatalogEntry[]): Promise<Map<string, number>> {
  const byBase = new Map<string, string>();
  for (const e of entries) byBase.set(e.baseLsid, e.name);
  const ids = new Map<string, number>();
  for (const part of chunks([...byBase.keys()])) {
    for (const m of await tx.module.findMany({ where: { baseLsid: { in: part } }, select: { id: true, baseLsid: true, name: true } })) {
      ids.set(m.baseLsid, m.id);
      const name = byBase.get(m.baseLsid)!;
      if (m.name !== name) await tx.module.update({ where: { id: m.id }, data: { name } });
    }
  }
  const missing = [...byBase.entries()].filter(([base]) => !ids.has(base));
  for (const part of chunks(missing)) {
    await tx.module.createMany({ data: part.map(([baseLsid, name]) => ({ baseLsid, name })) });
    for (const m of await tx.module.findMany({ where: { baseLsid: { in: part.map(([b]) => b) } }, select: { id: true, baseLsid: true } })) {
      ids.set(m.baseLsid, m.id);
    }
  }
  return ids;
}

async function upsertVersions(tx: Tx, entries: CatalogEntry[], moduleIds: Map<string, number>): Promise<ImportSummary> {
  const existing = new Map<string, { id: number; manifest: string; source: string; taskLibDir: string | null }>();
  for (const part of chunks(entries.map((e) => e.lsid))) {
    for (const v of await tx.moduleVersion.findMany({
      where: { lsid: { in: part } },
      select: { id: true, lsid: true, manifest: true, source: true, taskLibDir: true },
    })) {
      existing.set(v.lsid, v);
    }
  }
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, versions: [] };
  const fresh = entries.filter((e) => !existing.has(e.lsid));
  for (const part of chunks(fresh)) {
    await tx.moduleVersion.createMany({
      data: part.map((e) => ({
        moduleId: moduleIds.get(e.baseLsid)!,
        lsid: e.lsid,
        version: e.version,
        commandLine: e.commandLine,
        manifest: e.manifest,
        source: e.source,
        taskLibDir: e.taskLibDir,
      })),
    });
  }
  const created = new Map<string, number>();
  for (const part of chunks(fresh.map((e) => e.lsid))) {
    for (const v of await tx.moduleVersion.findMany({ where: { lsid: { in: part } }, select: { id: true, lsid: true } })) created.set(v.lsid, v.id);
  }
  for (const e of entries) {
    const prior = existing.get(e.lsid);
    if (!prior) {
      summary.created++;
      summary.versions.push({ id: created.get(e.lsid)!, name: e.name, lsid: e.lsid, version: e.version, status: "new" });
      continue;
    }
    const taskLibDir = e.files?.length ? prior.taskLibDir : (e.taskLibDir ?? prior.taskLibDir);
    const changed = prior.manifest !== e.manifest || prior.source !== e.source || prior.taskLibDir !== taskLibDir;
    if (changed) {
      await tx.moduleVersion.update({
        where: { id: prior.id },
        data: { moduleId: moduleIds.get(e.baseLsid)!, version: e.version, commandLine: e.commandLine, manifest: e.manifest, source: e.source, taskLibDir, importedAt: new Date() },
      });
      summary.updated++;
    } else summary.unchanged++;
    summary.versions.push({ id: prior.id, name: e.name, lsid: e.lsid, version: e.version, status: changed ? "updated" : "unchanged" });
  }
  return summary;
}

/** Writes files into `dir` via a sibling temp folder and a rename; an existing folder is moved aside first. */
function installFiles(dir: string, files: CatalogFile[]): void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}-${Date.now()}`;
  try {
    for (const file of files) {
      const target = path.resolve(tmp, file.path);
      if (!target.startsWith(path.resolve(tmp) + path.sep)) throw new ImportError(`refusing to write '${file.path}' outside the module folder`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, file.data);
    }
    if (fs.existsSync(dir)) fs.renameSync(dir, `${dir}.old-import`);
    fs.renameSync(tmp, dir);
  } catch (error) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Lookups (used by the jobs, job definitions and environments areas)

const versionSelect = {
  id: true,
  moduleId: true,
  lsid: true,
  version: true,
  commandLine: true,
  source: true,
  taskLibDir: true,
  importedAt: true,
  module: { select: { name: true, baseLsid: true } },
} as const;

type VersionRow = {
  id: number;
  moduleId: number;
  lsid: string;
  version: string;
  commandLine: string;
  source: string;
  taskLibDir: string | null;
  importedAt: Date;
  module: { name: string; baseLsid: string };
};

function toCatalogVersion(v: VersionRow): CatalogVersion {
  const { module, ...rest } = v;
  return { ...rest, name: module.name, baseLsid: module.baseLsid };
}

function newestFirst<T extends { version: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => {
    try {
      return compareVersions(a.version, b.version);
    } catch {
      return b.version.localeCompare(a.version);
    }
  });
}

/**
 * Finds one module version. `ref` is a module name, a base LSID or a full LSID; `version` picks a version when
 * `ref` has none (default: the newest, in GP's version order). Returns null when nothing matches.
 */
export async function findModuleVersion(db: Db, ref: string, version?: string): Promise<CatalogVersion | null> {
  const text = ref.trim();
  const lsid = tryParseLsid(text);
  if (lsid?.version) {
    const row = await db.moduleVersion.findUnique({ where: { lsid: formatLsid(lsid) }, select: versionSelect });
    return row ? toCatalogVersion(row) : null;
  }
  const where = lsid ? { module: { baseLsid: lsidNoVersion(lsid) } } : { module: { name: text } };
  const rows = await db.moduleVersion.findMany({ where: version ? { ...where, version } : where, select: versionSelect });
  const first = newestFirst(rows)[0];
  return first ? toCatalogVersion(first) : null;
}

export async function getModuleVersionById(db: Db, id: number): Promise<CatalogVersion | null> {
  const row = await db.moduleVersion.findUnique({ where: { id }, select: versionSelect });
  return row ? toCatalogVersion(row) : null;
}

/** Every version of the module that `ref` (name or LSID) belongs to, newest first. */
export async function listModuleVersions(db: Db, ref: string): Promise<CatalogVersion[]> {
  const lsid = tryParseLsid(ref.trim());
  const where = lsid ? { module: { baseLsid: lsidNoVersion(lsid) } } : { module: { name: ref.trim() } };
  return newestFirst(await db.moduleVersion.findMany({ where, select: versionSelect })).map(toCatalogVersion);
}

/** The raw manifest text of a version (Java .properties), or null. */
export async function getManifestText(db: Db, lsidOrId: string | number): Promise<string | null> {
  const where = typeof lsidOrId === "number" ? { id: lsidOrId } : { lsid: lsidOrId };
  const row = await db.moduleVersion.findUnique({ where, select: { manifest: true } });
  return row?.manifest ?? null;
}

/** The folder holding the module's files on this machine (what `<libdir>` points at), or null. */
export async function getTaskLibDir(db: Db, lsidOrId: string | number): Promise<string | null> {
  const where = typeof lsidOrId === "number" ? { id: lsidOrId } : { lsid: lsidOrId };
  const row = await db.moduleVersion.findUnique({ where, select: { taskLibDir: true } });
  return row?.taskLibDir ?? null;
}

/** All versions without manifest text (cheap enough for 5,000 rows), for the table and range compilation. */
export async function listCatalog(db: Db): Promise<CatalogVersion[]> {
  const rows = await db.moduleVersion.findMany({ select: versionSelect, orderBy: { id: "asc" } });
  return rows.map(toCatalogVersion);
}

/** Changes whenever a version is added, removed or re-imported: the cache key of derived tables. */
export async function catalogStamp(db: Db): Promise<string> {
  const agg = await db.moduleVersion.aggregate({ _count: { _all: true }, _max: { id: true, importedAt: true } });
  return `${agg._count._all}:${agg._max.id ?? 0}:${agg._max.importedAt?.getTime() ?? 0}`;
}
