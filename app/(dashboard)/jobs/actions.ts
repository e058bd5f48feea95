"use server";
// Test-job actions: plan (dry run), submit, cancel, resubmit.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/app/_server/safe-action";
import { cancelJob, planJob, resubmitJob, submitJob } from "@/lib/data/jobs";
import { jobIdSchema, resubmitJobSchema, submitJobSchema, testJobRequestSchema } from "@/lib/executors/job-schemas";

export const planJobAction = defineAction({ permission: "jobs.submit", schema: testJobRequestSchema }, async (input, ctx) => planJob(ctx, input));

export const submitJobAction = defineAction({ permission: "jobs.submit", schema: submitJobSchema }, async (input, ctx) => {
  const result = await submitJob(ctx, input.request, input.idempotencyKey);
  revalidatePath("/jobs");
  return result;
});

export const cancelJobAction = defineAction({ permission: "jobs.cancel", schema: jobIdSchema }, async (input, ctx) => {
  const result = await cancelJob(ctx, input.id);
  revalidatePath(`/jobs/${input.id}`);
  return result;
});

export const resubmitJobAction = defineAction({ permission: "jobs.submit", schema: resubmitJobSchema }, async (input, ctx) => {
  const result = await resubmitJob(ctx, input.id, input.idempotencyKey);
  revalidatePath("/jobs");
  return result;
});
