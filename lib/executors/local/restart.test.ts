// A local job outlives the process that supervised it (a server restart): the job's own process keeps running,
// the next reconcile adopts it, and it finishes normally with its outputs staged out.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createJobFixture, useTempDataDir, waitForJob, type JobFixture } from "../test/job-fixture";
import { LocalExecutor } from "./local-executor";

const dataDir = useTempDataDir();
let fx: JobFixture;

beforeAll(async () => {
  fx = await createJobFixture(dataDir);
});
afterAll(async () => {
  await fx.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("adopts a running job after its supervisor died and finishes it", async () => {
  const { submitTestJob } = await import("../submit-test-job");
  const { isAlive, reconcileLocalJobs } = await import("./run-local-job");
  let supervisor: ReturnType<typeof spawn> | null = null;
  // The supervisor runs in another process, as `gp-batch submit` without --wait starts it.
  const launch = (id: number) => {
    supervisor = spawn(process.execPath, ["--import", "tsx", path.resolve("lib/executors/local/supervise-main.ts"), String(id)], {
      env: { ...process.env, DATABASE_URL: fx.url, NODE_OPTIONS: "" },
      stdio: "ignore",
    });
  };
  const { jobId } = await submitTestJob(fx.db, { module: "ShellProbe", userId: "alice", params: { mode: "nap" } }, {
    actor: { id: null, username: "tester" },
    executorFactory: () => new LocalExecutor(fx.db, { launch }),
  });
  let row = await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } });
  for (let i = 0; i < 400 && row.state !== "RUNNING"; i++) {
    await new Promise((r) => setTimeout(r, 25));
    row = await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } });
  }
  expect(row.state).toBe("RUNNING");
  // The "server" dies; the job's process group does not.
  supervisor!.kill("SIGKILL");
  await new Promise((r) => supervisor!.once("exit", r));
  expect(isAlive(row.pid)).toBe(true);

  expect(await reconcileLocalJobs(fx.db)).toBe(0);
  const job = await waitForJob(fx.db, jobId, 20_000);
  expect(job.state).toBe("SUCCEEDED");
  expect(job.exitCode).toBe(0);
  expect(job.events.some((e) => e.reason?.startsWith("Adopted after a restart"))).toBe(true);
  expect(fs.readFileSync(path.join(job.metaDir, "stdout.txt"), "utf8")).toBe("napped\n");
}, 40_000);
