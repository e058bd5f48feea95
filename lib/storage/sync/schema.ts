// The Sync page's start form: one zod schema shared by the form and the action; filters are written one per line.
import { z } from "zod";
import type { FilterRule } from "./filters";

export const startSyncSchema = z.object({
  source: z.string().trim().min(1, "Enter a local folder or a store location"),
  destination: z.string().trim().min(1, "Enter a local folder or a store location"),
  /** One rule per line, in order: "--exclude PATTERN" or "--include PATTERN" (the dashes are optional). */
  filters: z.string().default(""),
  delete: z.boolean().default(false),
  sizeOnly: z.boolean().default(false),
  dryRun: z.boolean().default(false),
});

export type StartSyncValues = z.output<typeof startSyncSchema>;

/** Parses filter lines; a pattern may be quoted ("*.tmp" or '*.tmp') to keep spaces at its ends. */
export function parseFilterLines(text: string): { rules: FilterRule[]; errors: string[] } {
  const rules: FilterRule[] = [];
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "") return;
    const m = /^(?:--)?(exclude|include)(?:\s+|=)(.+)$/.exec(line);
    if (!m) {
      errors.push(`Line ${index + 1}: expected "--exclude PATTERN" or "--include PATTERN", got "${line}"`);
      return;
    }
    let pattern = m[2]!.trim();
    if (pattern.length >= 2 && (pattern[0] === '"' || pattern[0] === "'") && pattern.at(-1) === pattern[0]) pattern = pattern.slice(1, -1);
    if (pattern === "") errors.push(`Line ${index + 1}: the pattern is empty`);
    else rules.push({ type: m[1] as FilterRule["type"], pattern });
  });
  return { rules, errors };
}
