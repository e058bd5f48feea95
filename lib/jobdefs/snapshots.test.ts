import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTempDb, type TempDb } from "../test/temp-db";
import { parseBackupFile } from "./backup-file";
import { createLocalRegistry, describeLocalJobDefinition } from "./local-registry";
import { jobDefinitionHash } from "./normalize";
import type { RegisterJobDefinitionInput } from "./schema";
import { exportBackup, refreshSnapshots, registerIfChanged, restoreBackup } from "./snapshots";
import { readDemoJobDef } from "./test-fixtures";

const s3 = readDemoJobDef("S3ModuleWrapper").json as RegisterJobDefinitionInput;
const j17 = readDemoJobDef("Java17_Oracle_Generic").json as RegisterJobDefinitionInput;

describe("snapshots, backup and restore (local registry, real SQLite)", () => {
  let t: TempDb;
  beforeEach(async () => {
    t = await createTempDb();
  });
  afterEach(async () => t.cleanup());

  it("registers revisions, skips an identical registration, and describes for the local executor", async () => {
    const registry = createLocalRegistry(t.db);
    expect(await registerIfChanged(t.db, registry, s3)).toMatchObject({ status: "registered", ref: "S3ModuleWrapper:1" });
    const again = await registerIfChanged(t.db, registry, JSON.parse(JSON.stringify(s3)));
    expect(again).toEqual({ status: "skipped", ref: "S3ModuleWrapper:1", message: "Not registered: identical to the latest revision S3ModuleWrapper:1" });
    const next = { ...s3, containerProperties: { ...s3.containerProperties!, image: "genepattern/dind:0.9" } };
    expect(await registerIfChanged(t.db, registry, next)).toMatchObject({ status: "registered", ref: "S3ModuleWrapper:2" });

    const latest = await describeLocalJobDefinition(t.db, "S3ModuleWrapper");
    expect(latest).toMatchObject({ revision: 2, image: "genepattern/dind:0.9", vcpus: 2, memoryMiB: 300, command: ["/usr/local/bin/copyFromS3ThenRun.sh"] });
    expect(latest?.environment).toEqual([{ name: "GP_JOB_CONTAINER_DONT_USE_CACHE", value: "TRUE" }]);
    expect((await describeLocalJobDefinition(t.db, "S3ModuleWrapper:1"))?.image).toBe("genepattern/dind:0.8");
    expect(await describeLocalJobDefinition(t.db, "Nope")).toBeNull();

    await registry.deregister("S3ModuleWrapper:2");
    expect((await describeLocalJobDefinition(t.db, "S3ModuleWrapper"))?.revision).toBe(1);
    expect((await describeLocalJobDefinition(t.db, "S3ModuleWrapper:2"))?.status).toBe("INACTIVE");
  });

  it("keeps every revision ever seen, with status and last-seen updates", async () => {
    const registry = createLocalRegistry(t.db);
    await registry.register(j17);
    await registry.register({ ...j17, containerProperties: { ...j17.containerProperties!, memory: 4000 } });
    expect(await refreshSnapshots(t.db, registry)).toEqual({ seen: 2, added: 2, statusChanged: 0 });
    await registry.deregister("Java17_Oracle_Generic:1");
    expect(await refreshSnapshots(t.db, registry)).toEqual({ seen: 2, added: 0, statusChanged: 1 });
    // The registry forgets a revision (as Batch does after 180 days): the snapshot stays.
    await t.db.localJobDefinition.deleteMany({ where: { name: "Java17_Oracle_Generic", revision: 1 } });
    await refreshSnapshots(t.db, registry);
    const snaps = await t.db.jobDefinitionSnapshot.findMany({ orderBy: { revision: "asc" } });
    expect(snaps.map((s) => [s.name, s.revision, s.status, s.source])).toEqual([
      ["Java17_Oracle_Generic", 1, "INACTIVE", "local"],
      ["Java17_Oracle_Generic", 2, "ACTIVE", "local"],
    ]);
    expect(snaps[0].hash).toBe(jobDefinitionHash(j17));
  });

  it("exports all snapshots as one file and restores them into an empty registry, skipping identical ones", async () => {
    const registry = createLocalRegistry(t.db);
    await registry.register(s3);
    await registry.register(j17);
    await registry.register({ ...j17, containerProperties: { ...j17.containerProperties!, image: "genepattern/docker-java17:0.12" } });
    await refreshSnapshots(t.db, registry);
    const backup = await exportBackup(t.db);
    const text = JSON.stringify(backup, null, 2);
    const parsed = parseBackupFile(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup.definitions.map((d) => `${d.name}:${d.revision}`)).toEqual(["Java17_Oracle_Generic:1", "Java17_Oracle_Generic:2", "S3ModuleWrapper:1"]);

    // A fresh place to restore to: the same revisions come back with the same content.
    const other = await createTempDb();
    try {
      const target = createLocalRegistry(other.db);
      const items = await restoreBackup(other.db, target, parsed.backup);
      expect(items.map((i) => [i.from, i.outcome.status, i.outcome.ref])).toEqual([
        ["Java17_Oracle_Generic:1 (local)", "registered", "Java17_Oracle_Generic:1"],
        ["Java17_Oracle_Generic:2 (local)", "registered", "Java17_Oracle_Generic:2"],
        ["S3ModuleWrapper:1 (local)", "registered", "S3ModuleWrapper:1"],
      ]);
      const restored = await target.list();
      expect(restored.map((r) => jobDefinitionHash(r.definition))).toEqual(parsed.backup.definitions.map((d) => d.hash));
      // Restoring twice registers nothing.
      const second = await restoreBackup(other.db, target, parsed.backup);
      expect(second.map((i) => i.outcome)).toEqual([
        { status: "skipped", ref: "Java17_Oracle_Generic:1", message: "Skipped: identical to active revision Java17_Oracle_Generic:1" },
        { status: "skipped", ref: "Java17_Oracle_Generic:2", message: "Skipped: identical to the latest revision Java17_Oracle_Generic:2" },
        { status: "skipped", ref: "S3ModuleWrapper:1", message: "Skipped: identical to the latest revision S3ModuleWrapper:1" },
      ]);
    } finally {
      await other.cleanup();
    }
  });

  it("refuses a file that is not a backup with a location", () => {
    expect(parseBackupFile('{"format": "x"}', "b.json")).toEqual({
      ok: false,
      errors: expect.arrayContaining([expect.stringMatching(/^b\.json:1:12: format: /)]),
    });
    expect(parseBackupFile("{\n  oops", "b.json")).toEqual({ ok: false, errors: ["b.json:2:3: Invalid JSON: expected a property name in double quotes, found 'o'"] });
  });
});
