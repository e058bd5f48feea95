import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LocalLogSource } from "./local-log-source";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gp-logs-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function readAll(source: LocalLogSource, stream: string) {
  const lines: string[] = [];
  let cursor = "0";
  for (;;) {
    const chunk = await source.read(stream, cursor);
    lines.push(...chunk.lines.map((l) => l.text));
    if (chunk.complete || chunk.cursor === cursor) return { lines, cursor: chunk.cursor };
    cursor = chunk.cursor;
  }
}

describe("LocalLogSource", () => {
  it("tails a running job's file without splitting a partial line", async () => {
    const running = path.join(dir, "local", "meta");
    fs.mkdirSync(running, { recursive: true });
    const file = path.join(running, "stdout.txt");
    fs.writeFileSync(file, "one\ntwo\npart");
    const source = new LocalLogSource({ metaDir: path.join(dir, "meta"), runningMetaDir: running, finished: false });
    const first = await source.read("stdout.txt");
    expect(first.lines.map((l) => l.text)).toEqual(["one", "two"]);
    expect(first.complete).toBe(false);
    fs.appendFileSync(file, "ial\nthree\n");
    const second = await source.read("stdout.txt", first.cursor);
    expect(second.lines.map((l) => l.text)).toEqual(["partial", "three"]);
  });

  it("reads the staged-out copy once finished, including a last line without newline", async () => {
    const meta = path.join(dir, "meta");
    fs.mkdirSync(meta);
    fs.writeFileSync(path.join(meta, "stderr.txt"), "warn\nlast");
    const source = new LocalLogSource({ metaDir: meta, finished: true });
    const chunk = await source.read("stderr.txt");
    expect(chunk.lines.map((l) => l.text)).toEqual(["warn", "last"]);
    expect(chunk.complete).toBe(true);
    const streams = await source.listStreams();
    expect(streams.find((s) => s.id === "stderr.txt")?.available).toBe(true);
    expect(streams.find((s) => s.id === "dockererr.log")).toMatchObject({ available: false });
  });

  it("handles 100,000 lines, invalid UTF-8 and a 1 MB line", async () => {
    const meta = path.join(dir, "meta");
    fs.mkdirSync(meta);
    const body = Array.from({ length: 100_000 }, (_, i) => `line ${i}${i === 50_000 ? " ERROR boom" : ""}`).join("\n") + "\n";
    fs.writeFileSync(path.join(meta, "stdout.txt"), body);
    fs.writeFileSync(path.join(meta, "stderr.txt"), Buffer.concat([Buffer.from("bad \xff\xfe bytes\n", "latin1"), Buffer.from("x".repeat(1024 * 1024) + "\n")]));
    const source = new LocalLogSource({ metaDir: meta, finished: true });
    const all = await readAll(source, "stdout.txt");
    expect(all.lines).toHaveLength(100_000);
    expect(all.lines[99_999]).toBe("line 99999");
    expect((await source.search("stdout.txt", "error boom")).map((l) => l.text)).toEqual(["line 50000 ERROR boom"]);
    const err = await readAll(source, "stderr.txt");
    expect(err.lines[0]).toBe("bad \uFFFD\uFFFD bytes");
    expect(err.lines[1].length).toBeLessThan(70_000);
    expect(err.lines[1]).toContain("line cut: 1,048,576 characters");
  });

  it("refuses unknown stream names instead of reading arbitrary files", async () => {
    const source = new LocalLogSource({ metaDir: dir, finished: true });
    const chunk = await source.read("../../etc/passwd");
    expect(chunk.lines).toEqual([]);
    expect(chunk.notice).toMatch(/Unknown log stream/);
  });
});
