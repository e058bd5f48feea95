import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, type TestS3Server } from "../../test/s3-server";
import { main } from "../main";
import type { CliIo } from "../command";

let server: TestS3Server;
let src: string;

beforeAll(async () => {
  server = await startS3Server({ buckets: ["cli-bucket"] });
  Object.assign(process.env, server.env);
  src = fs.mkdtempSync(path.join(os.tmpdir(), "gp-cli-sync-"));
  for (const [rel, text] of Object.entries({ "a.txt": "a", "b.log": "bb", "sub/c.txt": "ccc" })) {
    fs.mkdirSync(path.dirname(path.join(src, rel)), { recursive: true });
    fs.writeFileSync(path.join(src, rel), text);
  }
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(src, { recursive: true, force: true });
});

async function run(args: string[]) {
  let out = "";
  let err = "";
  const io: CliIo = { out: (s) => (out += s), err: (s) => (err += s), isTty: false };
  const code = await main(["sync", ...args], io);
  return { code, out, err };
}

describe("gp-batch sync", () => {
  it("exits 2 on bad usage", async () => {
    expect((await run([src])).code).toBe(2);
    expect((await run([src, "s3://cli-bucket/x", "--concurrency", "0"])).code).toBe(2);
    expect((await run([src, "s3://cli-bucket/x", "--bogus"])).code).toBe(2);
    expect((await run(["s3://cli-bucket/a", "s3://cli-bucket/b"])).err).toMatch(/must be a local folder/);
  });

  it("plans without copying with --dry-run", async () => {
    const r = await run([src, "s3://cli-bucket/dry", "--dry-run", "--json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ status: "planned", dryRun: true, plan: { totals: { filesToCopy: 3, bytesToCopy: 6 } } });
    const text = await run([src, "s3://cli-bucket/dry", "--dry-run"]);
    expect(text.out).toContain(`(dryrun) upload: ${path.join(src, "a.txt")} to s3://cli-bucket/dry/a.txt`);
    expect((await run(["s3://cli-bucket/dry", fs.mkdtempSync(path.join(os.tmpdir(), "gp-cli-empty-")), "--json"])).out).toContain('"filesCopied": 0');
  });

  it("syncs with filters in order and prints a JSON summary", async () => {
    const r = await run([src, "s3://cli-bucket/up", "--exclude", "*", "--include", "*.txt", "--exclude", "sub/*", "--json", "--concurrency", "4"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ status: "succeeded", filesCopied: 1, bytesCopied: 1, filesFailed: 0, errors: [] });
    const all = await run([src, "s3://cli-bucket/up", "--delete"]);
    expect(all.code).toBe(0);
    expect(all.out).toMatch(/plan: 2 to copy .* 1 unchanged/);
    const dst = fs.mkdtempSync(path.join(os.tmpdir(), "gp-cli-down-"));
    expect((await run(["s3://cli-bucket/up", dst])).code).toBe(0);
    expect(fs.readFileSync(path.join(dst, "sub/c.txt"), "utf8")).toBe("ccc");
  });

  it("exits 1 with one clear line for a missing bucket", async () => {
    const r = await run([src, "s3://no-such-bucket-cli/x", "--json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ status: "failed", error: { code: "no-such-bucket" } });
    expect(r.err.trim()).toBe(`gp-batch sync: Bucket "no-such-bucket-cli" does not exist at ${server.endpoint}`);
  });
});
