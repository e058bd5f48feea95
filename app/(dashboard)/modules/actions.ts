"use server";
// Module actions: mapping form, runtime environments (executor.properties bundles), version-range rules, imports.
// Previews never write; saves go through saveConfig (validated, audited, revisioned) in lib/data/modules.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/app/_server/safe-action";
import {
  applyRangeRules,
  createRangeRule,
  deleteRangeRule,
  importModules,
  previewApplyRangeRules,
  previewBundle,
  previewMapping,
  previewRangeRule,
  saveBundle,
  saveMapping,
} from "@/lib/data/modules";
import { bundleSchema, mappingProps, mappingSchema, mappingValuesSchema } from "@/lib/modules/mapping";

const saveSchema = z.object({
  baseHash: z.string().min(1),
  reason: z.string().trim().min(1, "Give a one-line reason for this change").max(300),
  confirmWarnings: z.boolean().default(false),
});

function refresh() {
  revalidatePath("/modules", "layout");
  revalidatePath("/config");
}

export const previewMappingAction = defineAction({ permission: "modules.write", schema: mappingSchema }, async (input, ctx) => previewMapping(ctx, input));

export const saveMappingAction = defineAction(
  { permission: "modules.write", schema: z.object({ mapping: mappingSchema, save: saveSchema }) },
  async (input, ctx) => {
    const result = await saveMapping(ctx, input.mapping, input.save);
    if (result.ok) refresh();
    return result;
  },
);

export const previewBundleAction = defineAction({ permission: "modules.write", schema: bundleSchema }, async (input, ctx) => previewBundle(ctx, input));

export const saveBundleAction = defineAction(
  { permission: "modules.write", schema: z.object({ bundle: bundleSchema, save: saveSchema }) },
  async (input, ctx) => {
    const result = await saveBundle(ctx, input.bundle, input.save);
    if (result.ok) refresh();
    return result;
  },
);

const rangeRuleSchema = z.object({
  baseLsid: z.string().trim().min(1, "Choose a module"),
  range: z.string().trim().min(1, "Give a version range, e.g. >=2 <3 or 2.x").max(100),
  values: mappingValuesSchema,
});

export const previewRangeRuleAction = defineAction({ permission: "modules.write", schema: rangeRuleSchema }, async (input, ctx) =>
  previewRangeRule(ctx, { baseLsid: input.baseLsid, range: input.range, props: mappingProps(input.values) }),
);

export const createRangeRuleAction = defineAction(
  { permission: "modules.write", schema: z.object({ rule: rangeRuleSchema, save: saveSchema }) },
  async (input, ctx) => {
    const result = await createRangeRule(ctx, { baseLsid: input.rule.baseLsid, range: input.rule.range, props: mappingProps(input.rule.values) }, input.save);
    if (result.ok) refresh();
    return result;
  },
);

export const deleteRangeRuleAction = defineAction(
  { permission: "modules.write", schema: z.object({ id: z.number().int().positive(), save: saveSchema }) },
  async (input, ctx) => {
    const result = await deleteRangeRule(ctx, input.id, input.save);
    if (result.ok) refresh();
    return result;
  },
);

export const previewApplyRangeRulesAction = defineAction({ permission: "modules.write", schema: z.object({}) }, async (_input, ctx) => previewApplyRangeRules(ctx));

export const applyRangeRulesAction = defineAction({ permission: "modules.write", schema: z.object({ save: saveSchema }) }, async (input, ctx) => {
  const result = await applyRangeRules(ctx, input.save);
  if (result.ok) refresh();
  return result;
});

const importSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("taskLib"), dir: z.string().trim().min(1, "Give the taskLib folder on this machine"), reason: z.string().trim().max(300).optional() }),
  z.object({
    kind: z.literal("gp"),
    url: z.string().trim().min(1, "Give the GP server URL"),
    user: z.string().trim().max(200).optional(),
    password: z.string().max(500).optional(),
    reason: z.string().trim().max(300).optional(),
  }),
]);

/** Folder and GP-server imports (uploads go to the /modules/import/upload route: actions cap bodies at 1 MB). */
export const importModulesAction = defineAction({ permission: "modules.write", schema: importSchema }, async (input, ctx) => {
  const source =
    input.kind === "taskLib"
      ? { kind: "taskLib" as const, dir: input.dir }
      : { kind: "gp" as const, url: input.url, user: input.user || undefined, password: input.password || undefined };
  const outcome = await importModules(ctx, source, input.reason || undefined);
  refresh();
  return outcome;
});
