// Release channels against a real SQLite file and a real config file: promotion needs a passing test job,
// writes exact keys through saveConfig, and rollback restores the file byte for byte.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdminContext, createConfigWorkspace, demoConfig as demo } from "../test/data-layer";
import type { TempDb } from "../test/temp-db";
import type { RegisterJobDefinitionInput } from "../jobdefs/schema";
import type { DataContext } from "./context";

let t: TempDb;
let ctx: DataContext;
let configPath: string;

describe("environments: pin, promote, roll back", () => {
  beforeAll(async () => {
    ({ t, configPath } = await createConfigWorkspace(demo));
    process.env.DATABASE_URL = t.url;
    const { jobdefsSeeder } = await import("../seed/jobdefs");
    const { loadEnv } = await import("../env");
    await jobdefsSeeder.run({ db: t.db, env: loadEnv() });
    const { createLocalRegistry } = await import("../jobdefs/local-registry");
    const registry = createLocalRegistry(t.db);
    const base = await registry.describe("Python36_Generic:1");
    const cp = base!.definition.containerProperties as Record<string, unknown>;
    await registry.register({ ...(base!.definition as Record<string, unknown>), containerProperties: { ...cp, image: "genepattern/docker-python36:0.5" } } as RegisterJobDefinitionInput);
    ctx = await createAdminContext(t.db);
  });
  afterAll(async () => t.cleanup());

  it("refuses to promote before a test passed, then writes and rolls back the exact keys", async () => {
    const envs = await import("./environments");
    await envs.setPin(ctx, { environment: "candidate", target: "WordCount", jobDefinition: "Python36_Generic:2", image: "genepattern/docker-python36:0.5", reason: "try 0.5" });
    await expect(envs.promoteCandidate(ctx, { target: "WordCount", reason: "go" })).rejects.toThrow(
      "No test job of WordCount has SUCCEEDED on Python36_Generic:2 yet: run the candidate's test job first",
    );
    // A passing job on another revision does not count.
    const job = { executor: "local", moduleName: "WordCount", moduleLsid: "x", userId: "admin", submittedBy: "admin", plan: "{}", workDir: "/w", metaDir: "/m" };
    await t.db.testJob.create({ data: { ...job, state: "SUCCEEDED", jobDefinition: "Python36_Generic:1" } });
    await expect(envs.promoteCandidate(ctx, { target: "WordCount", reason: "go" })).rejects.toThrow(/No test job/);
    const passed = await t.db.testJob.create({ data: { ...job, state: "SUCCEEDED", jobDefinition: "Python36_Generic:2" } });

    const promoted = await envs.promoteCandidate(ctx, { target: "WordCount", reason: "0.5 passed" });
    expect(promoted.ok).toBe(true);
    const text = fs.readFileSync(configPath, "utf8");
    expect(text).toContain('  WordCount:\n    executor.props: "python/3.6"\n    job.memory: "1 Gb"\n    job.awsbatch.job-definition-name: "Python36_Generic:2"\n    job.docker.image: "genepattern/docker-python36:0.5"\n');
    const view = await envs.getEnvironments(ctx);
    const prod = view.environments.find((e) => e.name === "production")!.pins[0];
    expect(prod).toMatchObject({ target: "WordCount", jobDefinition: "Python36_Generic:2", canRollback: true, config: { jobDefinition: "Python36_Generic:2" } });
    expect(view.environments.find((e) => e.name === "candidate")!.pins[0].passingTest?.id).toBe(passed.id);

    const rolled = await envs.rollbackProduction(ctx, { target: "WordCount", reason: "back" });
    expect(rolled.ok).toBe(true);
    expect(fs.readFileSync(configPath, "utf8")).toBe(demo);
    const after = await envs.getEnvironments(ctx);
    expect(after.environments.find((e) => e.name === "production")!.pins).toEqual([]);

    const audit = await t.db.auditEvent.findMany({ orderBy: { id: "asc" }, select: { action: true, target: true } });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(["environments.pin", "environments.promote.config", "environments.promote", "environments.rollback.config", "environments.rollback"]),
    );
  });

  it("refuses pins to INACTIVE revisions and direct production pins", async () => {
    const envs = await import("./environments");
    const { createLocalRegistry } = await import("../jobdefs/local-registry");
    await createLocalRegistry(t.db).deregister("Python36_Generic:1");
    await expect(envs.setPin(ctx, { environment: "candidate", target: "bundle:python/3.6", jobDefinition: "Python36_Generic:1", reason: "x" })).rejects.toThrow(
      "Job definition Python36_Generic:1 is INACTIVE; pin an ACTIVE revision",
    );
    await expect(envs.setPin(ctx, { environment: "production", target: "WordCount", jobDefinition: "Python36_Generic:2", reason: "x" })).rejects.toThrow(
      "Production changes only by promoting a tested candidate",
    );
  });
});
