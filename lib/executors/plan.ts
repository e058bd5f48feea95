// The plan of a test job, stored as JSON on its row: everything needed to stage, submit, run and stage out,
// and everything shown to the admin before submitting (argv, S3 keys, exec.sh, pull script, SubmitJob input).
import type { JobLayout, StagedItem } from "./staging";
import type { ExecutorKind, SubmitJobInput } from "./types";

export type PlanSetting = { value: string | number | null; source: string | null };

export type TestJobPlan = {
  version: 1;
  executor: ExecutorKind;
  module: { name: string; lsid: string; version: string | null; taskLibDir: string };
  userId: string;
  groups: string[];
  params: Record<string, string | string[]>;
  argv: string[];
  layout: JobLayout;
  s3Root: string;
  /** e.g. "file:/…/bucket/gp-demo-bucket" for the embedded store, "s3://bucket" on AWS. */
  storeDescription: string;
  /** GP_LOCAL_PREFIX: where the job's files live while it runs (the container's /local, here a folder). */
  localPrefix: string;
  stagedItems: StagedItem[];
  /** Every S3 location written or read, as `<aws-s3-root><path>`. */
  s3Keys: { role: string; path: string; uri: string }[];
  execScript: string;
  /** job.logFile (default .rte.out): written in the working dir with the argv before the submit. */
  logFile?: string;
  pullScript: string;
  submitJobInput: SubmitJobInput;
  timeoutSec: number;
  settings: Record<string, PlanSetting>;
  notes: string[];
  /** Input files uploaded through the browser or named by the CLI: source path → staged path. */
  inputs: { param: string; source: string; path: string }[];
};

export function parsePlan(text: string): TestJobPlan {
  return JSON.parse(text) as TestJobPlan;
}
