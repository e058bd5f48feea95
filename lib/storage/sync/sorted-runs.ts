// Puts a listing into S3 key order with bounded memory. Real S3 lists in UTF-8 byte order, but some S3-protocol
// servers (s3rver among them) list folder by folder, so "a/x" comes before "a-b/x". The merge-compare needs the true
// order, so listings go through an external sort: runs of `runSize` entries are sorted in memory, spilled to temp
// files when there is more than one run, and merged back.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { compareUtf8 } from "../keys";

type Keyed = { rel: string };

export async function* sortedByRel<T extends Keyed>(source: AsyncIterable<T>, runSize = 100_000): AsyncGenerator<T> {
  let run: T[] = [];
  let ordered = true;
  const spilled: string[] = [];
  try {
    for await (const item of source) {
      const prev = run.at(-1);
      if (prev && compareUtf8(prev.rel, item.rel) >= 0) ordered = false;
      run.push(item);
      if (run.length >= runSize) {
        spilled.push(await spill(ordered ? run : run.sort(byRel)));
        run = [];
        ordered = true;
      }
    }
    if (!ordered) run.sort(byRel);
    if (spilled.length === 0) {
      yield* run;
      return;
    }
    spilled.push(await spill(run));
    run = [];
    yield* mergeRuns<T>(spilled);
  } finally {
    await Promise.all(spilled.map((f) => fs.promises.rm(f, { force: true })));
  }
}

function byRel(a: Keyed, b: Keyed): number {
  return compareUtf8(a.rel, b.rel);
}

async function spill<T>(items: T[]): Promise<string> {
  const file = path.join(os.tmpdir(), `gp-sync-run-${crypto.randomBytes(8).toString("hex")}.ndjson`);
  const out = fs.createWriteStream(file, { mode: 0o600 });
  let buffer = "";
  for (const item of items) {
    buffer += `${JSON.stringify(item)}\n`;
    if (buffer.length > 256 * 1024) {
      if (!out.write(buffer)) await new Promise<void>((r) => out.once("drain", () => r()));
      buffer = "";
    }
  }
  await new Promise<void>((resolve, reject) => out.end(buffer, (err?: Error | null) => (err ? reject(err) : resolve())));
  return file;
}

async function* readRun<T>(file: string): AsyncGenerator<T> {
  let rest = "";
  for await (const chunk of fs.createReadStream(file, { encoding: "utf8", highWaterMark: 64 * 1024 })) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line) yield JSON.parse(line) as T;
  }
  if (rest) yield JSON.parse(rest) as T;
}

async function* mergeRuns<T extends Keyed>(files: string[]): AsyncGenerator<T> {
  const readers = files.map((f) => readRun<T>(f));
  const heads = await Promise.all(readers.map((r) => r.next()));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const h = heads[i]!;
      if (h.done) continue;
      if (best < 0 || compareUtf8(h.value.rel, (heads[best]!.value as T).rel) < 0) best = i;
    }
    if (best < 0) return;
    yield heads[best]!.value as T;
    heads[best] = await readers[best]!.next();
  }
}
