import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FileLockTimeoutError, LOCK_STALE_MS, lockPathFor, withFileLock } from "./file-lock";

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-file-lock-"));
  file = path.join(dir, "config_custom.yaml");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("withFileLock", () => {
  it("runs calls for one file one after the other and removes its lock file", async () => {
    const order: string[] = [];
    const task = (name: string, ms: number) => async () => {
      order.push(`${name} start`);
      expect(fs.existsSync(lockPathFor(file))).toBe(true);
      await sleep(ms);
      order.push(`${name} end`);
    };
    await Promise.all([withFileLock(file, task("a", 40)), withFileLock(file, task("b", 1)), withFileLock(file, task("c", 1))]);
    expect(order).toEqual(["a start", "a end", "b start", "b end", "c start", "c end"]);
    expect(fs.existsSync(lockPathFor(file))).toBe(false);
  });

  it("keeps going after a failed call", async () => {
    await expect(withFileLock(file, async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await withFileLock(file, async () => "next")).toBe("next");
  });

  it("waits for a lock file held by another process", async () => {
    fs.writeFileSync(lockPathFor(file), "12345 other process\n");
    setTimeout(() => fs.rmSync(lockPathFor(file)), 150);
    const started = Date.now();
    expect(await withFileLock(file, async () => "done")).toBe("done");
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
  });

  it("gives up with a clear error when the lock stays held", async () => {
    fs.writeFileSync(lockPathFor(file), "12345 other process\n");
    await expect(withFileLock(file, async () => "never", { timeoutMs: 120 })).rejects.toBeInstanceOf(FileLockTimeoutError);
    expect(fs.existsSync(lockPathFor(file))).toBe(true);
  });

  it("breaks a stale lock left by a crashed writer", async () => {
    fs.writeFileSync(lockPathFor(file), "12345 crashed\n");
    const old = new Date(Date.now() - LOCK_STALE_MS - 5_000);
    fs.utimesSync(lockPathFor(file), old, old);
    expect(await withFileLock(file, async () => "ok", { timeoutMs: 100 })).toBe("ok");
  });
});
