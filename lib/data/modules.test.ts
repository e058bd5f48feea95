import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { hashText } from "../config/store";
import { mappingSchema, type MappingInput } from "../modules/mapping";
import { createTempDb, type TempDb } from "../test/temp-db";

const root = path.resolve(__dirname, "../..");
let t: TempDb;
let configFile: string;
let data: typeof import("./modules");
const admin: SessionUser = { id: "u-admin", username: "admin", role: "admin" };
const viewer: SessionUser = { id: "u-viewer", username: "viewer", role: "viewer" };
const ctx = (user: SessionUser) => ({ db: t.db, user });
const mapped = (m: MappingInput) => mappingSchema.parse(m);
const read = () => fs.readFileSync(configFile, "utf8");
const save = (reason: string) => ({ baseHash: hashText(read()), reason, confirmWarnings: true });

beforeAll(async () => {
  t = await createTempDb();
  configFile = path.join(t.dir, "config_custom.yaml");
  fs.copyFileSync(path.join(root, "demo/config_custom.yaml"), configFile);
  // env() is read once per process: point it at the temporary files before the data layer loads.
  process.env.GP_CONFIG_FILE = configFile;
  process.env.GP_BATCH_DATA_DIR = t.dir;
  data = await import("./modules");
  for (const u of [admin, viewer]) await t.db.user.create({ data: { id: u.id, username: u.username, passwordHash: "x", role: u.role } });
  const { readTaskLibFolder } = await import("../modules/import-tasklib");
  const { saveCatalogEntries } = await import("../modules/catalog");
  await saveCatalogEntries(t.db, readTaskLibFolder(path.join(root, "demo/modules")));
});
afterAll(async () => t.cleanup());

describe("modules data layer", () => {
  it("lists the catalog with effective settings and refuses writes to viewers", async () => {
    const { parseModuleTableQuery } = await import("../modules/table-query");
    const page = await data.listModules(ctx(viewer), parseModuleTableQuery({ flag: "unmapped" }));
    expect(page.rows.map((r) => r.name)).toEqual(expect.arrayContaining(["ExampleModule", "SelectFeaturesColumns", "Seurat.QC", "TextToTable"]));
    expect(page.rows.map((r) => r.name)).not.toContain("WordCount");
    expect(page.flagCounts.unmapped).toBe(page.total);
    const ids = page.rows.filter((r) => r.name === "TextToTable").map((r) => r.id);
    await expect(data.previewMapping(ctx(viewer), mapped({ versionIds: ids, level: "name", bundle: "python/3.6" }))).rejects.toThrow(/does not allow/);
  });

  it("saves a mapping through saveConfig: file, revision, audit; a stale base hash is a conflict", async () => {
    const t2t = (await data.listModules(ctx(admin), (await import("../modules/table-query")).parseModuleTableQuery({ q: "TextToTable" }))).rows[0];
    expect(t2t.name).toBe("TextToTable");
    const mapping = mapped({ versionIds: [t2t.id], level: "name", bundle: "python/3.6" });
    const preview = await data.previewMapping(ctx(admin), mapping);
    expect(preview.diff).toContain("+  TextToTable:");
    expect(preview.blast.changed.find((c) => c.name === "TextToTable")?.changes).toContainEqual({ field: "jobDefinition", before: "Demo_Generic", after: "Python36_Generic" });
    await expect(data.saveMapping(ctx(admin), mapping, { baseHash: "stale", reason: "x", confirmWarnings: true })).rejects.toThrow(/changed since this page was loaded/);
    const result = await data.saveMapping(ctx(admin), mapping, save("map TextToTable"));
    expect(result.ok).toBe(true);
    expect(read()).toContain("  TextToTable:\n    executor.props: python/3.6\n");
    expect(await t.db.auditEvent.findFirst({ where: { action: "modules.mapping" } })).toMatchObject({ reason: "map TextToTable" });
    const [after] = await data.getEffectiveRows(ctx(admin), [t2t.id]);
    expect(after).toMatchObject({ jobDefinition: "Python36_Generic", flags: [] });
    const detail = await data.getModuleDetail(ctx(admin), t2t.id);
    const line = read().split("\n").findIndex((l) => l.includes("TextToTable:")) + 2;
    expect(detail?.properties.find((p) => p.key === "executor.props")).toMatchObject({ value: "python/3.6", configLine: line });
    expect(detail?.submitRequest).toMatchObject({ jobDefinition: "Python36_Generic", jobQueue: "gp-demo-queue" });
    expect(detail?.argv?.some((a) => a.endsWith("text_to_table.py"))).toBe(true);
  });

  it("refuses a mapping to a runtime environment that does not exist", async () => {
    await expect(data.previewMapping(ctx(admin), mapped({ versionIds: [1], level: "name", bundle: "r/9" }))).rejects.toThrow("No runtime environment 'r/9'");
  });

  it("creates a range rule with its compiled key, reports new versions, and deletes it again", async () => {
    const base = "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003";
    await expect(data.previewRangeRule(ctx(admin), { baseLsid: `${base}:2`, range: "2.x", props: { "job.memory": "2 Gb" } })).rejects.toThrow(/without a version/);
    const before = read();
    const created = await data.createRangeRule(ctx(admin), { baseLsid: base, range: ">=2", props: { "job.memory": "2 Gb" } }, save("WordCount 2+ memory"));
    expect(created.ok).toBe(true);
    expect(read()).toContain(`"${base}:2":\n    job.memory: 2 Gb`.replace("2 Gb", '"2 Gb"'));
    let state = await data.getRangeState(ctx(admin));
    expect(state).toMatchObject({ outOfDate: false, uncompiled: [] });
    expect(state.rules[0]).toMatchObject({ range: ">=2", covers: ["2"], moduleName: "WordCount" });

    // A newly imported version 3 is covered but not compiled until applied.
    const v3 = fs.readFileSync(path.join(root, "demo/modules/WordCount/2/manifest"), "utf8").replace("00003\\:2", "00003\\:3");
    const outcome = await data.importModules(ctx(admin), { kind: "upload", fileName: "manifest", bytes: new TextEncoder().encode(v3) });
    expect(outcome.covered).toEqual([{ lsid: `${base}:3`, name: "WordCount", version: "3", ruleIds: [created.ruleId] }]);
    state = await data.getRangeState(ctx(admin));
    expect(state.uncompiled.map((u) => u.version)).toEqual(["3"]);
    expect((await data.applyRangeRules(ctx(admin), save("apply to 3"))).ok).toBe(true);
    expect(read()).toContain(`"${base}:3":`);

    expect((await data.deleteRangeRule(ctx(admin), created.ruleId!, save("drop the rule"))).ok).toBe(true);
    expect(read()).toBe(before);
    expect(await t.db.rangeRule.count()).toBe(0);
  });

  it("keeps no rule when its config save is refused", async () => {
    const base = "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003";
    const result = await data.createRangeRule(ctx(admin), { baseLsid: base, range: "*", props: { "job.memory": "2 Gb" } }, { ...save(" "), reason: " " });
    expect(result).toMatchObject({ ok: false, code: "reason-required" });
    expect(await t.db.rangeRule.count()).toBe(0);
  });

  it("fails an import as a whole with a clear message", async () => {
    await expect(data.importModules(ctx(admin), { kind: "upload", fileName: "junk.zip", bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) })).rejects.toThrow(/junk.zip: the zip is damaged/);
    await expect(data.importModules(ctx(admin), { kind: "taskLib", dir: path.join(t.dir, "nope") })).rejects.toThrow(/does not exist/);
  });
});
