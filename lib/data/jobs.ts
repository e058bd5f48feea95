// Test jobs for pages, actions and route handlers: permission checks, audit entries, and the executors' lib
// functions (plan, submit, cancel, refresh). Reads also keep running jobs honest (AWS refresh, orphan reconcile).
import "server-only";
import { assertCan } from "../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { ActionError } from "../errors";
import { batchClient, describeAwsError } from "../aws/clients";
import { AwsBatchExecutor } from "../executors/aws-batch/aws-batch-executor";
import { BATCH_STATES, type BatchState, type JobSummaryRow } from "../executors/types";
import { compareVersions } from "../lsid";
import { listCatalog } from "../modules/catalog";
import { parseManifest } from "../modules/manifest";
import { getTestJobStatus, jobFilterOptions, listTestJobs, type JobFilters, type JobStatus } from "../executors/job-queries";
import { PlanError, type TestJobRequest } from "../executors/plan-test-job";
import type { TestJobPlan } from "../executors/plan";
import { cancelTestJob, planDryRun, reconcileIfDue, refreshAwsJobs, requestOf, SubmitError, submitTestJob } from "../executors/submit-test-job";
import type { DataContext } from "./context";

export type { JobFilters, JobStatus, TestJobRequest, TestJobPlan };

export async function listJobs(ctx: DataContext, filters: JobFilters, cursor: string | null, pageSize = 50) {
  assertCan(ctx.user, "read");
  await reconcileIfDue(ctx.db);
  return listTestJobs(ctx.db, filters, { cursor, pageSize });
}

export async function getJobFilterOptions(ctx: DataContext) {
  assertCan(ctx.user, "read");
  return jobFilterOptions(ctx.db);
}

const lastAwsRefresh = new Map<number, number>();

/** One job's live status; an AWS job is refreshed from DescribeJobs at most every 3 s. */
export async function getJobStatus(ctx: DataContext, id: number): Promise<(JobStatus & { refreshError: string | null }) | null> {
  assertCan(ctx.user, "read");
  let refreshError: string | null = null;
  const row = await ctx.db.testJob.findUnique({ where: { id }, select: { executor: true, state: true } });
  if (!row) return null;
  if (row.executor === "aws" && row.state !== "SUCCEEDED" && row.state !== "FAILED") {
    const now = Date.now();
    if (now - (lastAwsRefresh.get(id) ?? 0) > 3000) {
      lastAwsRefresh.set(id, now);
      refreshError = (await refreshAwsJobs(ctx.db, [id])).error;
    }
  }
  await reconcileIfDue(ctx.db);
  const status = await getTestJobStatus(ctx.db, id);
  return status ? { ...status, refreshError } : null;
}

export async function getJobPlan(ctx: DataContext, id: number): Promise<{ plan: TestJobPlan | null; request: TestJobRequest | null } | null> {
  assertCan(ctx.user, "read");
  const row = await ctx.db.testJob.findUnique({ where: { id }, select: { plan: true } });
  if (!row) return null;
  let plan: TestJobPlan | null = null;
  try {
    const parsed = JSON.parse(row.plan) as TestJobPlan;
    plan = parsed.version === 1 ? parsed : null;
  } catch {
    plan = null;
  }
  return { plan, request: requestOf(row.plan) };
}

export type SubmitParam = {
  name: string;
  type: string;
  optional: boolean;
  defaultValue: string | null;
  description: string | null;
  choices: { value: string; label: string }[] | null;
  isFile: boolean;
  multiple: boolean;
};

export type SubmittableVersion = { id: number; version: string; lsid: string; params: SubmitParam[] };
export type SubmittableModule = { name: string; versions: SubmittableVersion[] };

/** Catalog modules with their parameters, for the submit form. */
export async function listSubmittableModules(ctx: DataContext): Promise<SubmittableModule[]> {
  assertCan(ctx.user, "jobs.submit");
  const versions = await listCatalog(ctx.db);
  const manifests = await ctx.db.moduleVersion.findMany({ where: { id: { in: versions.map((v) => v.id) } }, select: { id: true, manifest: true } });
  const manifestOf = new Map(manifests.map((m) => [m.id, m.manifest]));
  const byName = new Map<string, SubmittableVersion[]>();
  for (const v of versions) {
    let params: SubmitParam[] = [];
    try {
      params = parseManifest(manifestOf.get(v.id) ?? "").params.map((p) => ({
        name: p.name,
        type: p.type,
        optional: p.optional,
        defaultValue: p.defaultValue ?? null,
        description: p.description ?? null,
        choices: p.choices ?? null,
        isFile: p.isInputFile || p.type.toUpperCase() === "FILE",
        multiple: p.maxValues === null || p.maxValues > 1,
      }));
    } catch {
      params = [];
    }
    const list = byName.get(v.name) ?? [];
    list.push({ id: v.id, version: v.version, lsid: v.lsid, params });
    byName.set(v.name, list);
  }
  const newestFirst = (a: SubmittableVersion, b: SubmittableVersion) => {
    try {
      return compareVersions(a.version, b.version);
    } catch {
      return b.version.localeCompare(a.version);
    }
  };
  return [...byName.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, vs]) => ({ name, versions: [...vs].sort(newestFirst) }));
}

function asActionError(error: unknown): never {
  if (error instanceof PlanError) throw new ActionError(error.code === "not_found" ? "not_found" : "invalid", error.message, error.fieldErrors);
  if (error instanceof SubmitError) throw new ActionError("submit_failed", error.message);
  throw error;
}

export async function planJob(ctx: DataContext, request: TestJobRequest): Promise<TestJobPlan> {
  assertCan(ctx.user, "jobs.submit");
  try {
    return await planDryRun(ctx.db, request);
  } catch (error) {
    return asActionError(error);
  }
}

/** Submits (stage-in included). A failure after the job exists still returns its id: the job page shows why. */
export async function submitJob(ctx: DataContext, request: TestJobRequest, idempotencyKey: string): Promise<{ jobId: number; duplicate: boolean; error: string | null }> {
  assertCan(ctx.user, "jobs.submit");
  try {
    const result = await submitTestJob(ctx.db, request, { actor: ctx.user, idempotencyKey, background: true });
    if (!result.duplicate) {
      await recordAudit(ctx.db, { actor: ctx.user, action: "job.submit", target: `job:${result.jobId}`, after: { request, executor: result.plan?.executor, submitJobInput: result.plan?.submitJobInput } });
    }
    return { jobId: result.jobId, duplicate: result.duplicate, error: null };
  } catch (error) {
    if (error instanceof SubmitError && error.jobId) {
      await recordAudit(ctx.db, { actor: ctx.user, action: "job.submit", target: `job:${error.jobId}`, after: { request }, reason: `failed: ${error.message}` });
      return { jobId: error.jobId, duplicate: false, error: error.message };
    }
    return asActionError(error);
  }
}

export async function cancelJob(ctx: DataContext, id: number): Promise<{ changed: boolean }> {
  assertCan(ctx.user, "jobs.cancel");
  try {
    const result = await cancelTestJob(ctx.db, id, ctx.user);
    if (result.changed) await recordAudit(ctx.db, { actor: ctx.user, action: "job.cancel", target: `job:${id}` });
    return result;
  } catch (error) {
    return asActionError(error);
  }
}

export async function resubmitJob(ctx: DataContext, id: number, idempotencyKey: string) {
  assertCan(ctx.user, "jobs.submit");
  const row = await ctx.db.testJob.findUnique({ where: { id }, select: { plan: true } });
  if (!row) throw new ActionError("not_found", `Test job ${id} does not exist`);
  const request = requestOf(row.plan);
  if (!request) throw new ActionError("invalid", `Test job ${id} has no recorded request to submit again`);
  return submitJob(ctx, request, idempotencyKey);
}

export type BatchQueueRow = JobSummaryRow & { testJobId: number | null };

/** Every Batch job of one queue in one state (ListJobs, all pages), marking the ones submitted from here. */
export async function listBatchQueueJobs(ctx: DataContext, queue: string, status: string): Promise<{ rows: BatchQueueRow[]; error: string | null }> {
  assertCan(ctx.user, "read");
  if (!(BATCH_STATES as readonly string[]).includes(status)) throw new ActionError("invalid", `Unknown Batch status '${status}'`);
  let rows: JobSummaryRow[];
  try {
    rows = await new AwsBatchExecutor(batchClient()).list(queue, status as BatchState);
  } catch (error) {
    return { rows: [], error: `ListJobs failed: ${describeAwsError(error)}` };
  }
  const ours = await ctx.db.testJob.findMany({ where: { executor: "aws", externalId: { in: rows.map((r) => r.jobId) } }, select: { id: true, externalId: true } });
  const byExternal = new Map(ours.map((o) => [o.externalId, o.id]));
  return { rows: rows.map((r) => ({ ...r, testJobId: byExternal.get(r.jobId) ?? null })), error: null };
}
