import fs from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { setProperty } from "./edit";
import { BASELINE_AUTHOR, getRevision, hashText, listRevisions, readConfigFile, restoreRevision, saveConfig, type SaveInput } from "./store";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");
const alice = { id: null, username: "alice" };

let t: TempDb;
let file: string;
beforeEach(async () => {
  t = await createTempDb();
  file = path.join(t.dir, "config_custom.yaml");
  fs.writeFileSync(file, demo);
});
afterEach(async () => t.cleanup());

const save = (over: Partial<SaveInput> & { text: string }) =>
  saveConfig({ db: t.db, path: file, baseHash: hashText(demo), actor: alice, reason: "tune memory", ...over });

describe("saveConfig", () => {
  it("writes the text byte for byte, keeps a baseline and a new revision, and audits the diff", async () => {
    const text = demo.replace('job.memory: "1 Gb"', 'job.memory: "4 Gb"');
    const result = await save({ text });
    expect(result).toMatchObject({ ok: true, unchanged: false, hash: hashText(text) });
    expect(fs.readFileSync(file, "utf8")).toBe(text);

    const revisions = await listRevisions(t.db, file);
    expect(revisions.map((r) => [r.authorName, r.hash])).toEqual([
      ["alice", hashText(text)],
      [BASELINE_AUTHOR, hashText(demo)],
    ]);
    expect((await getRevision(t.db, revisions[1].id))?.text).toBe(demo);

    const audit = await t.db.auditEvent.findMany();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: "alice", action: "config.save", target: `config:${file}`, reason: "tune memory" });
    expect(audit[0].diff).toContain('-    job.memory: "1 Gb"\n+    job.memory: "4 Gb"');
  });

  it("keeps comments, key order and untouched lines identical after an edit through the engine", async () => {
    const text = setProperty(demo, ["module.properties", "WordCount", "job.memory"], "3 Gb");
    expect((await save({ text })).ok).toBe(true);
    const before = demo.split("\n");
    const after = fs.readFileSync(file, "utf8").split("\n");
    expect(after).toHaveLength(before.length);
    const changed = after.flatMap((line, i) => (line === before[i] ? [] : [[before[i], line]]));
    expect(changed).toEqual([['    job.memory: "1 Gb"', '    job.memory: "3 Gb"']]);
  });

  it("writes CRLF and a BOM exactly as given", async () => {
    const text = `\uFEFF${demo.replace(/\n/g, "\r\n")}`;
    expect((await save({ text })).ok).toBe(true);
    expect(fs.readFileSync(file).equals(Buffer.from(text, "utf8"))).toBe(true);
    expect((await readConfigFile(file)).hash).toBe(hashText(text));
  });

  it("requires a one-line reason", async () => {
    expect(await save({ text: demo, reason: "  " })).toMatchObject({ ok: false, code: "reason-required" });
    expect(await save({ text: demo, reason: "two\nlines" })).toMatchObject({ ok: false, code: "reason-required" });
  });

  it("refuses YAML that does not parse and lists the errors; the file stays as it was", async () => {
    const result = await save({ text: `${demo}\nmodule.properties: [unclosed\n` });
    expect(result.ok).toBe(false);
    if (result.ok || result.code !== "invalid") throw new Error(`expected invalid, got ${JSON.stringify(result)}`);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    expect(result.message).toMatch(/^Not saved: \d+ error\(s\)\. line \d+:\d+/);
    expect(fs.readFileSync(file, "utf8")).toBe(demo);
    expect(await t.db.configRevision.count()).toBe(0);
  });

  it("refuses leftover merge conflict markers", async () => {
    const text = demo.replace("module.properties:\n", "<<<<<<< mine\n=======\n>>>>>>> theirs\nmodule.properties:\n");
    const result = await save({ text });
    expect(result).toMatchObject({ ok: false, code: "invalid" });
    if (!result.ok && result.code === "invalid") expect(result.diagnostics.some((d) => d.code === "merge-conflict-marker")).toBe(true);
  });

  it("asks to confirm warnings and saves once confirmed", async () => {
    const text = demo.replace('job.docker.image: "genepattern/docker-python36:0.4"', 'job.docker.image: "genepattern/docker-python36:latest"');
    const first = await save({ text });
    expect(first).toMatchObject({ ok: false, code: "needs-confirmation" });
    expect(fs.readFileSync(file, "utf8")).toBe(demo);
    const second = await save({ text, confirmWarnings: true });
    expect(second.ok).toBe(true);
    if (second.ok) expect(second.warnings.length).toBeGreaterThan(0);
  });

  it("refuses a save based on an old hash and returns the current text", async () => {
    const theirs = demo.replace("gp-demo-queue", "other-queue");
    fs.writeFileSync(file, theirs);
    const result = await save({ text: demo.replace('"1 Gb"', '"2 Gb"') });
    expect(result).toEqual({
      ok: false,
      code: "conflict",
      message: expect.stringContaining("changed since you loaded it"),
      current: { text: theirs, hash: hashText(theirs) },
    });
    expect(fs.readFileSync(file, "utf8")).toBe(theirs);
  });

  it("serialises racing saves: one wins, the other gets a conflict, the file is one complete version", async () => {
    const a = demo.replace('"1 Gb"', '"5 Gb"');
    const b = demo.replace('"1 Gb"', '"6 Gb"');
    const results = await Promise.all([save({ text: a, reason: "a" }), save({ text: b, reason: "b" })]);
    expect(results.map((r) => (r.ok ? "ok" : r.code)).sort()).toEqual(["conflict", "ok"]);
    const onDisk = fs.readFileSync(file, "utf8");
    expect([a, b]).toContain(onDisk);
    const revisions = await listRevisions(t.db, file);
    expect(revisions).toHaveLength(2);
    expect(revisions[0].hash).toBe(hashText(onDisk));
    expect(fs.readdirSync(t.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("keeps an edit made on disk between two saves as its own revision", async () => {
    const first = demo.replace('"1 Gb"', '"2 Gb"');
    await save({ text: first });
    const external = first.replace("gp-demo-queue", "hand-edited-queue");
    fs.writeFileSync(file, external);
    const second = external.replace('"2 Gb"', '"3 Gb"');
    expect((await save({ text: second, baseHash: hashText(external) })).ok).toBe(true);
    const revisions = await listRevisions(t.db, file);
    expect(revisions.map((r) => r.authorName)).toEqual(["alice", BASELINE_AUTHOR, "alice", BASELINE_AUTHOR]);
    expect((await getRevision(t.db, revisions[1].id))?.text).toBe(external);
  });

  it("refuses to overwrite a file that is not UTF-8 and says why", async () => {
    fs.writeFileSync(file, Buffer.from([0x61, 0x3a, 0x20, 0xff, 0x0a]));
    const result = await save({ text: demo, baseHash: null });
    expect(result).toMatchObject({ ok: false, code: "unreadable", message: expect.stringContaining("not valid UTF-8") });
  });

  it("creates a missing file when the base hash is null", async () => {
    fs.rmSync(file);
    expect((await save({ text: demo, baseHash: null })).ok).toBe(true);
    expect(fs.readFileSync(file, "utf8")).toBe(demo);
    expect(await listRevisions(t.db, file)).toHaveLength(1);
  });

  it("keeps the file mode", async () => {
    fs.chmodSync(file, 0o600);
    expect((await save({ text: demo.replace('"1 Gb"', '"2 Gb"') })).ok).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("saves and reads back a 2 MB file", async () => {
    const lines = ["module.properties:"];
    for (let i = 0, size = 0; size < 2 * 1024 * 1024; i++) {
      const entry = `  Module${i}:\n    job.memory: "${(i % 8) + 1} Gb"\n    job.cpuCount: ${(i % 4) + 1}`;
      lines.push(entry);
      size += entry.length + 1;
    }
    const text = `${demo.replace(/module\.properties:[\s\S]*$/, "")}${lines.join("\n")}\n`;
    const result = await save({ text, reason: "big" });
    expect(result.ok).toBe(true);
    expect((await readConfigFile(file)).text).toBe(text);
  }, 120_000);

  it("does nothing when the text is unchanged", async () => {
    expect(await save({ text: demo })).toMatchObject({ ok: true, unchanged: true, revisionId: null });
    expect(await t.db.configRevision.count()).toBe(0);
  });
});

describe("restoreRevision", () => {
  it("saves an old revision's text as a new revision that points at it", async () => {
    const edited = demo.replace('"1 Gb"', '"2 Gb"');
    await save({ text: edited });
    const baseline = (await listRevisions(t.db, file)).find((r) => r.authorName === BASELINE_AUTHOR)!;
    const result = await restoreRevision({ db: t.db, path: file, revisionId: baseline.id, baseHash: hashText(edited), actor: alice, reason: "undo" });
    expect(result).toMatchObject({ ok: true });
    expect(fs.readFileSync(file, "utf8")).toBe(demo);
    const [latest] = await listRevisions(t.db, file);
    expect(latest).toMatchObject({ restoredFrom: baseline.id, reason: `Restore revision #${baseline.id}: undo`, hash: hashText(demo) });
    const audit = await t.db.auditEvent.findMany({ orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["config.save", "config.restore"]);
  });

  it("says when the revision does not exist", async () => {
    expect(await restoreRevision({ db: t.db, path: file, revisionId: 999, baseHash: hashText(demo), actor: alice })).toMatchObject({
      ok: false,
      code: "not-found",
    });
  });
});
