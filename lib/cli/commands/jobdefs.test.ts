// gp-batch jobdefs against a real temporary SQLite database (local registry): output formats and exit codes.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalRegistry } from "../../jobdefs/local-registry";
import type { RegisterJobDefinitionInput } from "../../jobdefs/schema";
import { readDemoJobDef } from "../../jobdefs/test-fixtures";
import { createTempDb, type TempDb } from "../../test/temp-db";
import type { CliIo } from "../command";
import { main } from "../main";

let t: TempDb;

async function run(...argv: string[]) {
  let out = "";
  let err = "";
  const io: CliIo = { out: (s) => void (out += s), err: (s) => void (err += s), isTty: false };
  const code = await main(["jobdefs", ...argv], io);
  return { code, out, err };
}

describe("gp-batch jobdefs", () => {
  beforeAll(async () => {
    t = await createTempDb();
    process.env.DATABASE_URL = t.url;
    const registry = createLocalRegistry(t.db);
    const s3 = readDemoJobDef("S3ModuleWrapper").json as RegisterJobDefinitionInput;
    await registry.register(s3);
    await registry.register({ ...s3, containerProperties: { ...s3.containerProperties!, image: "genepattern/dind:0.9" } });
    await registry.register(readDemoJobDef("Java17_Oracle_Generic").json as RegisterJobDefinitionInput);
  });
  afterAll(async () => t.cleanup());

  it("lists every revision", async () => {
    const { code, out } = await run("list");
    expect(code).toBe(0);
    expect(out.split("\n")[0]).toMatch(/^NAME:REVISION\s+STATUS\s+IMAGE\s+VCPUS\s+MEMORY_MIB$/);
    expect(out).toMatch(/S3ModuleWrapper:2\s+ACTIVE\s+genepattern\/dind:0\.9\s+2\s+300/);
    expect(out).toMatch(/Java17_Oracle_Generic:1\s+ACTIVE\s+genepattern\/docker-java17\s+1\s+2000/);
  });

  it("diffs two revisions as text and as JSON", async () => {
    const text = await run("diff", "S3ModuleWrapper:1", "S3ModuleWrapper:2");
    expect(text.code).toBe(0);
    expect(text.out).toContain("* Image tag changed for genepattern/dind: 0.8 → 0.9\n");
    expect(text.out).toContain('-    "image": "genepattern/dind:0.8"');
    const json = await run("diff", "S3ModuleWrapper:1", "S3ModuleWrapper:2", "--json");
    expect(JSON.parse(json.out)).toMatchObject({ a: "S3ModuleWrapper:1", b: "S3ModuleWrapper:2", identical: false, changes: [{ kind: "image" }] });
    expect((await run("diff", "S3ModuleWrapper:1", "Nope:1")).code).toBe(1);
    expect((await run("diff", "S3ModuleWrapper", "S3ModuleWrapper:2")).code).toBe(2);
  });

  it("backs up to a file and restores, skipping identical definitions", async () => {
    const file = path.join(t.dir, "backup.json");
    const backup = await run("backup", "--out", file);
    expect(backup.code).toBe(0);
    expect(backup.err).toBe(`backed up 3 revision(s) to ${file}\n`);
    expect(JSON.parse(fs.readFileSync(file, "utf8")).definitions).toHaveLength(3);
    const restore = await run("restore", file);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain("S3ModuleWrapper:2 (local): Skipped: identical to the latest revision S3ModuleWrapper:2\n");
    expect(restore.out).toContain("0 registered, 3 skipped\n");
    fs.writeFileSync(path.join(t.dir, "bad.json"), '{"format": 1');
    const bad = await run("restore", path.join(t.dir, "bad.json"));
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/bad\.json:1:13: Invalid JSON/);
  });

  it("refuses unknown subcommands and misplaced flags with exit 2", async () => {
    expect((await run("nope")).code).toBe(2);
    expect((await run("list", "--out", "x")).code).toBe(2);
  });
});
