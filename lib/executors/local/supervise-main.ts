// Entry point of a detached supervisor for one local job (used by `gp-batch submit` without --wait, so the job
// keeps running after the command returns): node --import tsx supervise-main.ts JOB_ID
import { getDb } from "../../db";
import { runLocalJob } from "./run-local-job";

const jobId = Number(process.argv[2]);
if (!Number.isInteger(jobId) || jobId <= 0) {
  process.stderr.write("usage: supervise-main.ts JOB_ID\n");
  process.exit(2);
}
const db = getDb();
await runLocalJob(db, jobId);
await db.$disconnect();
