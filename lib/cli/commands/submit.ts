// gp-batch submit --module NAME|LSID [--version V] [--param NAME=VALUE]... [--input FILE]... [--user ID]
//   [--executor local|aws] [--dry-run] [--wait] [--json]
// --dry-run prints the plan (with --json, an object that includes the exact SubmitJob input as submitJobInput);
// otherwise prints the job id; --wait follows the states and exits with the job's exit code.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getDb, type Db } from "../../db";
import { isSettled } from "../../executors/job-events";
import type { TestJobPlan } from "../../executors/plan";
import { PlanError, type TestJobRequest } from "../../executors/plan-test-job";
import { defaultExecutorFactory, planDryRun, reconcileIfDue, refreshAwsJobs, SubmitError, submitTestJob } from "../../executors/submit-test-job";
import { LocalExecutor } from "../../executors/local/local-executor";
import { parseCliArgs, parseKeyValues, UsageError, type CliIo, type Command } from "../command";

const DEFAULT_USER = "admin";

export const command: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, {
    module: { type: "string" },
    version: { type: "string" },
    param: { type: "string", multiple: true },
    input: { type: "string", multiple: true },
    user: { type: "string" },
    executor: { type: "string" },
    "dry-run": { type: "boolean" },
    wait: { type: "boolean" },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (!values.module) throw new UsageError("--module NAME|LSID is required");
  if (values.executor !== undefined && values.executor !== "local" && values.executor !== "aws") {
    throw new UsageError(`--executor must be local or aws, got '${values.executor}'`);
  }
  if (values["dry-run"] && values.wait) throw new UsageError("--dry-run and --wait cannot be combined");
  const request: TestJobRequest = {
    module: values.module,
    version: values.version,
    userId: values.user ?? DEFAULT_USER,
    params: parseKeyValues(values.param, "--param"),
    inputs: (values.input ?? []).map((p) => ({ path: path.resolve(p) })),
    executor: values.executor as "local" | "aws" | undefined,
  };

  const db = getDb();
  try {
    if (values["dry-run"]) {
      const plan = await planDryRun(db, request);
      io.out(values.json ? `${JSON.stringify(planJson(plan), null, 2)}\n` : formatPlan(plan));
      return 0;
    }
    const wait = Boolean(values.wait);
    const launch = wait ? undefined : launchDetached;
    const { jobId } = await submitTestJob(db, request, {
      actor: { id: null, username: `cli:${process.env.USER ?? "unknown"}` },
      executorFactory: (kind, plan) => (kind === "local" ? new LocalExecutor(db, { launch }) : defaultExecutorFactory(db)(kind, plan)),
    });
    if (!wait) {
      io.out(values.json ? `${JSON.stringify({ jobId })}\n` : `${jobId}\n`);
      return 0;
    }
    if (!values.json) io.out(`${jobId}\n`);
    return await follow(db, jobId, io, Boolean(values.json));
  } catch (error) {
    if (error instanceof PlanError || error instanceof SubmitError) {
      const where = error instanceof SubmitError && error.jobId ? ` (test job ${error.jobId} is FAILED)` : "";
      io.err(`gp-batch submit: ${error.message}${where}\n`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
};

/** The dry-run object: everything the plan shows, with the exact request as submitJobInput. */
export function planJson(plan: TestJobPlan) {
  return {
    executor: plan.executor,
    module: plan.module,
    userId: plan.userId,
    groups: plan.groups,
    params: plan.params,
    argv: plan.argv,
    workDir: plan.layout.workDir,
    metaDir: plan.layout.metaDir,
    s3Root: plan.s3Root,
    store: plan.storeDescription,
    localPrefix: plan.localPrefix,
    s3Keys: plan.s3Keys,
    execScript: plan.execScript,
    pullScript: plan.pullScript,
    timeoutSec: plan.timeoutSec,
    settings: plan.settings,
    notes: plan.notes,
    submitJobInput: plan.submitJobInput,
  };
}

function formatPlan(plan: TestJobPlan): string {
  const lines = [
    `module      ${plan.module.name} ${plan.module.version ?? ""} (${plan.module.lsid})`,
    `user        ${plan.userId}${plan.groups.length ? ` (groups: ${plan.groups.join(", ")})` : ""}`,
    `executor    ${plan.executor}`,
    `argv        ${JSON.stringify(plan.argv)}`,
    `work dir    ${plan.layout.workDir}`,
    `meta dir    ${plan.layout.metaDir}`,
    `store       ${plan.storeDescription}`,
    "",
    "settings:",
    ...Object.entries(plan.settings).map(([k, v]) => `  ${k} = ${v.value ?? "(unset)"}${v.source ? `   [${v.source}]` : ""}`),
    "",
    "S3 keys:",
    ...plan.s3Keys.map((k) => `  ${k.role.padEnd(16)} ${k.uri}`),
    "",
    "exec.sh:",
    ...plan.execScript.trimEnd().split("\n").map((l) => `  ${l}`),
    "",
    "SubmitJob input:",
    ...JSON.stringify(plan.submitJobInput, null, 2).split("\n").map((l) => `  ${l}`),
  ];
  if (plan.notes.length) lines.push("", "notes:", ...plan.notes.map((n) => `  - ${n}`));
  return `${lines.join("\n")}\n`;
}

/** Starts the job's supervisor as a detached process, so it outlives this command. */
function launchDetached(testJobId: number) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const root = path.resolve(here, "../../..");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "lib/executors/local/supervise-main.ts"), String(testJobId)], {
    cwd: root,
    detached: true,
    stdio: "ignore",
    env: process.env,
  });
  // The row names its supervisor now, so nobody takes the job for an orphan while the helper starts.
  if (child.pid) void getDb().testJob.update({ where: { id: testJobId }, data: { supervisorPid: child.pid } });
  child.unref();
}

async function follow(db: Db, jobId: number, io: CliIo, json: boolean): Promise<number> {
  let seen = 0;
  const started = Date.now();
  for (;;) {
    const job = await db.testJob.findUniqueOrThrow({ where: { id: jobId }, include: { events: { orderBy: { id: "asc" } } } });
    const states = job.events.filter((e) => e.kind === "state");
    if (!json) {
      for (const e of states.slice(seen)) io.out(`${e.at.toISOString()}  ${(e.state ?? "").padEnd(9)}  ${e.reason ?? ""}\n`);
    }
    seen = states.length;
    const terminal = job.state === "SUCCEEDED" || job.state === "FAILED";
    if (terminal && isSettled(job.events)) {
      const exitCode = job.exitCode ?? (job.state === "SUCCEEDED" ? 0 : 1);
      if (json) {
        io.out(`${JSON.stringify({ jobId, state: job.state, statusReason: job.statusReason, exitCode: job.exitCode, events: job.events.map((e) => ({ at: e.at, kind: e.kind, state: e.state, reason: e.reason })) }, null, 2)}\n`);
      } else {
        io.out(`exit code ${job.exitCode ?? "(none)"}\n`);
      }
      return Math.min(Math.max(exitCode, 0), 255) || (job.state === "FAILED" ? 1 : 0);
    }
    if (job.executor === "aws") {
      const { error } = await refreshAwsJobs(db, [jobId]);
      if (error) io.err(`gp-batch submit: ${error} (retrying)\n`);
    } else {
      await reconcileIfDue(db);
    }
    // GP's dynamic delay, roughly: poll fast at first, then back off.
    const elapsed = Date.now() - started;
    await new Promise((r) => setTimeout(r, job.executor === "aws" ? (elapsed < 120_000 ? 2000 : 10_000) : 200));
  }
}

