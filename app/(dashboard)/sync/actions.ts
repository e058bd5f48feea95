"use server";
// Sync page actions: start a sync (or a dry-run plan) and cancel a running one.
import { z } from "zod";
import { defineAction } from "@/app/_server/safe-action";
import { cancelSync, startSync } from "@/lib/data/sync";
import { startSyncSchema } from "@/lib/storage/sync/schema";

export const startSyncAction = defineAction({ permission: "sync.run", schema: startSyncSchema }, async (input, ctx) => startSync(ctx, input));

export const cancelSyncAction = defineAction({ permission: "sync.run", schema: z.object({ id: z.number().int().positive() }) }, async ({ id }, ctx) =>
  cancelSync(ctx, id),
);
