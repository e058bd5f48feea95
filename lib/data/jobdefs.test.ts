// The job-definition data layer on a real SQLite file and config file: guarded deregistration, a cleanup that
// keeps referenced revisions, identical registrations skipped, INACTIVE-but-referenced revisions reported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminContext, createConfigWorkspace, demoConfig as demo } from "../test/data-layer";
import type { TempDb } from "../test/temp-db";
import type { DataContext } from "./context";

let t: TempDb;
let ctx: DataContext;

describe("job-definition data layer", () => {
  beforeAll(async () => {
    // WordCount pins revision 1 of Python36_Generic.
    ({ t } = await createConfigWorkspace(demo.replace('    job.memory: "1 Gb"', '    job.memory: "1 Gb"\n    job.awsbatch.job-definition-name: "Python36_Generic:1"')));
    const { jobdefsSeeder } = await import("../seed/jobdefs");
    const { loadEnv } = await import("../env");
    await jobdefsSeeder.run({ db: t.db, env: loadEnv() });
    ctx = await createAdminContext(t.db);
  });
  afterAll(async () => t.cleanup());

  it("registers edited copies, skipping one identical to the latest", async () => {
    const jobdefs = await import("./jobdefs");
    const draft = await jobdefs.getRegisterDraft(ctx, "Python36_Generic:1");
    expect(draft?.baseRef).toBe("Python36_Generic:1");
    const same = await jobdefs.registerJobDefinition(ctx, { text: draft!.text, baseRef: "Python36_Generic:1", reason: "noop" });
    expect(same).toEqual({ status: "skipped", ref: "Python36_Generic:1", message: "Not registered: identical to the latest revision Python36_Generic:1" });
    for (const tag of ["0.5", "0.6"]) {
      const text = draft!.text.replace("docker-python36:0.4", `docker-python36:${tag}`);
      const preview = await jobdefs.previewRegistration(ctx, { text, baseRef: "Python36_Generic:1" });
      expect(preview.ok && preview.changes.map((c) => c.summary)).toEqual([`Image tag changed for genepattern/docker-python36: 0.4 → ${tag}`]);
      expect((await jobdefs.registerJobDefinition(ctx, { text, baseRef: "Python36_Generic:1", reason: `image ${tag}` })).status).toBe("registered");
    }
    await expect(jobdefs.registerJobDefinition(ctx, { text: "{\n  nope", reason: "bad" })).rejects.toThrow("Not registered: line 2:3 Invalid JSON");
    const audit = await t.db.auditEvent.findMany({ where: { action: "jobdefs.register" } });
    expect(audit.map((a) => a.target)).toEqual(["jobdef:Python36_Generic:2", "jobdef:Python36_Generic:3"]);
  });

  it("refuses to deregister a referenced revision and cleans up around references", async () => {
    const jobdefs = await import("./jobdefs");
    await expect(jobdefs.deregisterJobDefinition(ctx, { ref: "Python36_Generic:1", reason: "x" })).rejects.toThrow(
      /Python36_Generic:1 is still used by: module.properties › WordCount \(line \d+\)/,
    );
    const plan = await jobdefs.applyJobDefinitionCleanup(ctx, { name: "Python36_Generic", keep: 1, reason: "tidy" });
    expect(plan.keep).toEqual(["Python36_Generic:3"]);
    expect(plan.deregister).toEqual(["Python36_Generic:2"]);
    expect(plan.protected.map((p) => p.ref)).toEqual(["Python36_Generic:1"]);
    const revisions = await jobdefs.getJobDefinitionRevisions(ctx, "Python36_Generic");
    expect(revisions?.revisions.map((r) => [r.ref, r.status])).toEqual([
      ["Python36_Generic:3", "ACTIVE"],
      ["Python36_Generic:2", "INACTIVE"],
      ["Python36_Generic:1", "ACTIVE"],
    ]);
  });

  it("reports a pinned INACTIVE revision as an error in the overview", async () => {
    const jobdefs = await import("./jobdefs");
    await t.db.localJobDefinition.update({ where: { name_revision: { name: "Python36_Generic", revision: 1 } }, data: { status: "INACTIVE" } });
    const overview = await jobdefs.getJobDefinitionsOverview(ctx);
    const row = overview.names.find((n) => n.name === "Python36_Generic")!;
    expect(row.problems.map((p) => p.code)).toEqual(["inactive-revision"]);
    expect(row.modules.map((m) => [m.module, m.value])).toEqual(expect.arrayContaining([["WordCount", "Python36_Generic:1"], ["ConvertLineEndings", "Python36_Generic"]]));
    expect(row.latest?.ref).toBe("Python36_Generic:3");
  });
});
