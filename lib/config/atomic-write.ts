// Replaces a file so that readers only ever see the old or the new complete content, never a partial write.
import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/**
 * Writes `data` to a temp file in the same folder (rename is only atomic within one file system), fsyncs it,
 * gives it the old file's mode, renames it over `file` and fsyncs the folder so the rename itself survives a crash.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { defaultMode?: number } = {}): Promise<void> {
  const dir = path.dirname(file);
  const mode = await fs.stat(file).then((s) => s.mode & 0o7777, () => opts.defaultMode ?? 0o644);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "wx", mode);
  try {
    try {
      await handle.writeFile(data);
      // The umask may have narrowed the create mode: set it explicitly.
      await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await fsyncDir(dir);
}

async function fsyncDir(dir: string): Promise<void> {
  // Some file systems refuse to open or fsync a folder; the rename has still happened then.
  const handle = await fs.open(dir, "r").catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
