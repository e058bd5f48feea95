// Reads a folder laid out like GP's taskLib (`<Name>.<version>.<id>/manifest`): every sub-folder, one or two levels
// down, that holds a file named `manifest` is a module version whose files stay where they are.
import fs from "node:fs";
import path from "node:path";
import { ImportError, MAX_MANIFEST_BYTES, checkDuplicateLsids, entryFromManifest, type CatalogEntry } from "./catalog-entry";

/** Folders that contain a `manifest` file, at depth 1 or 2 below `root` (sorted, so imports are deterministic). */
export function findManifestFolders(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let items: fs.Dirent[];
    try {
      items = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const item of items.sort((a, b) => a.name.localeCompare(b.name))) {
      // Symlinked folders are skipped: a taskLib never needs them and they could loop or leave the tree.
      if (!item.isDirectory() || item.name.startsWith(".")) continue;
      const sub = path.join(dir, item.name);
      const manifest = path.join(sub, "manifest");
      if (fs.existsSync(manifest) && fs.statSync(manifest).isFile()) found.push(sub);
      else if (depth < 2) walk(sub, depth + 1);
    }
  };
  walk(root, 1);
  return found;
}

/**
 * Reads every module manifest under a taskLib-like folder. Throws ImportError listing all bad manifests (nothing is
 * imported when any is bad). `copyFiles` attaches the folder's files to each entry so they get installed under
 * our own taskLib (the demo seed); otherwise the entry points at the folder where it lies.
 */
export function readTaskLibFolder(root: string, opts: { source?: string; copyFiles?: boolean } = {}): CatalogEntry[] {
  const dir = path.resolve(root);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    throw new ImportError(`taskLib folder '${root}' does not exist`);
  }
  if (!stat.isDirectory()) throw new ImportError(`'${root}' is not a folder`);
  const folders = findManifestFolders(dir);
  if (folders.length === 0) throw new ImportError(`no module found in '${root}' (expected <Name>.<version>.<id>/manifest folders)`);
  const entries: CatalogEntry[] = [];
  const problems: string[] = [];
  for (const folder of folders) {
    const manifestPath = path.join(folder, "manifest");
    try {
      if (fs.statSync(manifestPath).size > MAX_MANIFEST_BYTES) throw new ImportError(`${manifestPath}: manifest is larger than 1 MiB`);
      const text = fs.readFileSync(manifestPath, "utf8");
      entries.push(
        entryFromManifest(text, {
          origin: manifestPath,
          source: opts.source ?? `taskLib:${dir}`,
          taskLibDir: opts.copyFiles ? null : folder,
          files: opts.copyFiles ? readFolderFiles(folder) : undefined,
        }),
      );
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length) throw new ImportError(`${problems.length} of ${folders.length} manifests cannot be imported`, problems);
  checkDuplicateLsids(entries.map((e, i) => ({ lsid: e.lsid, origin: folders[i] })));
  return entries;
}

/** A module folder's regular files (relative paths), for copying into taskLib. */
function readFolderFiles(folder: string): { path: string; data: Uint8Array }[] {
  const files: { path: string; data: Uint8Array }[] = [];
  const walk = (dir: string) => {
    for (const item of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, item.name);
      if (item.isDirectory()) walk(full);
      else if (item.isFile()) files.push({ path: path.relative(folder, full), data: fs.readFileSync(full) });
    }
  };
  walk(folder);
  return files;
}
