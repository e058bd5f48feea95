// Audit log reads for the Audit page: filtered, newest first, paginated on the server.
import "server-only";
import { assertCan } from "../auth/roles";
import { auditDateRange, type AuditQuery } from "../audit/filters";
import type { DataContext } from "./context";

export type AuditRow = {
  id: number;
  at: Date;
  actorName: string;
  action: string;
  target: string;
  before: string | null;
  after: string | null;
  diff: string | null;
  reason: string | null;
};

export type AuditPage = { events: AuditRow[]; total: number; page: number; pageSize: number; pageCount: number };

export async function listAuditEvents(ctx: DataContext, filters: AuditQuery): Promise<AuditPage> {
  assertCan(ctx.user, "read");
  const at = auditDateRange(filters);
  const where = {
    ...(filters.actor ? { actorName: { contains: filters.actor } } : {}),
    ...(filters.action ? { action: { startsWith: filters.action } } : {}),
    ...(filters.target ? { target: { contains: filters.target } } : {}),
    ...(at.gte || at.lt ? { at } : {}),
  };
  const [total, events] = await Promise.all([
    ctx.db.auditEvent.count({ where }),
    ctx.db.auditEvent.findMany({
      where,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      select: { id: true, at: true, actorName: true, action: true, target: true, before: true, after: true, diff: true, reason: true },
    }),
  ]);
  return { events, total, page: filters.page, pageSize: filters.pageSize, pageCount: Math.max(1, Math.ceil(total / filters.pageSize)) };
}

/** Distinct action names, for the filter's suggestions. */
export async function listAuditActions(ctx: DataContext): Promise<string[]> {
  assertCan(ctx.user, "read");
  const rows = await ctx.db.auditEvent.findMany({ distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } });
  return rows.map((r) => r.action);
}
