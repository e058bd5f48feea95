// The Config page's data layer against a real temp SQLite file and a real config file: permissions, validation with
// live names, the save preview, saves with the catalog's manifests, history and restore.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "../auth/roles";
import { hashText } from "../config/store";
import { createTempDb, type TempDb } from "../test/temp-db";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");
const wordCountManifest = fs.readFileSync(path.resolve(__dirname, "../../demo/modules/WordCount/2/manifest"), "utf8");

let t: TempDb;
let file: string;
let data: typeof import("./config");
const admin: SessionUser = { id: "u-admin", username: "ada", role: "admin" };
const viewer: SessionUser = { id: "u-viewer", username: "vic", role: "viewer" };

beforeAll(async () => {
  t = await createTempDb();
  file = path.join(t.dir, "config_custom.yaml");
  fs.writeFileSync(file, demo);
  // env() is read once per process; Vitest runs each test file in its own fork.
  process.env.GP_CONFIG_FILE = file;
  process.env.GP_BATCH_DATA_DIR = t.dir;
  delete process.env.GP_URL;
  await t.db.user.createMany({
    data: [
      { id: admin.id, username: admin.username, passwordHash: "x", role: "admin" },
      { id: viewer.id, username: viewer.username, passwordHash: "x", role: "viewer" },
    ],
  });
  const mod = await t.db.module.create({ data: { name: "WordCount", baseLsid: "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003" } });
  await t.db.moduleVersion.create({
    data: { moduleId: mod.id, lsid: `${mod.baseLsid}:2`, version: "2", commandLine: "", manifest: wordCountManifest, source: "demo" },
  });
  await t.db.localJobDefinition.create({ data: { name: "Python36_Generic", revision: 1, json: "{}" } });
  data = await import("./config");
});
afterAll(async () => t.cleanup());

const ctx = (user: SessionUser) => ({ db: t.db, user });

describe("config data layer", () => {
  it("gives the editor the file, its hash, the JSON schema and live completion values", async () => {
    const state = await data.getConfigEditorState(ctx(viewer));
    expect(state.path).toBe(file);
    expect(state.file).toEqual({ text: demo, hash: hashText(demo), size: Buffer.byteLength(demo) });
    expect(state.canWrite).toBe(false);
    expect(state.canReload).toBe(false);
    expect(state.jsonSchema).toHaveProperty("properties");
    expect(state.completion).toEqual({
      executors: ["LocalJobRunner", "AWSBatch"],
      bundles: ["python/3.6"],
      modules: [{ name: "WordCount", lsids: ["urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003:2"] }],
      jobDefinitions: ["Python36_Generic"],
    });
  });

  it("explains a file that is not UTF-8 instead of showing garbled text", async () => {
    fs.writeFileSync(file, Buffer.from([0x61, 0x3a, 0x20, 0xe9, 0x0a]));
    try {
      const state = await data.getConfigEditorState(ctx(admin));
      expect(state.file).toMatchObject({ error: true, code: "not-utf8", message: expect.stringContaining("line 1, column 4") });
    } finally {
      fs.writeFileSync(file, demo);
    }
  });

  it("validates with the catalog: unknown job definitions and bundles are reported with their lines", async () => {
    const text = demo.replace('job.awsbatch.job-definition-name: "Python36_Generic"', 'job.awsbatch.job-definition-name: "Nope_Generic"').replace(
      'executor.props: "python/3.6"\n  WordCount',
      'executor.props: "python/9.9"\n  WordCount',
    );
    const result = await data.validateConfigText(ctx(viewer), text);
    const codes = result.diagnostics.map((d) => `${d.code}@${d.range.start.line}`);
    expect(codes).toContain(`unknown-executor-props@${text.split("\n").findIndex((l) => l.includes("python/9.9")) + 1}`);
    expect(codes).toContain(`unknown-job-definition@${text.split("\n").findIndex((l) => l.includes("Nope_Generic")) + 1}`);
    expect(result.bundles).toEqual(["python/3.6"]);
  });

  it("previews a save: diff, blast radius over the catalog, and whether the file moved on", async () => {
    const text = demo.replace('job.memory: "1 Gb"', 'job.memory: "4 Gb"');
    const preview = await data.previewConfigSave(ctx(admin), { text, baseText: demo, baseHash: hashText(demo) });
    expect(preview.errors).toEqual([]);
    expect(preview.stale).toBe(false);
    expect(preview.diff).toContain('+    job.memory: "4 Gb"');
    expect(preview.blast).toMatchObject({ source: "catalog", checked: 1, changed: [{ name: "WordCount", changes: [{ field: "memoryMb", before: "1024", after: "4096" }] }] });
    await expect(data.previewConfigSave(ctx(viewer), { text, baseText: demo, baseHash: hashText(demo) })).rejects.toMatchObject({ code: "forbidden" });
  });

  it("saves for admins only, then lists, reads and restores revisions", async () => {
    const text = demo.replace('job.memory: "1 Gb"', 'job.memory: "4 Gb"');
    const input = { text, baseHash: hashText(demo), reason: "more memory", confirmWarnings: true, reload: false };
    await expect(data.saveConfigText(ctx(viewer), input)).rejects.toMatchObject({ code: "forbidden" });
    const saved = await data.saveConfigText(ctx(admin), input);
    expect(saved).toMatchObject({ ok: true, unchanged: false });
    expect(fs.readFileSync(file, "utf8")).toBe(text);
    expect((await data.getConfigHash(ctx(viewer))).hash).toBe(hashText(text));

    const revisions = await data.listConfigRevisions(ctx(viewer));
    expect(revisions.map((r) => [r.authorName, r.reason])).toEqual([
      ["ada", "more memory"],
      ["(file on disk)", "Baseline: the file as found before the first save"],
    ]);
    expect((await data.getConfigRevision(ctx(viewer), revisions[1].id))?.text).toBe(demo);

    const restored = await data.restoreConfigRevision(ctx(admin), { revisionId: revisions[1].id, baseHash: hashText(text), reason: "undo", confirmWarnings: true });
    expect(restored).toMatchObject({ ok: true });
    expect(fs.readFileSync(file, "utf8")).toBe(demo);
    const audit = await t.db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true, actorName: true, reason: true } });
    expect(audit).toEqual([
      { action: "config.save", actorName: "ada", reason: "more memory" },
      { action: "config.restore", actorName: "ada", reason: `Restore revision #${revisions[1].id}: undo` },
    ]);
  });

  it("says the GP reload is not configured when GP_URL is unset", async () => {
    expect(await data.reloadGpServer(ctx(admin))).toMatchObject({ ok: false, code: "not-configured" });
  });
});
