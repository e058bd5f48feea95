"use server";
// Job-definition mutations (jobdefs.write) and the read-only checks the register form runs before submitting.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/app/_server/safe-action";
import {
  applyJobDefinitionCleanup,
  applyWizard,
  previewWizard,
  deregisterJobDefinition,
  planJobDefinitionCleanup,
  previewRegistration,
  registerJobDefinition,
  restoreJobDefinitionBackup,
  restoreJobDefinitionSnapshot,
} from "@/lib/data/jobdefs";
import {
  cleanupJobDefinitionSchema,
  deregisterJobDefinitionSchema,
  previewRegistrationSchema,
  registerJobDefinitionSchema,
  restoreBackupSchema,
  restoreSnapshotSchema,
} from "@/lib/jobdefs/action-schemas";
import { wizardSchema } from "@/lib/jobdefs/wizard";

export const previewRegistrationAction = defineAction({ permission: "read", schema: previewRegistrationSchema }, async (input, ctx) =>
  previewRegistration(ctx, input),
);

export const registerJobDefinitionAction = defineAction({ permission: "jobdefs.write", schema: registerJobDefinitionSchema }, async (input, ctx) => {
  const outcome = await registerJobDefinition(ctx, input);
  revalidatePath("/jobdefs", "layout");
  return outcome;
});

export const deregisterJobDefinitionAction = defineAction({ permission: "jobdefs.write", schema: deregisterJobDefinitionSchema }, async (input, ctx) => {
  const out = await deregisterJobDefinition(ctx, input);
  revalidatePath("/jobdefs", "layout");
  return out;
});

export const planCleanupAction = defineAction({ permission: "read", schema: cleanupJobDefinitionSchema }, async (input, ctx) =>
  planJobDefinitionCleanup(ctx, input),
);

export const applyCleanupAction = defineAction({ permission: "jobdefs.write", schema: cleanupJobDefinitionSchema }, async (input, ctx) => {
  const plan = await applyJobDefinitionCleanup(ctx, { ...input, reason: input.reason || `keep the last ${input.keep} revisions ACTIVE` });
  revalidatePath("/jobdefs", "layout");
  return plan;
});

export const restoreSnapshotAction = defineAction({ permission: "jobdefs.write", schema: restoreSnapshotSchema }, async (input, ctx) => {
  const outcome = await restoreJobDefinitionSnapshot(ctx, input);
  revalidatePath("/jobdefs", "layout");
  return outcome;
});

export const restoreBackupAction = defineAction({ permission: "jobdefs.write", schema: restoreBackupSchema }, async (input, ctx) => {
  const items = await restoreJobDefinitionBackup(ctx, input);
  revalidatePath("/jobdefs", "layout");
  return items;
});

export const previewWizardAction = defineAction({ permission: "read", schema: wizardSchema }, async (input, ctx) => previewWizard(ctx, input));

export const applyWizardAction = defineAction(
  { permission: "jobdefs.write", schema: wizardSchema.extend({ baseHash: z.string().min(1), confirmWarnings: z.boolean().default(false) }) },
  async (input, ctx) => {
    const result = await applyWizard(ctx, input);
    revalidatePath("/jobdefs", "layout");
    return result;
  },
);
