// End to end on the local executor with real files: plan, stage-in through the local bucket folder, the container
// side pull, sh exec.sh, push, stage-out, exit code; failures, walltime and cancel.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addShellModule, createJobFixture, useTempDataDir, waitForJob, type JobFixture } from "../test/job-fixture";

const dataDir = useTempDataDir();
let fx: JobFixture;
const actor = { id: null, username: "tester" };

beforeAll(async () => {
  fx = await createJobFixture(dataDir);
});
afterAll(async () => {
  await fx.cleanup();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function submit(request: Parameters<typeof import("../submit-test-job").submitTestJob>[1], extra: Record<string, unknown> = {}) {
  const { submitTestJob } = await import("../submit-test-job");
  return submitTestJob(fx.db, request, { actor, ...extra });
}

describe("local executor", () => {
  it("runs WordCount end to end with real files", async () => {
    const input = path.join(dataDir, "uploads", "poem.txt");
    fs.mkdirSync(path.dirname(input), { recursive: true });
    fs.writeFileSync(input, "the cat sat\non the mat\n");
    const { jobId, plan } = await submit({ module: "WordCount", version: "2", userId: "alice", params: { "top.words": "1" }, inputs: [{ path: input }] });
    expect(plan?.executor).toBe("local");
    const job = await waitForJob(fx.db, jobId);
    expect(job.state).toBe("SUCCEEDED");
    expect(job.exitCode).toBe(0);
    const states = job.events.filter((e) => e.kind === "state").map((e) => e.state);
    expect(states).toEqual(["STAGING", "SUBMITTED", "RUNNABLE", "STARTING", "RUNNING", "SUCCEEDED"]);
    // GP layout: outputs in <jobs>/<id>, logs and exit code in <jobs>/<id>.meta
    const report = fs.readFileSync(path.join(job.workDir, "poem.counts.txt"), "utf8");
    expect(report).toContain("poem.txt\t2\t6\t23");
    expect(report).toContain("the\t2");
    expect(fs.readFileSync(path.join(job.metaDir, "stdout.txt"), "utf8")).toContain("poem.txt\t2\t6\t23");
    expect(fs.readFileSync(path.join(job.metaDir, "exit_code.txt"), "utf8")).toBe('{"exit_code":0}\n');
    expect(fs.existsSync(path.join(job.metaDir, "exec.sh"))).toBe(true);
    expect(fs.existsSync(path.join(job.metaDir, "aws-sync-from-s3.sh"))).toBe(true);
    // The stand-in bucket holds the same files under <aws-s3-root><path>.
    const bucketCopy = path.join(dataDir, "bucket", "gp-demo-bucket", "gp", job.workDir, "poem.counts.txt");
    expect(fs.readFileSync(bucketCopy, "utf8")).toBe(report);
    // Progress figures were recorded for both phases.
    const stageIn = JSON.parse(job.events.find((e) => e.kind === "stage-in")!.data!);
    expect(stageIn).toMatchObject({ done: true, filesDone: stageIn.filesTotal });
    expect(stageIn.bytesTotal).toBeGreaterThan(0);
    const stageOut = JSON.parse(job.events.find((e) => e.kind === "stage-out")!.data!);
    expect(stageOut.filesDone).toBeGreaterThanOrEqual(4);
    // The container-side copies are removed once staged out, as copyFromS3ThenRun.sh does.
    expect(fs.existsSync(path.join(dataDir, "local", job.workDir))).toBe(false);
  });

  it("reports a failing command as FAILED with its stderr and exit code", async () => {
    const { jobId } = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "fail", message: "on purpose" } });
    const job = await waitForJob(fx.db, jobId);
    expect(job.state).toBe("FAILED");
    expect(job.exitCode).toBe(3);
    expect(job.statusReason).toBe("Essential container in task exited with code 3");
    expect(fs.readFileSync(path.join(job.metaDir, "stderr.txt"), "utf8")).toBe("probe is failing: on purpose\n");
  });

  it("kills a job that overruns its walltime and says so", async () => {
    const { jobId } = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "sleep" } }, { localWalltimeSec: 1 });
    const started = Date.now();
    const job = await waitForJob(fx.db, jobId);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(job.state).toBe("FAILED");
    expect(job.statusReason).toBe("Job attempt duration exceeded timeout (1 s)");
    expect(job.exitCode).toBe(143);
    expect(fs.readFileSync(path.join(job.metaDir, "stdout.txt"), "utf8")).toBe("sleeping\n");
  });

  it("cancels a running job", async () => {
    const { cancelTestJob } = await import("../submit-test-job");
    const { jobId } = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "sleep" } });
    for (let i = 0; i < 200; i++) {
      const row = await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } });
      if (row.state === "RUNNING") break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect((await cancelTestJob(fx.db, jobId, actor)).changed).toBe(true);
    const job = await waitForJob(fx.db, jobId);
    expect(job.state).toBe("FAILED");
    expect(job.statusReason).toBe("Cancelled by tester");
  });

  it("refuses missing required parameters and vanished inputs before creating a job", async () => {
    const before = await fx.db.testJob.count();
    await expect(submit({ module: "WordCount", version: "2", userId: "alice", params: {} })).rejects.toThrow("input.file: input.file is required");
    await expect(submit({ module: "WordCount", version: "2", userId: "alice", params: {}, inputs: [{ path: "/nope/gone.txt" }] })).rejects.toThrow("Input file /nope/gone.txt does not exist");
    await expect(submit({ module: "NoSuchModule", userId: "alice", params: {} })).rejects.toThrow("Module NoSuchModule is not in the catalog");
    expect(await fx.db.testJob.count()).toBe(before);
  });

  it("refuses an unmapped module", async () => {
    const { submitTestJob } = await import("../submit-test-job");
    const configText = fx.configText.replace(/job\.awsbatch\.job-definition-name: "Demo_Generic"/, "job.queue: x");
    await expect(submitTestJob(fx.db, { module: "ShellProbe", userId: "alice", params: {} }, { actor, configText })).rejects.toThrow("ShellProbe is not mapped");
  });

  it("returns the same job for the same idempotency key", async () => {
    const a = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "ok", message: "once" } }, { idempotencyKey: "k-1" });
    const b = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "ok", message: "once" } }, { idempotencyKey: "k-1" });
    expect(b).toEqual({ jobId: a.jobId, duplicate: true, plan: null });
    await waitForJob(fx.db, a.jobId);
  });

  it("finishes a job whose stage-out was interrupted, and fails a stage-in nobody is doing", async () => {
    const { sweepUnsettled } = await import("../submit-test-job");
    const { jobId } = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "ok", message: "again" } });
    const done = await waitForJob(fx.db, jobId);
    // As if the server stopped between SUCCEEDED and the end of stage-out.
    await fx.db.testJobEvent.deleteMany({ where: { jobId, kind: "settled" } });
    fs.rmSync(done.workDir, { recursive: true, force: true });
    await fx.db.testJob.update({ where: { id: jobId }, data: { supervisorPid: 999_997 } });
    const stuck = await fx.db.testJob.create({
      data: { executor: "aws", moduleName: "X", moduleLsid: "x", userId: "alice", submittedBy: "t", state: "STAGING", plan: "{}", workDir: "", metaDir: "", supervisorPid: 999_996 },
    });
    expect(await sweepUnsettled(fx.db)).toBeGreaterThanOrEqual(2);
    const again = await waitForJob(fx.db, jobId);
    expect(fs.readFileSync(path.join(again.workDir, "result.txt"), "utf8")).toBe("result again\n");
    const failed = await waitForJob(fx.db, stuck.id);
    expect(failed.statusReason).toBe("Stage-in was interrupted: the process staging this job stopped");
  });

  it("marks a job whose supervisor vanished as FAILED on reconcile", async () => {
    const { reconcileLocalJobs } = await import("./run-local-job");
    const { jobId } = await submit({ module: "ShellProbe", userId: "alice", params: { mode: "ok", message: "x" } });
    await waitForJob(fx.db, jobId);
    const orphan = await fx.db.testJob.create({
      data: { executor: "local", moduleName: "ShellProbe", moduleLsid: "x", userId: "alice", submittedBy: "t", state: "RUNNING", plan: (await fx.db.testJob.findUniqueOrThrow({ where: { id: jobId } })).plan, workDir: "/nowhere/1", metaDir: "/nowhere/1.meta", pid: 999999, supervisorPid: 999998 },
    });
    expect(await reconcileLocalJobs(fx.db)).toBe(1);
    const row = await fx.db.testJob.findUniqueOrThrow({ where: { id: orphan.id } });
    expect(row.state).toBe("FAILED");
    expect(row.statusReason).toContain("its process is gone");
    expect(row.statusReason).toContain("It was RUNNING.");
  });
});

void addShellModule;
