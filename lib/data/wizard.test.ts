// The configure-a-module wizard through the data layer, on a real SQLite file, catalog and config file:
// a new job definition from a template, the bundle, and an association by name or by version range.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wizardSchema } from "../jobdefs/wizard";
import { createAdminContext, createConfigWorkspace, demoConfig as demo } from "../test/data-layer";
import type { TempDb } from "../test/temp-db";
import type { DataContext } from "./context";

let t: TempDb;
let ctx: DataContext;
let configPath: string;
const WORDCOUNT = "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003";

describe("module configuration wizard (data layer)", () => {
  beforeAll(async () => {
    ({ t, configPath } = await createConfigWorkspace(demo));
    const { loadEnv } = await import("../env");
    const { modulesSeeder } = await import("../seed/modules");
    const { jobdefsSeeder } = await import("../seed/jobdefs");
    await modulesSeeder.run({ db: t.db, env: loadEnv() });
    await jobdefsSeeder.run({ db: t.db, env: loadEnv() });
    ctx = await createAdminContext(t.db);
  });
  afterAll(async () => t.cleanup());

  it("previews, registers and saves; a second identical run registers nothing", async () => {
    const jobdefs = await import("./jobdefs");
    const input = wizardSchema.parse({
      bundle: "python/3.6-batch",
      image: "genepattern/docker-python36:0.5",
      jobDefinition: { mode: "new", template: "Python36_Generic:1", name: "Python36_Batch" },
      tokens: { "python_3.6": "python3" },
      association: { by: "name", key: "TextToTable" },
      reason: "wizard test",
    });
    const preview = await jobdefs.previewWizard(ctx, input);
    expect(preview.jobDefinitionRef).toBe("Python36_Batch:1");
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toEqual([]);
    expect(preview.registerJson).toContain('"image": "genepattern/docker-python36:0.5"');
    expect(preview.diff).toContain("+    executor.props: python/3.6-batch");
    const saved = await jobdefs.applyWizard(ctx, { ...input, baseHash: preview.baseHash, confirmWarnings: false });
    expect(saved).toMatchObject({ ok: true, jobDefinitionRef: "Python36_Batch:1", registered: true, testModule: "TextToTable" });
    expect(fs.readFileSync(configPath, "utf8")).toContain('    job.awsbatch.job-definition-name: "Python36_Batch:1"');

    const again = await jobdefs.previewWizard(ctx, input);
    expect(again.jobDefinitionRef).toBe("Python36_Batch:1");
    expect(again.registerJson).toBeNull();
    expect(again.notes[0]).toBe("Identical to the latest revision Python36_Batch:1: it is used, nothing new is registered.");
    await expect(jobdefs.applyWizard(ctx, { ...input, baseHash: "stale", confirmWarnings: false })).rejects.toThrow("The config file changed since the review");
  });

  it("associates a version range through the range rules", async () => {
    const jobdefs = await import("./jobdefs");
    const input = wizardSchema.parse({
      bundle: "python/3.6-batch",
      image: "genepattern/docker-python36:0.5",
      jobDefinition: { mode: "existing", ref: "Python36_Batch:1" },
      tokens: { "python_3.6": "python3" },
      association: { by: "range", key: WORDCOUNT, range: ">=2" },
    });
    const preview = await jobdefs.previewWizard(ctx, input);
    expect(preview.notes).toContain(`Versions of ${WORDCOUNT} in >=2 get executor.props: python/3.6-batch through a range rule, written right after this change.`);
    const saved = await jobdefs.applyWizard(ctx, { ...input, baseHash: preview.baseHash, confirmWarnings: false });
    expect(saved).toMatchObject({ ok: true, message: `Saved: ${WORDCOUNT} now uses python/3.6-batch with Python36_Batch:1.` });
    expect(saved.rangeDiff).toContain(`${WORDCOUNT}:2`);
    expect(saved.rangeDiff).not.toContain(`${WORDCOUNT}:1"`);
    expect(await t.db.rangeRule.count()).toBe(1);
  });
});
