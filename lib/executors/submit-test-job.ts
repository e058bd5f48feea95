// Submitting and following test jobs: plan (plan-test-job.ts), create the job row, write exec.sh and the pull
// script, stage in, submit through the chosen executor, and for AWS keep the row in step with DescribeJobs
// (stage-out when the job ends). Expected failures are recorded on the job and thrown as SubmitError.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { env } from "../env";
import { batchClient, describeAwsError } from "../aws/clients";
import { AwsBatchExecutor, CANCEL_REASON } from "./aws-batch/aws-batch-executor";
import { note, settle, transition } from "./job-events";
import { LocalExecutor, localJobId } from "./local/local-executor";
import { cancelLocalJob, finishLocalJob, isAlive, reconcileLocalJobs, runningLocalJobs } from "./local/run-local-job";
import { parsePlan, type TestJobPlan } from "./plan";
import { PlanError, planTestJob, type PlanOptions, type TestJobRequest } from "./plan-test-job";
import { readExitCodeFile, stageIn, stageOut, targetForPlan } from "./stage";
import { finalExitCode, mapBatchStatus } from "./state-mapping";
import { TERMINAL_STATES, type Executor, type ExecutorKind } from "./types";

export { PlanError, planTestJob, type TestJobRequest };

export class SubmitError extends Error {
  constructor(message: string, readonly jobId: number | null = null) {
    super(message);
    this.name = "SubmitError";
  }
}

export type Actor = { id: string | null; username: string };

export type ExecutorFactory = (kind: ExecutorKind, plan: TestJobPlan) => Executor;

/** The real executors: AWS Batch through the shared client (the config's aws-profile), or this machine. */
export const defaultExecutorFactory =
  (db: Db, localOptions: ConstructorParameters<typeof LocalExecutor>[1] = {}): ExecutorFactory =>
  (kind, plan) =>
    kind === "aws"
      ? new AwsBatchExecutor(batchClient({ profile: (plan.settings["aws-profile"]?.value as string | null) ?? undefined }))
      : new LocalExecutor(db, localOptions);

/** The id the next test job will get, for a dry-run plan. */
export async function nextJobNo(db: Db): Promise<number> {
  const last = await db.testJob.findFirst({ orderBy: { id: "desc" }, select: { id: true } });
  return (last?.id ?? 0) + 1;
}

export async function planDryRun(db: Db, request: TestJobRequest, opts: Omit<PlanOptions, "jobNo"> = {}): Promise<TestJobPlan> {
  return planTestJob(db, request, { ...opts, jobNo: await nextJobNo(db) });
}

/** Writes the job's dirs and scripts as GP does before staging (§5.2–§5.4). */
export async function writeJobFiles(plan: TestJobPlan): Promise<void> {
  const l = plan.layout;
  await fs.promises.mkdir(l.inputDir, { recursive: true });
  await fs.promises.mkdir(l.metaDir, { recursive: true });
  await fs.promises.writeFile(l.execScript, plan.execScript, { mode: 0o755 });
  await fs.promises.writeFile(l.pullScript, plan.pullScript, { mode: 0o755 });
  // GP writes job.logFile (.rte.out) with the argv before submitting.
  const logFile = path.join(l.workDir, plan.logFile ?? ".rte.out");
  if (!path.relative(l.workDir, logFile).startsWith("..")) await fs.promises.writeFile(logFile, `${plan.argv.join(" ")}\n`);
}

export type SubmitOptions = Omit<PlanOptions, "jobNo"> & {
  actor: Actor;
  idempotencyKey?: string | null;
  executorFactory?: ExecutorFactory;
  /** Return once the job row and its plan exist; stage-in and the submit continue in the background (the UI). */
  background?: boolean;
};

export type SubmitResult = { jobId: number; duplicate: boolean; plan: TestJobPlan | null };

/**
 * Plans, records, stages and submits. The same idempotency key never makes two jobs (a double click, a retried
 * request). A failure after the row exists leaves it FAILED with the reason, and throws SubmitError.
 */
export async function submitTestJob(db: Db, request: TestJobRequest, opts: SubmitOptions): Promise<SubmitResult> {
  const key = opts.idempotencyKey?.trim() || null;
  if (key) {
    const existing = await db.testJob.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
    if (existing) return { jobId: existing.id, duplicate: true, plan: null };
  }
  let row: { id: number };
  try {
    row = await db.testJob.create({
      data: {
        executor: "local",
        moduleName: request.module,
        moduleLsid: "",
        userId: request.userId,
        submittedBy: opts.actor.username,
        state: "STAGING",
        plan: "{}",
        workDir: "",
        metaDir: "",
        idempotencyKey: key,
        supervisorPid: process.pid,
      },
      select: { id: true },
    });
  } catch (error) {
    if (key && (error as { code?: string }).code === "P2002") {
      const existing = await db.testJob.findUnique({ where: { idempotencyKey: key }, select: { id: true } });
      if (existing) return { jobId: existing.id, duplicate: true, plan: null };
    }
    throw error;
  }
  const jobId = row.id;
  const fail = async (reason: string): Promise<never> => {
    await transition(db, jobId, "FAILED", reason);
    await settle(db, jobId, "Nothing ran");
    throw new SubmitError(reason, jobId);
  };

  let plan: TestJobPlan;
  try {
    plan = await planTestJob(db, request, { ...opts, jobNo: jobId });
  } catch (error) {
    // Bad parameters or an unmapped module never leave a job behind: the row only existed to number the job.
    await db.testJob.delete({ where: { id: jobId } });
    throw error;
  }
  const recorded = db.testJob.update({
    where: { id: jobId },
    data: {
      executor: plan.executor,
      moduleName: plan.module.name,
      moduleLsid: plan.module.lsid,
      queue: plan.submitJobInput.jobQueue ?? null,
      jobDefinition: plan.submitJobInput.jobDefinition ?? null,
      plan: JSON.stringify({ ...plan, request }),
      workDir: plan.layout.workDir,
      metaDir: plan.layout.metaDir,
    },
  });
  await db.$transaction([recorded, db.testJobEvent.create({ data: { jobId, kind: "state", state: "STAGING", reason: `Staging in to ${plan.storeDescription}` } })]);

  const rest = stageAndSubmit(db, jobId, plan, opts, fail);
  if (opts.background) {
    rest.catch(() => undefined);
    return { jobId, duplicate: false, plan };
  }
  await rest;
  return { jobId, duplicate: false, plan };
}


async function stageAndSubmit(db: Db, jobId: number, plan: TestJobPlan, opts: SubmitOptions, fail: (reason: string) => Promise<never>): Promise<void> {
  try {
    await writeJobFiles(plan);
    await stageIn(db, jobId, plan);
  } catch (error) {
    await fail(`Stage-in failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  const executor = (opts.executorFactory ?? defaultExecutorFactory(db))(plan.executor, plan);
  const submitted = `SubmitJob ${plan.submitJobInput.jobName} to queue ${plan.submitJobInput.jobQueue} with ${plan.submitJobInput.jobDefinition}`;
  // A local job's id is known before it starts; an AWS job's comes back from SubmitJob.
  if (!(await transition(db, jobId, "SUBMITTED", submitted, plan.executor === "local" ? { set: { externalId: localJobId(jobId) } } : {}))) {
    // Cancelled while staging in: nothing is submitted.
    await settle(db, jobId, "Nothing ran");
    return;
  }
  try {
    const { jobId: externalId } = await executor.submit(plan.submitJobInput, { testJobId: jobId });
    if (plan.executor === "aws") {
      await db.$transaction([
        db.testJob.update({ where: { id: jobId }, data: { externalId } }),
        db.testJobEvent.create({ data: { jobId, kind: "note", reason: `AWS Batch job id ${externalId}` } }),
      ]);
    }
  } catch (error) {
    await fail(plan.executor === "aws" ? `SubmitJob failed: ${describeAwsError(error)}` : error instanceof Error ? error.message : String(error));
  }
}

const inFlight = globalThis as unknown as { gpBatchStageOuts?: Set<number>; gpBatchLastReconcile?: number };

/**
 * Brings AWS jobs in line with DescribeJobs (batched), and starts stage-out for those that ended. A Batch outage
 * is returned as a message; the jobs keep their last known state and are polled again next time.
 */
export async function refreshAwsJobs(db: Db, jobIds?: number[], factory?: ExecutorFactory): Promise<{ error: string | null }> {
  const open = await db.testJob.findMany({
    where: { executor: "aws", externalId: { not: null }, state: { notIn: [...TERMINAL_STATES, "STAGING"] }, ...(jobIds ? { id: { in: jobIds } } : {}) },
    select: { id: true, externalId: true, state: true, plan: true },
  });
  if (open.length === 0) return { error: null };
  const plan0 = parsePlan(open[0].plan);
  const executor = (factory ?? defaultExecutorFactory(db))("aws", plan0);
  let described;
  try {
    described = await executor.describeMany(open.map((j) => j.externalId!));
  } catch (error) {
    return { error: `DescribeJobs failed: ${describeAwsError(error)}` };
  }
  const byId = new Map(described.map((d) => [d.jobId, d]));
  for (const job of open) {
    const d = byId.get(job.externalId!);
    if (!d) continue; // Batch is eventually consistent right after a submit.
    const mapped = mapBatchStatus(d.status, d.statusReason);
    if (mapped.state !== job.state) {
      await transition(db, job.id, mapped.state, d.statusReason ?? null, {
        startedAt: d.startedAt ? new Date(d.startedAt) : undefined,
        stoppedAt: d.stoppedAt ? new Date(d.stoppedAt) : undefined,
        data: { batchStatus: d.status, containerExitCode: d.exitCode, logStreamName: d.logStreamName },
      });
    }
    if (mapped.terminal) void finishAwsJob(db, job.id, parsePlan(job.plan), d.exitCode);
  }
  return { error: null };
}

async function finishAwsJob(db: Db, jobId: number, plan: TestJobPlan, containerExitCode: number | null) {
  inFlight.gpBatchStageOuts ??= new Set();
  if (inFlight.gpBatchStageOuts.has(jobId)) return;
  inFlight.gpBatchStageOuts.add(jobId);
  try {
    try {
      await stageOut(db, jobId, plan, targetForPlan(plan));
    } catch (error) {
      await note(db, jobId, `Stage-out failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const final = finalExitCode(await readExitCodeFile(plan), containerExitCode);
    await settle(db, jobId, final.source === "exit_code.txt" ? `Exit code ${final.exitCode} from exit_code.txt${final.gpTimeout ? " (142: GP's walltime limit)" : ""}` : final.source === "container" ? `No exit_code.txt: exit code ${final.exitCode} is the container's` : "No exit code", { exitCode: final.exitCode, source: final.source }, final.exitCode);
  } finally {
    inFlight.gpBatchStageOuts.delete(jobId);
  }
}

/**
 * Nothing stays half done after a restart: local jobs whose supervisor vanished are adopted or marked FAILED,
 * and recent jobs that ended without being settled (stage-out interrupted, an AWS stage-in cut short) are
 * finished here. Runs at most every few seconds per process.
 */
export async function reconcileIfDue(db: Db, everyMs = 5000): Promise<void> {
  const now = Date.now();
  if (inFlight.gpBatchLastReconcile && now - inFlight.gpBatchLastReconcile < everyMs) return;
  inFlight.gpBatchLastReconcile = now;
  await reconcileLocalJobs(db);
  await sweepUnsettled(db);
}

const SWEEP_WINDOW_MS = 7 * 24 * 3600 * 1000;

export async function sweepUnsettled(db: Db): Promise<number> {
  const rows = await db.testJob.findMany({
    where: { state: { in: ["SUCCEEDED", "FAILED", "STAGING"] }, createdAt: { gte: new Date(Date.now() - SWEEP_WINDOW_MS) }, events: { none: { kind: "settled" } } },
    select: { id: true, executor: true, state: true, supervisorPid: true, plan: true, events: { where: { kind: "state" }, orderBy: { id: "desc" }, take: 1, select: { data: true } } },
    take: 100,
  });
  let finished = 0;
  for (const job of rows) {
    inFlight.gpBatchStageOuts ??= new Set();
    if (inFlight.gpBatchStageOuts.has(job.id) || runningLocalJobs().has(job.id)) continue;
    if (job.supervisorPid && isAlive(job.supervisorPid) && job.executor === "local") continue;
    const plan = parsePlan(job.plan);
    if (job.state === "STAGING") {
      if (job.supervisorPid && isAlive(job.supervisorPid)) continue;
      await transition(db, job.id, "FAILED", "Stage-in was interrupted: the process staging this job stopped");
      await settle(db, job.id, "Nothing ran");
      finished++;
      continue;
    }
    if (plan.version !== 1) {
      await settle(db, job.id, "Nothing ran");
      continue;
    }
    let containerExitCode: number | null = null;
    try {
      const data = JSON.parse(job.events[0]?.data ?? "{}") as { containerExitCode?: number | null };
      containerExitCode = typeof data.containerExitCode === "number" ? data.containerExitCode : null;
    } catch {
      containerExitCode = null;
    }
    finished++;
    if (job.executor === "aws") void finishAwsJob(db, job.id, plan, containerExitCode);
    else {
      inFlight.gpBatchStageOuts.add(job.id);
      void finishLocalJob(db, job.id, plan, targetForPlan(plan), { exitCode: containerExitCode, cleanPrefix: true })
        .catch(() => undefined)
        .finally(() => inFlight.gpBatchStageOuts!.delete(job.id));
    }
  }
  return finished;
}

export async function cancelTestJob(db: Db, jobId: number, actor: Actor, factory?: ExecutorFactory): Promise<{ changed: boolean }> {
  const job = await db.testJob.findUnique({ where: { id: jobId }, select: { id: true, executor: true, externalId: true, state: true, plan: true } });
  if (!job) throw new SubmitError(`Test job ${jobId} does not exist`);
  if (TERMINAL_STATES.has(job.state)) return { changed: false };
  const reason = `Cancelled by ${actor.username}`;
  if (job.executor === "local") return { changed: await cancelLocalJob(db, jobId, reason) };
  if (job.externalId) {
    const executor = (factory ?? defaultExecutorFactory(db))("aws", parsePlan(job.plan));
    try {
      await executor.cancel(job.externalId, `${CANCEL_REASON} (GP Batch Admin, ${actor.username})`);
    } catch (error) {
      throw new SubmitError(`TerminateJob failed: ${describeAwsError(error)}`, jobId);
    }
  }
  return { changed: await transition(db, jobId, "FAILED", reason) };
}

/** The request a job was submitted with, for "resubmit". */
export function requestOf(planText: string): TestJobRequest | null {
  try {
    const plan = JSON.parse(planText) as { request?: TestJobRequest };
    return plan.request ?? null;
  } catch {
    return null;
  }
}

