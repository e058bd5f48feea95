// The one audit writer: every mutation in the app calls recordAudit (who, when, what, before/after or diff, why).
import type { Db } from "../db";

export type AuditActor = { id: string | null; username: string };

export type AuditInput = {
  actor: AuditActor;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
  diff?: string;
  reason?: string;
};

/** Strings are stored as they are (config text, YAML); anything else as pretty JSON. */
export function serializeAuditValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return value;
  return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** Accepts the shared client or a transaction client, so an audit entry can commit together with its change. */
type AuditWriter = Pick<Db, "auditEvent">;

export async function recordAudit(db: AuditWriter, input: AuditInput): Promise<{ id: number }> {
  const reason = input.reason?.trim();
  return db.auditEvent.create({
    data: {
      actorId: input.actor.id,
      actorName: input.actor.username,
      action: input.action,
      target: input.target,
      before: serializeAuditValue(input.before),
      after: serializeAuditValue(input.after),
      diff: input.diff ?? null,
      reason: reason ? reason : null,
    },
    select: { id: true },
  });
}
