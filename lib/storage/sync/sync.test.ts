import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "../../test/s3-server";
import { createS3Client } from "../s3-client";
import { S3ObjectStore } from "../s3-object-store";
import { LocalFolderStore } from "../local-folder-store";
import { compareUtf8 } from "../keys";
import type { ObjectInfo, ObjectStore } from "../object-store";
import { planSync, readPlanActions, runSync, sync, type PlanAction, type SyncLocation, type SyncOptions } from "./index";

let server: TestS3Server;
const temps: string[] = [];

beforeAll(async () => {
  server = await startS3Server({ buckets: ["sync-test"] });
});
afterAll(async () => {
  await server?.stop();
});
afterEach(() => {
  for (const t of temps.splice(0)) fs.rmSync(t, { recursive: true, force: true });
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "gp-sync-test-"));
  temps.push(d);
  return d;
}

function writeTree(root: string, files: Record<string, string | Buffer>, mtime?: Date) {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(root, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
    if (mtime) fs.utimesSync(p, mtime, mtime);
  }
}

function readTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else out[r] = fs.readFileSync(path.join(dir, e.name), "utf8");
    }
  };
  if (fs.existsSync(root)) walk(root, "");
  return out;
}

async function keys(store: ObjectStore, prefix: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of store.list(prefix)) out.push(o.key.slice(prefix.length));
  return out.sort(compareUtf8); // s3rver lists folder by folder, not in S3's byte order
}

async function actionsOf(src: SyncLocation, dst: SyncLocation, options: SyncOptions = {}): Promise<PlanAction[]> {
  const plan = await planSync(src, dst, options);
  const out: PlanAction[] = [];
  for await (const a of readPlanActions(plan)) out.push(a);
  await plan.dispose();
  return out;
}

let prefixCounter = 0;
const stores: [string, () => { store: ObjectStore; prefix: string }][] = [
  ["local folder store", () => ({ store: new LocalFolderStore(tempDir()), prefix: `run${++prefixCounter}` })],
  ["s3rver", () => ({ store: server.store("sync-test"), prefix: `run${++prefixCounter}` })],
];

const past = new Date("2024-01-02T03:04:05Z");

describe.each(stores)("sync with the %s", (_name, makeStore) => {
  it("uploads a tree (empty file, unicode, spaces), then finds nothing to do", async () => {
    const { store, prefix } = makeStore();
    const src = tempDir();
    const files = { "a.txt": "alpha", "empty.dat": "", "dir with space/naïve 文件.txt": "unicode", "dir/sub/deep.txt": "deep", "z-last": "z" };
    writeTree(src, files, past);
    const first = await sync({ kind: "local", root: src }, { kind: "store", store, prefix });
    expect(first.plan.totals).toMatchObject({ filesToCopy: 5, bytesToCopy: 17, filesToSkip: 0 });
    expect(first.result).toMatchObject({ status: "succeeded", filesDone: 5, bytesDone: 17 });
    expect(await keys(store, `${prefix}/`)).toEqual(["a.txt", "dir with space/naïve 文件.txt", "dir/sub/deep.txt", "empty.dat", "z-last"]);
    const again = await sync({ kind: "local", root: src }, { kind: "store", store, prefix });
    expect(again.plan.totals).toMatchObject({ filesToCopy: 0, filesToSkip: 5 });
  });

  it("downloads with LastModified as the mtime, so a re-sync copies nothing", async () => {
    const { store, prefix } = makeStore();
    await store.put(`${prefix}/x/one.txt`, Buffer.from("one"));
    await store.put(`${prefix}/two words.txt`, Buffer.from("two"));
    await store.put(`${prefix}/empty`, Buffer.alloc(0));
    const dst = tempDir();
    const { result } = await sync({ kind: "store", store, prefix }, { kind: "local", root: dst });
    expect(result?.status).toBe("succeeded");
    expect(readTree(dst)).toEqual({ "x/one.txt": "one", "two words.txt": "two", empty: "" });
    const head = await store.head(`${prefix}/x/one.txt`);
    expect(Math.floor(fs.statSync(path.join(dst, "x/one.txt")).mtimeMs / 1000)).toBe(Math.floor(head!.lastModified.getTime() / 1000));
    const again = await sync({ kind: "store", store, prefix }, { kind: "local", root: dst });
    expect(again.plan.totals).toMatchObject({ filesToCopy: 0, filesToSkip: 3 });
  });

  it("decides by size and mtime, or size only", async () => {
    const { store, prefix } = makeStore();
    const src = tempDir();
    writeTree(src, { "same.txt": "same", "grown.txt": "v1", "touched.txt": "abc" }, past);
    await sync({ kind: "local", root: src }, { kind: "store", store, prefix });
    writeTree(src, { "grown.txt": "v1 and more" }, past); // older than the copy, but a different size
    const future = new Date(Date.now() + 3600_000);
    fs.utimesSync(path.join(src, "touched.txt"), future, future); // same size, newer than the copy
    const plan = await actionsOf({ kind: "local", root: src }, { kind: "store", store, prefix });
    expect(plan.map((a) => [a.rel, a.reason])).toEqual([
      ["grown.txt", "size"],
      ["touched.txt", "newer"],
    ]);
    const sizeOnly = await actionsOf({ kind: "local", root: src }, { kind: "store", store, prefix }, { sizeOnly: true });
    expect(sizeOnly.map((a) => a.rel)).toEqual(["grown.txt"]);
  });

  it("--exact-timestamps re-downloads a file whose time differs", async () => {
    const { store, prefix } = makeStore();
    await store.put(`${prefix}/f.txt`, Buffer.from("data"));
    const dst = tempDir();
    await sync({ kind: "store", store, prefix }, { kind: "local", root: dst });
    const later = new Date(Date.now() + 7200_000);
    fs.utimesSync(path.join(dst, "f.txt"), later, later); // local copy newer: not a copy reason by default
    expect(await actionsOf({ kind: "store", store, prefix }, { kind: "local", root: dst })).toEqual([]);
    const exact = await actionsOf({ kind: "store", store, prefix }, { kind: "local", root: dst }, { exactTimestamps: true });
    expect(exact.map((a) => [a.rel, a.reason])).toEqual([["f.txt", "timestamp"]]);
  });

  it("--delete removes extra destination files but keeps excluded ones", async () => {
    const { store, prefix } = makeStore();
    const src = tempDir();
    writeTree(src, { "keep.txt": "k" }, past);
    await store.put(`${prefix}/extra.txt`, Buffer.from("x"));
    await store.put(`${prefix}/sub/extra2.txt`, Buffer.from("x"));
    await store.put(`${prefix}/notes.log`, Buffer.from("excluded, so kept"));
    const { result, plan } = await sync({ kind: "local", root: src }, { kind: "store", store, prefix }, { delete: true, filters: [{ type: "exclude", pattern: "*.log" }] });
    expect(plan.totals).toMatchObject({ filesToCopy: 1, filesToDelete: 2 });
    expect(result).toMatchObject({ status: "succeeded", filesDeleted: 2 });
    expect(await keys(store, `${prefix}/`)).toEqual(["keep.txt", "notes.log"]);
    const dst = tempDir();
    writeTree(dst, { "stale.txt": "s", "keep.txt": "k" });
    await sync({ kind: "store", store, prefix }, { kind: "local", root: dst }, { delete: true });
    expect(Object.keys(readTree(dst)).sort()).toEqual(["keep.txt", "notes.log"]);
  });

  it("applies --exclude/--include in order, last match wins", async () => {
    const { store, prefix } = makeStore();
    const src = tempDir();
    writeTree(src, { "a.txt": "", "b.csv": "", "logs/x.txt": "", "logs/keep.csv": "", "c[1].txt": "", "d1.txt": "", "dd.txt": "" }, past);
    const sent = await actionsOf({ kind: "local", root: src }, { kind: "store", store, prefix }, {
      filters: [
        { type: "exclude", pattern: "*" },
        { type: "include", pattern: "*.txt" },
        { type: "exclude", pattern: "logs/*" },
        { type: "include", pattern: "logs/*.csv" },
        { type: "exclude", pattern: "d?.txt" },
        { type: "include", pattern: "d[0-9].txt" },
      ],
    });
    expect(sent.map((a) => a.rel)).toEqual(["a.txt", "c[1].txt", "d1.txt", "logs/keep.csv"]);
  });

  it("stages one file the way GP does (--exclude '*' --include name) without walking the rest", async () => {
    const { store, prefix } = makeStore();
    const src = tempDir();
    writeTree(src, { "input.txt": "in", "other/big.bin": "zzz" }, past);
    const { plan } = await sync({ kind: "local", root: src }, { kind: "store", store, prefix }, {
      filters: [{ type: "exclude", pattern: "*" }, { type: "include", pattern: "input.txt" }],
    });
    expect(plan.listingPrefix).toBe("input.txt");
    expect(plan.totals).toMatchObject({ filesToCopy: 1, filesExcluded: 0 });
    expect(await keys(store, `${prefix}/`)).toEqual(["input.txt"]);
  });
});

describe("sync against s3rver: scale, multipart, interruption, failures", () => {
  it("round-trips a 1,000-file tree", async () => {
    const store = server.store("sync-test");
    const src = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) files[`d${i % 10}/f${i}.txt`] = `file ${i} `.repeat(i % 7);
    writeTree(src, files, past);
    const up = await sync({ kind: "local", root: src }, { kind: "store", store, prefix: "thousand" }, { concurrency: 16 });
    expect(up.result).toMatchObject({ status: "succeeded", filesDone: 1000 });
    const dst = tempDir();
    const down = await sync({ kind: "store", store, prefix: "thousand" }, { kind: "local", root: dst }, { concurrency: 16 });
    expect(down.result).toMatchObject({ status: "succeeded", filesDone: 1000 });
    expect(readTree(dst)).toEqual(files);
  }, 120_000);

  it("uploads a large file in parts and downloads it intact", async () => {
    const store = server.store("sync-test", { multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    const src = tempDir();
    const big = Buffer.alloc(11 * 1024 * 1024 + 3);
    for (let i = 0; i < big.length; i += 4096) big[i] = i % 251;
    writeTree(src, { "big.bin": big });
    const progress: number[] = [];
    const up = await sync({ kind: "local", root: src }, { kind: "store", store, prefix: "multipart" }, { onProgress: (p) => progress.push(p.bytesDone) });
    expect(up.result?.status).toBe("succeeded");
    expect(progress.at(-1)).toBe(big.length);
    const dst = tempDir();
    await sync({ kind: "store", store, prefix: "multipart" }, { kind: "local", root: dst });
    expect(fs.readFileSync(path.join(dst, "big.bin")).equals(big)).toBe(true);
  });

  it("a cancelled download leaves no partial files under final names, and the next run finishes the job", async () => {
    const store = server.store("sync-test");
    const src = tempDir();
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`f${String(i).padStart(3, "0")}.txt`] = "x".repeat(20_000 + i);
    writeTree(src, files, past);
    await sync({ kind: "local", root: src }, { kind: "store", store, prefix: "interrupt" }, { concurrency: 16 });
    const dst = tempDir();
    const controller = new AbortController();
    const { result } = await sync({ kind: "store", store, prefix: "interrupt" }, { kind: "local", root: dst }, {
      concurrency: 2,
      signal: controller.signal,
      progressIntervalMs: 10,
      onProgress: (p) => p.filesDone >= 20 && controller.abort(),
    });
    expect(result?.status).toBe("cancelled");
    const partial = readTree(dst);
    expect(Object.keys(partial).length).toBeGreaterThanOrEqual(20);
    expect(Object.keys(partial).length).toBeLessThan(300);
    for (const [rel, content] of Object.entries(partial)) expect(content).toBe(files[rel]); // complete or absent
    const resumed = await sync({ kind: "store", store, prefix: "interrupt" }, { kind: "local", root: dst });
    expect(resumed.plan.totals.filesToCopy).toBe(300 - Object.keys(partial).length);
    expect(readTree(dst)).toEqual(files);
  });

  it("a cancelled upload leaves no object under its key", async () => {
    const store = server.store("sync-test", { multipartThreshold: 5 * 1024 * 1024, partSize: 5 * 1024 * 1024 });
    const src = tempDir();
    writeTree(src, { "huge.bin": Buffer.alloc(40 * 1024 * 1024, 1) });
    const controller = new AbortController();
    const { result } = await sync({ kind: "local", root: src }, { kind: "store", store, prefix: "cancel-up" }, {
      signal: controller.signal,
      progressIntervalMs: 5,
      onProgress: (p) => p.bytesDone > 0 && controller.abort(),
    });
    expect(result?.status).toBe("cancelled");
    expect(await keys(store, "cancel-up/")).toEqual([]);
  });

  it("says the bucket is missing before moving anything", async () => {
    const src = tempDir();
    writeTree(src, { "a.txt": "a" });
    await expect(sync({ kind: "local", root: src }, { kind: "store", store: server.store("missing-bucket"), prefix: "p" })).rejects.toThrow(
      'Bucket "missing-bucket" does not exist',
    );
  });

  it("says the endpoint is dead", async () => {
    const client = createS3Client({ endpoint: "http://127.0.0.1:9", region: "us-east-1", credentials: server.credentials, maxAttempts: 1 });
    const store = new S3ObjectStore(client, "sync-test", { endpointLabel: "http://127.0.0.1:9" });
    await expect(sync({ kind: "store", store, prefix: "p" }, { kind: "local", root: tempDir() })).rejects.toMatchObject({
      code: "endpoint-unreachable",
      message: expect.stringContaining("Cannot reach the S3 endpoint at http://127.0.0.1:9"),
    });
  });
});

/** A store whose listing holds keys no real folder could: the planner must refuse them. */
class HostileStore implements ObjectStore {
  readonly description = "memory://hostile";
  constructor(private readonly objects: Record<string, string>) {}
  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    for (const key of Object.keys(this.objects).sort()) if (key.startsWith(prefix)) yield { key, size: this.objects[key]!.length, lastModified: past };
  }
  async head(key: string) {
    return key in this.objects ? { key, size: this.objects[key]!.length, lastModified: past } : null;
  }
  async get(key: string) {
    return { body: Readable.from([Buffer.from(this.objects[key]!)]), info: (await this.head(key))! };
  }
  async put(): Promise<never> {
    throw new Error("read-only");
  }
  async delete() {}
}

describe("safety", () => {
  it("refuses keys with '..', absolute keys and empty segments, and writes the rest", async () => {
    const store = new HostileStore({ "p/ok.txt": "ok", "p/../escape.txt": "bad", "p//etc/passwd": "bad", "p/a/./b": "bad", "p/x/../../y": "bad" });
    const parent = tempDir();
    const dst = path.join(parent, "dst");
    const { plan, result } = await sync({ kind: "store", store, prefix: "p" }, { kind: "local", root: dst });
    expect(plan.totals).toMatchObject({ filesToCopy: 1, filesRefused: 4 });
    expect(plan.refused.map((r) => r.reason).sort()).toEqual([
      "the key contains '..'",
      "the key contains '..'",
      "the key contains a '.' segment",
      "the key is absolute",
    ]);
    expect(result?.status).toBe("failed");
    expect(result?.errors.map((e) => e.rel)).toContain("../escape.txt");
    expect(fs.readdirSync(parent)).toEqual(["dst"]);
    expect(readTree(dst)).toEqual({ "ok.txt": "ok" });
  });

  it("does not write through a destination symlink that leads outside", async () => {
    const outside = tempDir();
    const dst = tempDir();
    fs.symlinkSync(outside, path.join(dst, "link"));
    const store = new HostileStore({ "p/link/owned.txt": "bad" });
    const { result } = await sync({ kind: "store", store, prefix: "p" }, { kind: "local", root: dst });
    expect(result?.status).toBe("failed");
    expect(result?.errors[0]?.message).toMatch(/symlink leading outside the destination/);
    expect(fs.readdirSync(outside)).toEqual([]);
  });

  it("follows symlinks inside the source tree but not out of it", async () => {
    const outside = tempDir();
    writeTree(outside, { "secret.txt": "s" });
    const src = tempDir();
    writeTree(src, { "real/a.txt": "a" });
    fs.symlinkSync(path.join(outside, "secret.txt"), path.join(src, "leak.txt"));
    fs.symlinkSync(outside, path.join(src, "leakdir"));
    fs.symlinkSync(path.join(src, "real"), path.join(src, "alias"));
    const target = new LocalFolderStore(tempDir());
    const { plan } = await sync({ kind: "local", root: src }, { kind: "store", store: target, prefix: "" });
    expect(await keys(target, "")).toEqual(["alias/a.txt", "real/a.txt"]);
    expect(plan.skipped.map((s) => [s.rel, s.reason])).toEqual([
      ["leak.txt", "symlink points outside the source tree"],
      ["leakdir", "symlink points outside the source tree"],
    ]);
  });

  it("a local folder store refuses escaping keys", async () => {
    const store = new LocalFolderStore(tempDir());
    await expect(store.put("../x", Buffer.from("x"))).rejects.toMatchObject({ code: "unsafe-key" });
    await expect(store.put("/abs", Buffer.from("x"))).rejects.toThrow(/the key is absolute/);
  });
});
