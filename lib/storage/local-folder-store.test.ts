import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { LocalFolderStore } from "./local-folder-store";

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});
function tempDir() {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gp-folder-store-"));
  temps.push(d);
  return d;
}
async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe("LocalFolderStore", () => {
  it("lists in S3 byte order with mtime as LastModified, honouring prefix and startAfter", async () => {
    const root = tempDir();
    const store = new LocalFolderStore(root);
    for (const key of ["a/x", "a-b/x", "a.txt", "b", "a/y/z"]) await store.put(key, Buffer.from(key));
    const when = new Date("2023-05-06T07:08:09Z");
    fs.utimesSync(path.join(root, "b"), when, when);
    const all = await collect(store.list(""));
    expect(all.map((o) => o.key)).toEqual(["a-b/x", "a.txt", "a/x", "a/y/z", "b"]);
    expect(all.at(-1)?.lastModified.toISOString()).toBe(when.toISOString());
    expect((await collect(store.list("a/"))).map((o) => o.key)).toEqual(["a/x", "a/y/z"]);
    expect((await collect(store.list("a", { startAfter: "a.txt" }))).map((o) => o.key)).toEqual(["a/x", "a/y/z"]);
    expect((await store.head("a.txt"))?.size).toBe(5);
  });

  it("a cancelled write leaves nothing under the key, and no temp file behind", async () => {
    const root = tempDir();
    const store = new LocalFolderStore(root);
    const controller = new AbortController();
    const slow = new Readable({
      read() {
        this.push(Buffer.alloc(1024, 1));
        setTimeout(() => controller.abort(), 5);
      },
    });
    await expect(store.put("dir/partial.bin", slow, { signal: controller.signal })).rejects.toMatchObject({ code: "aborted" });
    expect(fs.readdirSync(path.join(root, "dir"))).toEqual([]);
    expect(await store.head("dir/partial.bin")).toBeNull();
  });

  it("deletes keys and the folders they leave empty", async () => {
    const root = tempDir();
    const store = new LocalFolderStore(root);
    await store.put("x/y/z.txt", Buffer.from("z"));
    await store.put("x/keep.txt", Buffer.from("k"));
    await store.delete(["x/y/z.txt", "missing"]);
    expect(fs.existsSync(path.join(root, "x", "y"))).toBe(false);
    expect(fs.readdirSync(path.join(root, "x"))).toEqual(["keep.txt"]);
  });

  it("says when its folder is missing, unless it may create it", async () => {
    const missing = path.join(tempDir(), "nope");
    await expect(collect(new LocalFolderStore(missing).list(""))).rejects.toMatchObject({ code: "no-such-bucket" });
    expect(await collect(new LocalFolderStore(missing, { create: true }).list(""))).toEqual([]);
    await new LocalFolderStore(missing, { create: true }).put("k", Buffer.from("v"));
    expect(fs.readFileSync(path.join(missing, "k"), "utf8")).toBe("v");
  });
});
