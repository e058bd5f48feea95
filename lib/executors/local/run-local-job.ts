// Runs one local test job the way the Batch container wrapper does (reference §5.5): pull the meta dir and the
// staged files into <local prefix>, `sh exec.sh`, push the meta and working dirs back; then the head-node side
// stage-out (meta dir first) and the exit code from exit_code.txt. States follow Batch: RUNNABLE → STARTING →
// RUNNING → SUCCEEDED/FAILED, each recorded with its time and reason.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "../../db";
import { describeLocalJobDefinition } from "../../jobdefs/local-registry";
import { note, settle, transition } from "../job-events";
import { parsePlan, type TestJobPlan } from "../plan";
import { readExitCodeFile, stageOut, targetForPlan } from "../stage";
import { transferSteps, type TransferStep, type TransferTarget } from "../stage-transfer";
import { finalExitCode } from "../state-mapping";
import { EXIT_CODE_FILE, parseExitCodeFile } from "../staging";
import { TERMINAL_STATES } from "../types";
import { underPrefix } from "./paths";

export const TIMEOUT_REASON = "Job attempt duration exceeded timeout";
export const ORPHAN_REASON = "The local executor lost this job: its process is gone (was the server restarted?)";
const KILL_GRACE_MS = 2000;

type Running = { abort: (reason: string) => void };

const registry = globalThis as unknown as { gpBatchLocalJobs?: Map<number, Running>; gpBatchLocalSlots?: Slots };

/** Jobs supervised by this process, so cancel can reach them. */
export function runningLocalJobs(): Map<number, Running> {
  registry.gpBatchLocalJobs ??= new Map();
  return registry.gpBatchLocalJobs;
}

/** A few jobs at a time, like a small compute environment; the rest wait in RUNNABLE. */
class Slots {
  private free: number;
  private waiters: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiters.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiters.shift();
      if (next) next();
      else this.free++;
    };
  }
}

function slots(): Slots {
  registry.gpBatchLocalSlots ??= new Slots(Math.max(2, os.cpus().length));
  return registry.gpBatchLocalSlots;
}

async function isTerminal(db: Db, jobId: number): Promise<boolean> {
  const row = await db.testJob.findUnique({ where: { id: jobId }, select: { state: true } });
  return !row || TERMINAL_STATES.has(row.state);
}

/** The container side of the pull: meta dir first, then what the pull script names, then the working dir. */
function containerPullSteps(plan: TestJobPlan): TransferStep[] {
  const p = plan.localPrefix;
  return [
    { label: "meta dir", direction: "pull", gpPath: plan.layout.metaDir, localPath: underPrefix(p, plan.layout.metaDir), kind: "dir" },
    ...plan.stagedItems.map((item): TransferStep => ({
      label: `${item.role} ${item.path}`,
      direction: "pull",
      gpPath: item.path,
      localPath: underPrefix(p, item.path),
      kind: item.kind,
      optional: item.role === "wrapper-scripts",
    })),
    { label: "working dir", direction: "pull", gpPath: plan.layout.workDir, localPath: underPrefix(p, plan.layout.workDir), kind: "dir", optional: true },
  ];
}

function containerPushSteps(plan: TestJobPlan): TransferStep[] {
  const p = plan.localPrefix;
  return [
    { label: "meta dir", direction: "push", gpPath: plan.layout.metaDir, localPath: underPrefix(p, plan.layout.metaDir), kind: "dir" },
    { label: "working dir", direction: "push", gpPath: plan.layout.workDir, localPath: underPrefix(p, plan.layout.workDir), kind: "dir" },
  ];
}

/** A container-like environment: a clean PATH/HOME, the job definition's variables, then the request's overrides. */
function jobEnvironment(plan: TestJobPlan, definitionEnv: { name: string; value: string }[]): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    LANG: process.env.LANG ?? "C.UTF-8",
    TMPDIR: os.tmpdir(),
  };
  for (const e of definitionEnv) env[e.name] = e.value;
  for (const e of plan.submitJobInput.containerOverrides?.environment ?? []) if (e.name) env[e.name] = e.value ?? "";
  return env;
}

export function isAlive(pid: number | null | undefined): boolean {
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Kills the job's process group: TERM, then KILL after a grace period. */
export function killGroup(pid: number) {
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  setTimeout(() => {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, KILL_GRACE_MS).unref();
}

type ExitInfo = { code: number; signal: NodeJS.Signals | null };

function waitForExit(child: ChildProcess): Promise<ExitInfo> {
  return new Promise((resolve) => {
    child.on("error", () => resolve({ code: 127, signal: null }));
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 9) : 1), signal }));
  });
}

/** Polls a process we did not start (adopted after a restart) until it is gone. */
async function waitForPid(pid: number, intervalMs = 500): Promise<void> {
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, intervalMs));
}

/** Head-node stage-out and the final exit code; shared by normal completion, cancel, timeout and adoption. */
export async function finishLocalJob(db: Db, jobId: number, plan: TestJobPlan, target: TransferTarget, container: { exitCode: number | null; cleanPrefix: boolean }) {
  try {
    await transferSteps(target, containerPushSteps(plan).map((s) => ({ ...s, optional: true })));
  } catch (error) {
    await note(db, jobId, `Could not push the job's files back to the store: ${error instanceof Error ? error.message : String(error)}`);
  }
  let stagedOut = false;
  try {
    await stageOut(db, jobId, plan, target);
    stagedOut = true;
  } catch (error) {
    await note(db, jobId, `Stage-out failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const fromFile = await readExitCodeFile(plan);
  const final = finalExitCode(fromFile, container.exitCode);
  if (stagedOut && container.cleanPrefix) {
    // copyFromS3ThenRun.sh removes the job's local copies once they are back in S3.
    await fs.promises.rm(underPrefix(plan.localPrefix, plan.layout.workDir), { recursive: true, force: true });
    await fs.promises.rm(underPrefix(plan.localPrefix, plan.layout.metaDir), { recursive: true, force: true });
  }
  await settle(
    db,
    jobId,
    final.source === "exit_code.txt"
      ? `Exit code ${final.exitCode} from exit_code.txt${final.gpTimeout ? " (142: GP's walltime limit, TERM_RUNLIMIT)" : ""}`
      : final.source === "container"
        ? `No exit_code.txt: exit code ${final.exitCode} is the container's`
        : "No exit code: neither exit_code.txt nor a container exit code",
    { exitCode: final.exitCode, source: final.source },
    final.exitCode,
  );
}

/**
 * Supervises one local job from SUBMITTED to the end. Safe to call from the server (in process) or from a
 * detached CLI helper; the job row says who supervises it (supervisorPid).
 */
export async function runLocalJob(db: Db, jobId: number): Promise<void> {
  const row = await db.testJob.findUnique({ where: { id: jobId } });
  if (!row || TERMINAL_STATES.has(row.state)) return;
  const plan = parsePlan(row.plan);
  const target = targetForPlan(plan);
  const controller = new AbortController();
  let child: ChildProcess | null = null;
  let killedFor: string | null = null;
  runningLocalJobs().set(jobId, {
    abort: (reason) => {
      killedFor = reason;
      controller.abort(new Error(reason));
      if (child?.pid) killGroup(child.pid);
    },
  });
  let release: (() => void) | null = null;
  try {
    await transition(db, jobId, "RUNNABLE", "Waiting for a free slot on this machine", { set: { supervisorPid: process.pid } });
    release = await slots().acquire();
    if (controller.signal.aborted) {
      await settle(db, jobId, "Nothing ran");
      return;
    }

    const definition = await describeLocalJobDefinition(db, plan.submitJobInput.jobDefinition ?? "");
    if (!definition || definition.status !== "ACTIVE") {
      await transition(db, jobId, "FAILED", `Job definition ${plan.submitJobInput.jobDefinition} is ${definition ? "INACTIVE" : "not registered"} in the local registry`);
      await settle(db, jobId, "Nothing ran");
      return;
    }
    if (!(await transition(db, jobId, "STARTING", `Pulling the job's files from ${target.store.description} into ${plan.localPrefix}`))) {
      await settle(db, jobId, "Nothing ran");
      return;
    }
    let pulled: Awaited<ReturnType<typeof transferSteps>> | null = null;
    try {
      pulled = await transferSteps(target, containerPullSteps(plan), { signal: controller.signal });
      await fs.promises.mkdir(underPrefix(plan.localPrefix, plan.layout.inputDir), { recursive: true });
    } catch (error) {
      const message = killedFor ?? `Could not pull the job's files: ${error instanceof Error ? error.message : String(error)}`;
      await transition(db, jobId, "FAILED", message);
      await finishLocalJob(db, jobId, plan, target, { exitCode: null, cleanPrefix: false });
      return;
    }
    if (controller.signal.aborted || (await isTerminal(db, jobId))) {
      await finishLocalJob(db, jobId, plan, target, { exitCode: null, cleanPrefix: true });
      return;
    }

    const metaLocal = underPrefix(plan.localPrefix, plan.layout.metaDir);
    const out = fs.openSync(path.join(metaLocal, "dockerout.log"), "a");
    const err = fs.openSync(path.join(metaLocal, "dockererr.log"), "a");
    let proc: ChildProcess;
    try {
      proc = spawn("sh", [path.join(metaLocal, "exec.sh")], {
        cwd: underPrefix(plan.localPrefix, plan.layout.workDir),
        detached: true,
        stdio: ["ignore", out, err],
        env: jobEnvironment(plan, definition.environment) as NodeJS.ProcessEnv,
      });
    } finally {
      fs.closeSync(out);
      fs.closeSync(err);
    }
    child = proc;
    const exited = waitForExit(proc);
    const startedAt = new Date();
    await transition(db, jobId, "RUNNING", `sh exec.sh (pid ${proc.pid}) in ${underPrefix(plan.localPrefix, plan.layout.workDir)}`, {
      startedAt,
      set: { pid: proc.pid ?? null },
      data: { containerPull: pulled },
    });
    const timer = setTimeout(() => {
      killedFor = TIMEOUT_REASON;
      void transition(db, jobId, "FAILED", `${TIMEOUT_REASON} (${plan.timeoutSec} s)`, { data: { timeoutSec: plan.timeoutSec } });
      if (proc.pid) killGroup(proc.pid);
    }, plan.timeoutSec * 1000);
    const exit = await exited;
    clearTimeout(timer);
    const stoppedAt = new Date();
    if (killedFor === null) {
      await transition(
        db,
        jobId,
        exit.code === 0 ? "SUCCEEDED" : "FAILED",
        exit.code === 0 ? "Essential container in task exited" : `Essential container in task exited with code ${exit.code}`,
        { stoppedAt, data: { containerExitCode: exit.code } },
      );
    }
    await finishLocalJob(db, jobId, plan, target, { exitCode: exit.code, cleanPrefix: true });
  } catch (error) {
    await transition(db, jobId, "FAILED", `Local executor error: ${error instanceof Error ? error.message : String(error)}`);
    await settle(db, jobId, "Stopped by an executor error");
  } finally {
    release?.();
    runningLocalJobs().delete(jobId);
  }
}

/**
 * After a restart: a local job that is not terminal and whose supervisor is gone is either adopted (its
 * process still runs: wait for it, then finish normally) or marked FAILED with a reason. Never left RUNNING.
 */
export async function reconcileLocalJobs(db: Db): Promise<number> {
  const open = await db.testJob.findMany({
    where: { executor: "local", state: { notIn: [...TERMINAL_STATES] } },
    select: { id: true, state: true, pid: true, supervisorPid: true, plan: true },
  });
  let changed = 0;
  for (const job of open) {
    if (runningLocalJobs().has(job.id)) continue;
    // Someone (maybe this very process, still staging it in) is looking after the job.
    if (job.supervisorPid && isAlive(job.supervisorPid)) continue;
    const plan = parsePlan(job.plan);
    if (plan.version !== 1) {
      // The process died before the job was even planned: nothing to stage out.
      if (await transition(db, job.id, "FAILED", `${ORPHAN_REASON} It was ${job.state}.`)) changed++;
      await settle(db, job.id, "Nothing ran");
      continue;
    }
    if (job.pid && isAlive(job.pid) && isOurJobProcess(job.pid)) {
      runningLocalJobs().set(job.id, { abort: () => killGroup(job.pid!) });
      await db.testJob.update({ where: { id: job.id }, data: { supervisorPid: process.pid } });
      await note(db, job.id, `Adopted after a restart: pid ${job.pid} is still running`);
      void waitForPid(job.pid).then(async () => {
        const text = await fs.promises.readFile(path.join(underPrefix(plan.localPrefix, plan.layout.metaDir), EXIT_CODE_FILE), "utf8").catch(() => null);
        const fromFile = parseExitCodeFile(text);
        await transition(db, job.id, fromFile === 0 ? "SUCCEEDED" : "FAILED", fromFile === null ? "The job's process ended while no one was watching; no exit_code.txt" : `Essential container in task exited (exit_code.txt: ${fromFile})`);
        await finishLocalJob(db, job.id, plan, targetForPlan(plan), { exitCode: null, cleanPrefix: true });
        runningLocalJobs().delete(job.id);
      });
      continue;
    }
    if (await transition(db, job.id, "FAILED", `${ORPHAN_REASON} It was ${job.state}.`)) {
      changed++;
      void finishLocalJob(db, job.id, plan, targetForPlan(plan), { exitCode: null, cleanPrefix: false }).catch(() => undefined);
    }
  }
  return changed;
}

/** Guards against pid reuse: the process must be a shell running this job's exec.sh. */
function isOurJobProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("exec.sh");
  } catch {
    return true;
  }
}

/** Cancels a local job, wherever it is supervised. */
export async function cancelLocalJob(db: Db, jobId: number, reason: string): Promise<boolean> {
  const changed = await transition(db, jobId, "FAILED", reason);
  const running = runningLocalJobs().get(jobId);
  if (running) {
    running.abort(reason);
    return changed;
  }
  const row = await db.testJob.findUnique({ where: { id: jobId }, select: { pid: true } });
  if (row?.pid && isAlive(row.pid)) killGroup(row.pid);
  return changed;
}
