// Stage-in and stage-out of a test job through the object store, as GP does around a Batch job (reference §5.3,
// §5.6): inputs, taskLib, wrapper scripts, the meta dir and the working dir go up before the submit; afterwards the
// meta dir comes back first (stdout, stderr, exit_code.txt), then the working dir with the outputs.
import fs from "node:fs";
import type { Db } from "../db";
import { storeForRoot } from "../storage/store-for-uri";
import { progressRecorder, type StageKind } from "./job-events";
import type { TestJobPlan } from "./plan";
import { parseExitCodeFile } from "./staging";
import { transferSteps, type TransferResult, type TransferStep, type TransferTarget } from "./stage-transfer";

export function targetForPlan(plan: Pick<TestJobPlan, "s3Root" | "executor">): TransferTarget {
  const { store } = storeForRoot(plan.s3Root, { embedded: plan.executor === "local" });
  return { store, s3Root: plan.s3Root };
}

export function stageInSteps(plan: TestJobPlan): TransferStep[] {
  const steps: TransferStep[] = plan.stagedItems.map((item) => ({
    label: item.role === "input" ? `input ${item.path}` : `${item.role} ${item.path}`,
    direction: "push",
    gpPath: item.path,
    localPath: item.path,
    kind: item.kind,
    optional: item.role === "wrapper-scripts",
  }));
  steps.push({ label: "meta dir", direction: "push", gpPath: plan.layout.metaDir, localPath: plan.layout.metaDir, kind: "dir" });
  steps.push({ label: "working dir", direction: "push", gpPath: plan.layout.workDir, localPath: plan.layout.workDir, kind: "dir" });
  return steps;
}

export function stageOutSteps(plan: TestJobPlan): TransferStep[] {
  return [
    { label: "meta dir", direction: "pull", gpPath: plan.layout.metaDir, localPath: plan.layout.metaDir, kind: "dir" },
    { label: "working dir", direction: "pull", gpPath: plan.layout.workDir, localPath: plan.layout.workDir, kind: "dir" },
  ];
}

async function runPhase(db: Db, jobId: number, kind: StageKind, target: TransferTarget, steps: TransferStep[], signal?: AbortSignal): Promise<TransferResult> {
  const recorder = progressRecorder(db, jobId, kind);
  try {
    const result = await transferSteps(target, steps, { onProgress: (p) => recorder.update(p), signal });
    await recorder.flush();
    return result;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recorder.update({ step: steps[0]?.label ?? kind, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rate: 0, done: true, error: message });
    await recorder.flush();
    throw error;
  }
}

export async function stageIn(db: Db, jobId: number, plan: TestJobPlan, target = targetForPlan(plan), signal?: AbortSignal) {
  return runPhase(db, jobId, "stage-in", target, stageInSteps(plan), signal);
}

export async function stageOut(db: Db, jobId: number, plan: TestJobPlan, target = targetForPlan(plan), signal?: AbortSignal) {
  return runPhase(db, jobId, "stage-out", target, stageOutSteps(plan), signal);
}

/** The module's exit code from `<meta>/exit_code.txt` after stage-out, or null. */
export async function readExitCodeFile(plan: Pick<TestJobPlan, "layout">): Promise<number | null> {
  const text = await fs.promises.readFile(plan.layout.exitCodeFile, "utf8").catch(() => null);
  return parseExitCodeFile(text);
}
