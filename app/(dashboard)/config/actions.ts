"use server";
// Server actions of the Config page. Each goes through defineAction (session, role, zod input).
import { z } from "zod";
import { defineAction } from "@/app/_server/safe-action";
import {
  getConfigHash,
  getConfigRevision,
  getCurrentConfig,
  previewConfigSave,
  reloadGpServer,
  restoreConfigRevision,
  saveConfigText,
  validateConfigText,
} from "@/lib/data/config";
import { ActionError } from "@/lib/errors";

const textSchema = z.string().max(10 * 1024 * 1024, "The config may be at most 10 MB.");
const hashSchema = z.string().regex(/^[0-9a-f]{64}$/).nullable();
const reasonSchema = z.string().trim().min(1, "Give a one-line reason.").max(500).regex(/^[^\r\n]*$/, "One line only.");

export const validateConfigAction = defineAction({ permission: "read", schema: z.object({ text: textSchema }) }, async ({ text }, ctx) =>
  validateConfigText(ctx, text),
);

export const previewSaveAction = defineAction(
  { permission: "config.write", schema: z.object({ text: textSchema, baseText: textSchema, baseHash: hashSchema }) },
  async (input, ctx) => previewConfigSave(ctx, input),
);

export const saveConfigAction = defineAction(
  {
    permission: "config.write",
    schema: z.object({ text: textSchema, baseHash: hashSchema, reason: reasonSchema, confirmWarnings: z.boolean(), reload: z.boolean() }),
  },
  async (input, ctx) => saveConfigText(ctx, input),
);

export const configHashAction = defineAction({ permission: "read", schema: z.object({}) }, async (_input, ctx) => getConfigHash(ctx));

export const currentConfigAction = defineAction({ permission: "read", schema: z.object({}) }, async (_input, ctx) => getCurrentConfig(ctx));

export const revisionAction = defineAction({ permission: "read", schema: z.object({ id: z.number().int().positive() }) }, async ({ id }, ctx) => {
  const revision = await getConfigRevision(ctx, id);
  if (!revision) throw new ActionError("not_found", `Revision #${id} does not exist.`);
  return revision;
});

export const restoreRevisionAction = defineAction(
  {
    permission: "config.write",
    schema: z.object({ revisionId: z.number().int().positive(), baseHash: hashSchema, reason: reasonSchema, confirmWarnings: z.boolean() }),
  },
  async (input, ctx) => restoreConfigRevision(ctx, input),
);

export const reloadGpAction = defineAction({ permission: "config.write", schema: z.object({}) }, async (_input, ctx) => reloadGpServer(ctx));
