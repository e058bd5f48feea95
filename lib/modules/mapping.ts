// The mapping form as config edits: which module.properties keys to write for the selected versions (name, base LSID
// or exact version level) and which properties, and the executor.properties bundle form. Edits go through the config
// engine's comment-preserving edit helpers; saving is the data layer's job (saveConfig).
import { z } from "zod";
import { deleteProperty, setProperties } from "../config/edit";
import { tryParseMemory } from "../config/memory";
import { tryParseWalltime } from "../config/walltime";
import { MAPPING_FIELDS, mappingFieldNames, type MappingField, type MappingLevel } from "./mapping-fields";

export { MAPPING_FIELDS, MAPPING_LEVELS, mappingFieldNames, type MappingField, type MappingLevel } from "./mapping-fields";

const optionalText = z
  .string()
  .trim()
  .max(500)
  .optional()
  .transform((v) => (v ? v : undefined));

const valuesShape = {
  bundle: optionalText,
  jobDefinition: optionalText.refine((v) => !v || /^[A-Za-z0-9_-]{1,128}$/.test(v), "Letters, digits, - and _ only (up to 128)"),
  jobDefinitionRevision: optionalText.refine((v) => !v || /^[1-9]\d*$/.test(v), "A revision is a positive whole number"),
  image: optionalText.refine((v) => !v || !/\s/.test(v), "An image reference has no spaces"),
  queue: optionalText.refine((v) => !v || /^[A-Za-z0-9_:/.-]+$/.test(v), "A queue name or ARN has no spaces"),
  memory: optionalText.refine((v) => !v || tryParseMemory(v) !== null, 'Use GP memory syntax, e.g. "4 Gb" or "512mb"'),
  cpu: optionalText.refine((v) => !v || (/^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 256), "A whole number from 1 to 256"),
  walltime: optionalText.refine((v) => !v || tryParseWalltime(v) !== null, 'Use [D-]HH:MM:SS, e.g. "02:00:00"'),
};
type Values = { [K in MappingField]?: string } & { jobDefinitionRevision?: string; clear?: MappingField[] };

const revisionNeedsName = (m: Values) => !m.jobDefinitionRevision || Boolean(m.jobDefinition);
const setsSomething = (m: Values) => mappingFieldNames.some((f) => m[f] !== undefined) || (m.clear?.length ?? 0) > 0;
const revisionMessage = { message: "A revision needs a job definition name", path: ["jobDefinitionRevision"] };
const somethingMessage = { message: "Set or clear at least one property", path: ["bundle"] };

/** The property values of a mapping or a range rule (empty fields are left out). */
export const mappingValuesSchema = z.object(valuesShape).refine(revisionNeedsName, revisionMessage).refine(setsSomething, somethingMessage);
export type MappingValues = z.output<typeof mappingValuesSchema>;

/** One schema for the form and the action; empty fields leave the key as it is, `clear` removes keys. */
export const mappingSchema = z
  .object({
    ...valuesShape,
    versionIds: z.array(z.coerce.number().int().positive()).min(1, "Select at least one module").max(5_000),
    level: z.enum(["name", "base", "exact"]),
    clear: z.array(z.enum(mappingFieldNames as [MappingField, ...MappingField[]])).default([]),
  })
  .refine(revisionNeedsName, revisionMessage)
  .refine(setsSomething, somethingMessage);
export type MappingInput = z.input<typeof mappingSchema>;
export type Mapping = z.output<typeof mappingSchema>;

export type MappingTarget = { name: string; baseLsid: string; lsid: string };

/** module.properties keys for the selection at the chosen level, de-duplicated, in selection order. */
export function mappingKeys(targets: MappingTarget[], level: MappingLevel): string[] {
  const keys = targets.map((t) => (level === "name" ? t.name : level === "base" ? t.baseLsid : t.lsid));
  return [...new Set(keys)];
}

/** The properties the mapping sets (GP keys → values); the job definition carries its optional `:revision`. */
export function mappingProps(m: MappingValues): Record<string, string> {
  const props: Record<string, string> = {};
  for (const field of mappingFieldNames) {
    const value = m[field];
    if (value === undefined) continue;
    props[MAPPING_FIELDS[field]] = field === "jobDefinition" && m.jobDefinitionRevision ? `${value}:${m.jobDefinitionRevision}` : value;
  }
  return props;
}

/** Applies the mapping to every key; cleared fields are deleted from each key's entry. */
export function applyMapping(text: string, keys: string[], m: Mapping): string {
  const props = mappingProps(m);
  let out = text;
  for (const key of keys) {
    if (Object.keys(props).length) out = setProperties(out, ["module.properties", key], props);
    for (const field of m.clear) {
      if (props[MAPPING_FIELDS[field]] === undefined) out = deleteProperty(out, ["module.properties", key, MAPPING_FIELDS[field]]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// executor.properties bundles (runtime environments)

export const bundleSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the runtime environment, e.g. python/3.6")
    .max(100)
    .regex(/^[^\s#]+$/, "No spaces or #"),
  props: z
    .array(z.object({ key: z.string().trim().min(1, "Property name required").max(200), value: z.string().max(2_000) }))
    .min(1, "A runtime environment sets at least one property")
    .max(200)
    .refine((rows) => new Set(rows.map((r) => r.key)).size === rows.length, "Each property once"),
  /** Keys of the existing bundle to remove. */
  remove: z.array(z.string()).default([]),
});

export function applyBundle(text: string, input: z.output<typeof bundleSchema>): string {
  const props: Record<string, string> = {};
  for (const row of input.props) props[row.key] = row.value;
  let out = setProperties(text, ["executor.properties", input.name], props);
  for (const key of input.remove) if (props[key] === undefined) out = deleteProperty(out, ["executor.properties", input.name, key]);
  return out;
}
