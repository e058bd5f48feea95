// Audit list filters, parsed from the page's search params (shared by the page, the data layer and tests).
import { z } from "zod";

const text = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));
const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) ? v : undefined));

export const auditFiltersSchema = z.object({
  actor: text,
  action: text,
  target: text,
  from: day,
  to: day,
  page: z.coerce.number().int().min(1).catch(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).catch(50).default(50),
});
export type AuditFilters = z.output<typeof auditFiltersSchema>;
/** What the data layer accepts: every filter optional. */
export type AuditQuery = Partial<Omit<AuditFilters, "page" | "pageSize">> & { page: number; pageSize: number };

/** Search params may repeat a key; the first value wins. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): AuditFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return auditFiltersSchema.parse(flat);
}

/** from/to are whole UTC days, both inclusive. */
export function auditDateRange(filters: Pick<AuditQuery, "from" | "to">): { gte?: Date; lt?: Date } {
  const range: { gte?: Date; lt?: Date } = {};
  if (filters.from) range.gte = new Date(`${filters.from}T00:00:00.000Z`);
  if (filters.to) range.lt = new Date(new Date(`${filters.to}T00:00:00.000Z`).getTime() + 86_400_000);
  return range;
}
