// Serialises writers of one file: a promise queue inside this process, and an exclusive lock file beside the
// config for other processes (a second server, a script). A lock older than STALE_MS is from a crashed writer.
import fs from "node:fs/promises";
import path from "node:path";

export const LOCK_STALE_MS = 30_000;
const POLL_MS = 50;

export class FileLockTimeoutError extends Error {
  constructor(file: string, waitedMs: number) {
    super(`Another save of ${file} is in progress (lock file held for over ${Math.round(waitedMs / 1000)} s). Try again shortly.`);
    this.name = "FileLockTimeoutError";
  }
}

export function lockPathFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.lock`);
}

const queues = new Map<string, Promise<unknown>>();

/** Runs `fn` once every earlier call for the same file has finished and no other process holds its lock file. */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, opts: { timeoutMs?: number } = {}): Promise<T> {
  const key = path.resolve(file);
  const previous = queues.get(key) ?? Promise.resolve();
  const locked = async () => {
    const release = await acquireLockFile(key, opts.timeoutMs ?? 10_000);
    try {
      return await fn();
    } finally {
      await release();
    }
  };
  const run = previous.then(locked, locked);
  const settled = run.then(() => undefined, () => undefined);
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

async function acquireLockFile(file: string, timeoutMs: number): Promise<() => Promise<void>> {
  const lock = lockPathFor(file);
  await fs.mkdir(path.dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      const handle = await fs.open(lock, "wx");
      await handle.writeFile(`${process.pid} ${new Date().toISOString()}\n`);
      await handle.close();
      return () => fs.rm(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const stat = await fs.stat(lock).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > LOCK_STALE_MS) {
      await fs.rm(lock, { force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) throw new FileLockTimeoutError(file, Date.now() - started);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
