"use server";
// Release-channel actions: pin a candidate, run its test job, promote to production, roll back.
import { revalidatePath } from "next/cache";
import { defineAction } from "@/app/_server/safe-action";
import { promoteCandidate, removePin, rollbackProduction, runCandidateTest, setPin } from "@/lib/data/environments";
import { promoteSchema, removePinSchema, runCandidateTestSchema, setPinSchema } from "@/lib/environments/action-schemas";

export const setPinAction = defineAction({ permission: "environments.write", schema: setPinSchema }, async (input, ctx) => {
  const id = await setPin(ctx, input);
  revalidatePath("/environments");
  revalidatePath("/jobdefs", "layout");
  return { id };
});

export const removePinAction = defineAction({ permission: "environments.write", schema: removePinSchema }, async (input, ctx) => {
  await removePin(ctx, input);
  revalidatePath("/environments");
  return { removed: true };
});

export const runCandidateTestAction = defineAction({ permission: "jobs.submit", schema: runCandidateTestSchema }, async (input, ctx) => {
  const out = await runCandidateTest(ctx, input);
  revalidatePath("/environments");
  return out;
});

export const promoteAction = defineAction({ permission: "environments.write", schema: promoteSchema }, async (input, ctx) => {
  const out = await promoteCandidate(ctx, input);
  revalidatePath("/environments");
  revalidatePath("/jobdefs", "layout");
  return out;
});

// No revalidation here: refreshing would remove the rolled-back row and its diff while the admin reads it; the
// pages are dynamic, so the next load shows the new state.
export const rollbackAction = defineAction({ permission: "environments.write", schema: promoteSchema }, async (input, ctx) =>
  rollbackProduction(ctx, input),
);
