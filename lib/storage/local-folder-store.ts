// ObjectStore over a local folder standing in for a bucket (the embedded default). Keys are relative paths; writes
// go to a temporary name and are renamed into place, so a cancelled write never leaves a partial file under its key.
import fs from "node:fs";
import path from "node:path";
import { type Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { abortedError, StorageError } from "./errors";
import { compareUtf8, unsafeKeyReason } from "./keys";
import { walkSorted } from "./local-walk";
import type { ListOptions, ObjectInfo, ObjectStore, PutOptions, PutResult } from "./object-store";
import { isPartialName, partialNameFor } from "./partial-files";

export type LocalFolderStoreOptions = {
  /** Create the folder on first write and treat a missing folder as empty (embedded mode); otherwise it must exist. */
  create?: boolean;
};

export class LocalFolderStore implements ObjectStore {
  readonly description: string;
  readonly root: string;

  constructor(root: string, private readonly options: LocalFolderStoreOptions = {}) {
    this.root = path.resolve(root);
    this.description = `file:${this.root}`;
  }

  pathForKey(key: string): string {
    const reason = unsafeKeyReason(key);
    if (reason) throw new StorageError("unsafe-key", `Refusing key "${key}": ${reason}`);
    return path.join(this.root, ...key.split("/"));
  }

  private async ensureRoot(): Promise<boolean> {
    try {
      const st = await fs.promises.stat(this.root);
      if (!st.isDirectory()) throw new StorageError("no-such-bucket", `${this.root} is not a folder`);
      return true;
    } catch (error) {
      if (error instanceof StorageError) throw error;
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new StorageError("io", `Cannot read ${this.root}: ${(error as Error).message}`, error);
      if (this.options.create) return false;
      throw new StorageError("no-such-bucket", `Folder store ${this.root} does not exist`);
    }
  }

  async *list(prefix: string, options: ListOptions = {}): AsyncIterable<ObjectInfo> {
    if (!(await this.ensureRoot())) return;
    const slash = prefix.lastIndexOf("/");
    const startDir = slash >= 0 ? prefix.slice(0, slash + 1) : "";
    if (startDir && unsafeKeyReason(startDir.slice(0, -1))) return;
    const walk = walkSorted(this.root, {
      startDir,
      ignoreName: isPartialName,
      prune: (relDir) => (!relDir.startsWith(prefix) && !prefix.startsWith(relDir)) || (options.prune?.(relDir) ?? false),
    });
    for await (const entry of walk) {
      if (options.signal?.aborted) throw abortedError();
      if (!entry.rel.startsWith(prefix)) continue;
      if (options.startAfter !== undefined && compareUtf8(entry.rel, options.startAfter) <= 0) continue;
      yield { key: entry.rel, size: entry.size, lastModified: new Date(entry.mtimeMs) };
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    const file = this.pathForKey(key);
    try {
      const st = await fs.promises.stat(file);
      return st.isFile() ? { key, size: st.size, lastModified: st.mtime } : null;
    } catch {
      return null;
    }
  }

  async get(key: string, options: { signal?: AbortSignal } = {}): Promise<{ body: Readable; info: ObjectInfo }> {
    const info = await this.head(key);
    if (!info) throw new StorageError("not-found", `${this.description}/${key} does not exist`);
    const body = fs.createReadStream(this.pathForKey(key), { signal: options.signal, highWaterMark: 1024 * 1024 });
    return { body, info };
  }

  async put(key: string, body: Readable | Buffer, options: PutOptions = {}): Promise<PutResult> {
    const file = this.pathForKey(key);
    await this.ensureRoot();
    if (options.signal?.aborted) throw abortedError();
    await fs.promises.mkdir(path.dirname(file), { recursive: true });
    const temp = partialNameFor(file);
    try {
      if (Buffer.isBuffer(body)) {
        await fs.promises.writeFile(temp, body, { signal: options.signal });
        options.onBytes?.(body.length);
      } else {
        let sent = 0;
        const counter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            sent += chunk.length;
            options.onBytes?.(sent);
            done(null, chunk);
          },
        });
        await pipeline(body, counter, fs.createWriteStream(temp), { signal: options.signal });
        if (options.size !== undefined && sent !== options.size)
          throw new StorageError("io", `put ${key}: expected ${options.size} bytes, got ${sent} (the source changed while it was read?)`);
      }
      await fs.promises.rename(temp, file);
      return {};
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      if (options.signal?.aborted) throw abortedError();
      if (error instanceof StorageError) throw error;
      throw new StorageError("io", `Cannot write ${file}: ${(error as Error).message}`, error);
    }
  }

  async putFile(key: string, file: string, options: PutOptions & { size: number }): Promise<PutResult> {
    const target = this.pathForKey(key);
    await this.ensureRoot();
    if (options.signal?.aborted) throw abortedError();
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const temp = partialNameFor(target);
    try {
      await fs.promises.copyFile(file, temp);
      if (options.signal?.aborted) throw abortedError();
      await fs.promises.rename(temp, target);
      options.onBytes?.(options.size);
      return {};
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      if (options.signal?.aborted) throw abortedError();
      if (error instanceof StorageError) throw error;
      throw new StorageError("io", `Cannot copy ${file} to ${target}: ${(error as Error).message}`, error);
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) {
      const file = this.pathForKey(key);
      await fs.promises.rm(file, { force: true });
      await this.removeEmptyParents(path.dirname(file));
    }
  }

  /** Buckets have no folders: drop the ones a delete emptied, up to the store root. */
  private async removeEmptyParents(dir: string) {
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await fs.promises.rmdir(dir);
      } catch {
        return;
      }
      dir = path.dirname(dir);
    }
  }
}

