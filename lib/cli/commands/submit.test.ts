// gp-batch submit: the public flags, outputs and exit codes, on a temp database with the demo catalog.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobFixture, useTempDataDir, type JobFixture } from "../../executors/test/job-fixture";

const dataDir = useTempDataDir();
let fx: JobFixture;
let main: typeof import("../main").main;

function fakeIo() {
  const io = { stdout: "", stderr: "", out: (s: string) => void (io.stdout += s), err: (s: string) => void (io.stderr += s), isTty: false };
  return io;
}

beforeAll(async () => {
  fx = await createJobFixture(dataDir);
  process.env.DATABASE_URL = fx.url;
  ({ main } = await import("../main"));
});
afterAll(async () => {
  await fx.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("gp-batch submit", () => {
  it("--dry-run --json prints the plan with the exact SubmitJob input and creates nothing", async () => {
    const input = path.join(dataDir, "in.txt");
    fs.writeFileSync(input, "a b c\n");
    const io = fakeIo();
    expect(await main(["submit", "--module", "WordCount", "--version", "2", "--input", input, "--param", "top.words=3", "--user", "alice", "--dry-run", "--json"], io)).toBe(0);
    const plan = JSON.parse(io.stdout);
    expect(plan.executor).toBe("local");
    expect(plan.userId).toBe("alice");
    expect(plan.argv.slice(-4)).toEqual([input, "--top=3", "-o", "in.counts.txt"]);
    expect(plan.submitJobInput).toMatchObject({
      jobName: "GP_Job_1_WordCount",
      jobQueue: "gp-demo-queue",
      jobDefinition: "Python36_Generic",
      timeout: { attemptDurationSeconds: 600 },
      containerOverrides: { resourceRequirements: [{ type: "MEMORY", value: "1024" }, { type: "VCPU", value: "1" }] },
    });
    expect(plan.s3Keys.map((k: { uri: string }) => k.uri)).toContain(`s3://gp-demo-bucket/gp${input}`);
    expect(await fx.db.testJob.count()).toBe(0);
  });

  it("--wait follows the states and exits with the job's exit code", async () => {
    const io = fakeIo();
    const code = await main(["submit", "--module", "ShellProbe", "--param", "mode=fail", "--param", "message=boom", "--wait"], io);
    expect(code).toBe(3);
    const lines = io.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^\d+$/);
    expect(io.stdout).toMatch(/RUNNING/);
    expect(io.stdout).toMatch(/FAILED\s+Essential container in task exited with code 3/);
    expect(lines[lines.length - 1]).toBe("exit code 3");
  });

  it("exits 0 for a succeeding job and prints only the id without --wait", async () => {
    const waited = fakeIo();
    expect(await main(["submit", "--module", "ShellProbe", "--param", "mode=ok", "--wait", "--json"], waited)).toBe(0);
    expect(JSON.parse(waited.stdout)).toMatchObject({ state: "SUCCEEDED", exitCode: 0 });
  });

  it("reports bad input with exit 1 and bad flags with exit 2", async () => {
    const missing = fakeIo();
    expect(await main(["submit", "--module", "WordCount", "--dry-run"], missing)).toBe(1);
    expect(missing.stderr).toContain("input.file is required");
    const unknown = fakeIo();
    expect(await main(["submit", "--module", "Nope", "--dry-run"], unknown)).toBe(1);
    expect(unknown.stderr).toContain("Module Nope is not in the catalog");
    const usage = fakeIo();
    expect(await main(["submit", "--executor", "k8s", "--module", "WordCount"], usage)).toBe(2);
    expect(await main(["submit"], fakeIo())).toBe(2);
    expect(await main(["submit", "--module", "WordCount", "--param", "novalue"], fakeIo())).toBe(2);
  });
});
