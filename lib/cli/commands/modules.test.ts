import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../../test/temp-db";
import type { CliIo } from "../command";
import { main } from "../main";

const demo = path.resolve(__dirname, "../../../demo/modules");
let t: TempDb;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (s) => void out.push(s), err: (s) => void err.push(s), isTty: false };
  return { cli, out: () => out.join(""), err: () => err.join("") };
}

beforeAll(async () => {
  t = await createTempDb();
  // The command uses the process-wide database and settings, read at first use.
  process.env.DATABASE_URL = t.url;
  process.env.GP_BATCH_DATA_DIR = t.dir;
});
afterAll(async () => {
  const { getDb } = await import("../../db");
  await getDb().$disconnect();
  await t.cleanup();
});

describe("gp-batch modules", () => {
  it("imports a taskLib folder, then reports it unchanged", async () => {
    const first = io();
    expect(await main(["modules", "import", "--from", demo], first.cli)).toBe(0);
    expect(first.out()).toContain("new       WordCount 2 urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:2\n");
    expect(first.out()).toMatch(/\d+ new, 0 updated, 0 unchanged\n$/);
    const again = io();
    expect(await main(["modules", "import", "--from", demo, "--json"], again.cli)).toBe(0);
    expect(JSON.parse(again.out())).toMatchObject({ created: 0, updated: 0 });
    expect(JSON.parse(again.out()).unchanged).toBeGreaterThanOrEqual(7);
    expect(await t.db.auditEvent.count({ where: { action: "modules.import" } })).toBe(2);
  });

  it("imports a single manifest file and lists the catalog", async () => {
    const manifest = path.join(t.dir, "manifest");
    fs.writeFileSync(manifest, fs.readFileSync(path.join(demo, "WordCount/1/manifest"), "utf8").replaceAll("00003", "00099").replace("name=WordCount", "name=WordCount99"));
    const run = io();
    expect(await main(["modules", "import", "--from", manifest], run.cli)).toBe(0);
    expect(run.out()).toContain("new       WordCount99 1");
    const list = io();
    expect(await main(["modules", "list", "--json"], list.cli)).toBe(0);
    expect((JSON.parse(list.out()) as { name: string }[]).map((v) => v.name)).toContain("WordCount99");
  });

  it("fails with exit 1 and imports nothing on bad input, exit 2 on usage errors", async () => {
    const bad = path.join(t.dir, "bad-tasklib");
    fs.mkdirSync(path.join(bad, "Good.1.1"), { recursive: true });
    fs.copyFileSync(path.join(demo, "TextToTable/1/manifest"), path.join(bad, "Good.1.1/manifest"));
    fs.mkdirSync(path.join(bad, "Broken.1.2"));
    fs.writeFileSync(path.join(bad, "Broken.1.2/manifest"), "name=Broken\nLSID=urn:lsid:x:y:z:1.0-beta\ncommandLine=run\n");
    const before = await t.db.moduleVersion.count();
    const run = io();
    expect(await main(["modules", "import", "--from", bad], run.cli)).toBe(1);
    expect(run.err()).toMatch(/1 of 2 manifests cannot be imported[\s\S]*1\.0-beta[\s\S]*nothing was imported/);
    expect(await t.db.moduleVersion.count()).toBe(before);
    expect(await main(["modules", "import"], io().cli)).toBe(2);
    expect(await main(["modules", "frobnicate"], io().cli)).toBe(2);
    expect(await main(["modules", "import", "--from", "ftp://example.org"], io().cli)).toBe(1);
  });

  it("lets gp-batch resolve --module use the catalog's LSID and manifest", async () => {
    const run = io();
    const config = path.resolve(__dirname, "../../../demo/config_custom.yaml");
    expect(await main(["resolve", "--config", config, "--module", "Seurat.QC", "--user", "u", "--key", "job.memory", "--json"], run.cli)).toBe(0);
    expect(JSON.parse(run.out()).properties["job.memory"]).toMatchObject({ value: "4Gb", source: { step: "manifest" } });
  });
});
