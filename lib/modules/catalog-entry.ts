// Turns one manifest (Java .properties text) into a catalog entry, checking what the catalog relies on:
// a name, a well-formed versioned LSID and a command line. Every importer goes through here.
import { LsidError, formatLsid, lsidNoVersion, parseLsid } from "../lsid";
import { parseManifest } from "./manifest";

export type CatalogFile = { path: string; data: Uint8Array };

export type CatalogEntry = {
  name: string;
  /** Normalised full LSID (GP's `new Lsid(str).toString()`), the ModuleVersion key. */
  lsid: string;
  baseLsid: string;
  version: string;
  commandLine: string;
  manifest: string;
  /** demo | taskLib:<dir> | gp:<url> | upload */
  source: string;
  /** An existing folder holding the module's files (taskLib import); null when the files come with the entry. */
  taskLibDir: string | null;
  /** Module files to install under taskLib (zip upload, demo seed); the manifest is among them. */
  files?: CatalogFile[];
};

/** An import that must not proceed; `problems` lists every bad item so the admin can fix them all at once. */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}:\n  ${problems.join("\n  ")}` : message);
    this.name = "ImportError";
  }
}

/** 1 MiB is far above any real manifest (the largest GP ones are ~30 KB) and keeps garbage out. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

/** Parses and checks one manifest; throws ImportError naming `origin` (a path, URL or file name). */
export function entryFromManifest(
  text: string,
  opts: { origin: string; source: string; taskLibDir?: string | null; files?: CatalogFile[] },
): CatalogEntry {
  const where = opts.origin;
  if (text.length > MAX_MANIFEST_BYTES) throw new ImportError(`${where}: manifest is larger than 1 MiB`);
  if (text.includes("\u0000")) throw new ImportError(`${where}: manifest is binary, not a Java .properties file`);
  let manifest;
  try {
    manifest = parseManifest(text);
  } catch (error) {
    throw new ImportError(`${where}: cannot parse the manifest (${(error as Error).message})`);
  }
  const problems: string[] = [];
  const name = (manifest.name ?? "").trim();
  if (!name) problems.push("missing 'name'");
  const rawLsid = (manifest.lsid ?? "").trim();
  let lsid = "";
  let baseLsid = "";
  let version = "";
  if (!rawLsid) problems.push("missing 'LSID'");
  else {
    try {
      const parsed = parseLsid(rawLsid);
      if (!parsed.version) problems.push(`LSID '${rawLsid}' has no version (expected urn:lsid:authority:namespace:id:version)`);
      lsid = formatLsid(parsed);
      baseLsid = lsidNoVersion(parsed);
      version = parsed.version;
    } catch (error) {
      problems.push(error instanceof LsidError ? error.message : `invalid LSID '${rawLsid}'`);
    }
  }
  const commandLine = (manifest.commandLine ?? "").trim();
  if (!commandLine) problems.push("missing 'commandLine'");
  if (problems.length) throw new ImportError(`${where}: not a usable module manifest`, problems);
  return {
    name,
    lsid,
    baseLsid,
    version,
    commandLine,
    manifest: text,
    source: opts.source,
    taskLibDir: opts.taskLibDir ?? null,
    files: opts.files,
  };
}

/** Refuses two different manifests claiming the same LSID in one import (which one would win is arbitrary). */
export function checkDuplicateLsids(entries: { lsid: string; origin: string }[]): void {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const e of entries) {
    const prior = seen.get(e.lsid);
    if (prior) problems.push(`${e.lsid} appears in both ${prior} and ${e.origin}`);
    else seen.set(e.lsid, e.origin);
  }
  if (problems.length) throw new ImportError("the same LSID is imported twice", problems);
}
