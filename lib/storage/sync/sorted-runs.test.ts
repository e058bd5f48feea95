import { describe, expect, it } from "vitest";
import { compareUtf8 } from "../keys";
import { sortedByRel } from "./sorted-runs";

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function* from<T>(items: T[]) {
  yield* items;
}

describe("sortedByRel", () => {
  it("puts a folder-by-folder listing into S3 byte order", async () => {
    const listed = ["a/x", "a-b/x", "a.txt", "dir/sub/deep.txt", "dir with space/f", "\u{1F600}", "\uFFFD"].map((rel) => ({ rel }));
    const sorted = (await collect(sortedByRel(from(listed)))).map((e) => e.rel);
    expect(sorted).toEqual(["a-b/x", "a.txt", "a/x", "dir with space/f", "dir/sub/deep.txt", "\uFFFD", "\u{1F600}"]);
  });

  it("merges spilled runs when the listing is longer than one run", async () => {
    const rels = Array.from({ length: 2500 }, (_, i) => `k${(i * 7919) % 2500}`);
    const sorted = (await collect(sortedByRel(from(rels.map((rel) => ({ rel, n: 1 }))), 300))).map((e) => e.rel);
    expect(sorted).toEqual([...rels].sort(compareUtf8));
  });
});
