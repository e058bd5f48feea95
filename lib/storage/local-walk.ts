// Walks a folder tree in S3 key order (UTF-8 bytes of the relative path), statting as it goes, so a sorted listing
// and a sorted walk can be merged in one pass with memory bounded by the largest single directory.
import fs from "node:fs";
import path from "node:path";
import { compareUtf8 } from "./keys";

export type WalkEntry = { rel: string; path: string; size: number; mtimeMs: number };

export type WalkOptions = {
  /** Relative directory to start in ("" for the root); its entries keep their full relative paths. */
  startDir?: string;
  /** Return true to skip a directory, given its relative path with a trailing "/". */
  prune?: (relDir: string) => boolean;
  /** Called for entries left out: symlinks leading out of the tree, loops, special files, unreadable entries. */
  onSkip?: (rel: string, reason: string) => void;
  /** Names to leave out silently (e.g. partial files of an interrupted transfer). */
  ignoreName?: (name: string, dir: string) => boolean;
};

type Item = { name: string; sortKey: string; full: string; isDir: boolean; real?: string };

const STAT_BATCH = 128;

export async function* walkSorted(root: string, options: WalkOptions = {}): AsyncGenerator<WalkEntry> {
  let rootReal: string;
  try {
    rootReal = await fs.promises.realpath(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  const startRel = options.startDir ? options.startDir.replace(/\/?$/, "/") : "";
  yield* walkDir(path.join(rootReal, startRel), startRel, rootReal, new Set([rootReal]), options);
}

async function* walkDir(dir: string, relDir: string, rootReal: string, chain: Set<string>, options: WalkOptions): AsyncGenerator<WalkEntry> {
  let dirents: fs.Dirent[];
  try {
    dirents = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return;
    options.onSkip?.(relDir, `cannot read directory (${code})`);
    return;
  }
  const items: Item[] = [];
  for (const d of dirents) {
    if (options.ignoreName?.(d.name, dir)) continue;
    const full = path.join(dir, d.name);
    const rel = relDir + d.name;
    if (d.isSymbolicLink()) {
      const resolved = await resolveLink(full, rootReal);
      if (typeof resolved === "string") {
        options.onSkip?.(rel, resolved);
        continue;
      }
      if (resolved.isDir && chain.has(resolved.real)) {
        options.onSkip?.(rel, "symlink loop");
        continue;
      }
      items.push({ name: d.name, sortKey: resolved.isDir ? `${d.name}/` : d.name, full, isDir: resolved.isDir, real: resolved.real });
    } else if (d.isDirectory()) {
      items.push({ name: d.name, sortKey: `${d.name}/`, full, isDir: true });
    } else if (d.isFile()) {
      items.push({ name: d.name, sortKey: d.name, full, isDir: false });
    } else {
      options.onSkip?.(rel, "not a regular file");
    }
  }
  items.sort((a, b) => compareUtf8(a.sortKey, b.sortKey));

  for (let i = 0; i < items.length; i += STAT_BATCH) {
    const batch = items.slice(i, i + STAT_BATCH);
    const stats = await Promise.all(batch.map((it) => (it.isDir ? null : fs.promises.stat(it.full).catch(() => undefined))));
    for (let j = 0; j < batch.length; j++) {
      const it = batch[j]!;
      const rel = relDir + it.name;
      if (it.isDir) {
        const sub = `${rel}/`;
        if (options.prune?.(sub)) continue;
        const real = it.real ?? (await fs.promises.realpath(it.full).catch(() => it.full));
        const nextChain = new Set(chain).add(real);
        yield* walkDir(it.full, sub, rootReal, nextChain, options);
        continue;
      }
      const st = stats[j];
      if (!st) {
        options.onSkip?.(rel, "vanished or unreadable");
        continue;
      }
      yield { rel, path: it.full, size: st.size, mtimeMs: st.mtimeMs };
    }
  }
}

/** A symlink is followed only when its target stays inside the tree; otherwise the reason it is skipped. */
async function resolveLink(full: string, rootReal: string): Promise<{ real: string; isDir: boolean } | string> {
  let real: string;
  try {
    real = await fs.promises.realpath(full);
  } catch {
    return "broken symlink";
  }
  if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return "symlink points outside the source tree";
  const st = await fs.promises.stat(real);
  if (st.isDirectory()) return { real, isDir: true };
  if (st.isFile()) return { real, isDir: false };
  return "symlink to a special file";
}
