// The wizard's input schema and token-line parser: shared by the browser form and the server action (zod only).
import { z } from "zod";

const refPattern = /^[A-Za-z0-9][A-Za-z0-9_-]*:\d+$/;

export const wizardSchema = z.object({
  bundle: z.string().trim().min(1, "Name the runtime environment, e.g. python/3.6").max(200).regex(/^[^\s:#]+$/, "No spaces, colons or #"),
  image: z.string().trim().min(1, "Give the container image").max(500),
  jobDefinition: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("existing"), ref: z.string().trim().regex(refPattern, "Use name:revision") }),
    z.object({
      mode: z.literal("new"),
      template: z.string().trim().regex(refPattern, "Use name:revision"),
      name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/, "Letters, digits, - and _ only"),
    }),
  ]),
  /** Substitution tokens for the bundle, e.g. { "python_3.6": "python3" }. */
  tokens: z.record(z.string().trim().min(1), z.string()).default({}),
  association: z.discriminatedUnion("by", [
    z.object({ by: z.literal("name"), key: z.string().trim().min(1, "Module name") }),
    z.object({ by: z.literal("lsid"), key: z.string().trim().startsWith("urn:lsid:", "An LSID starts with urn:lsid:") }),
    z.object({ by: z.literal("range"), key: z.string().trim().startsWith("urn:lsid:", "A base LSID starts with urn:lsid:"), range: z.string().trim().min(1, "e.g. >=1 <3") }),
  ]),
  reason: z.string().trim().max(500).default(""),
});
export type WizardInput = z.infer<typeof wizardSchema>;

/** Parses `key: value` lines (the token textarea); blank lines and # comments are ignored. */
export function parseTokenLines(text: string): { tokens: Record<string, string>; errors: string[] } {
  const tokens: Record<string, string> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const colon = line.indexOf(":");
    if (colon <= 0) {
      errors.push(`line ${i + 1}: expected key: value`);
      return;
    }
    tokens[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  });
  return { tokens, errors };
}
