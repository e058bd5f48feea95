// ConfigRevision rows: every saved version of a config file, full text, so any two can be diffed and any restored.
import type { Db } from "../db";

/** The shared client or a transaction client. */
type RevisionDb = Pick<Db, "configRevision">;

export type RevisionSummary = {
  id: number;
  path: string;
  hash: string;
  authorName: string;
  reason: string;
  createdAt: Date;
  restoredFrom: number | null;
};
export type Revision = RevisionSummary & { text: string };

/** Author names of revisions the dashboard did not write itself. */
export const BASELINE_AUTHOR = "(file on disk)";

const summarySelect = { id: true, path: true, hash: true, authorName: true, reason: true, createdAt: true, restoredFrom: true } as const;

/** Newest first, without the text.  `before` pages back from a revision id. */
export async function listRevisions(db: RevisionDb, path: string, opts: { take?: number; before?: number } = {}): Promise<RevisionSummary[]> {
  const rows = await db.configRevision.findMany({
    where: { path, ...(opts.before ? { id: { lt: opts.before } } : {}) },
    orderBy: { id: "desc" },
    take: opts.take ?? 100,
    select: summarySelect,
  });
  return rows;
}

export async function getRevision(db: RevisionDb, id: number): Promise<Revision | null> {
  const row = await db.configRevision.findUnique({ where: { id } });
  return row;
}

export async function latestRevision(db: RevisionDb, path: string): Promise<Revision | null> {
  const row = await db.configRevision.findFirst({ where: { path }, orderBy: { id: "desc" } });
  return row;
}

export async function createRevision(
  db: RevisionDb,
  data: { path: string; text: string; hash: string; authorName: string; reason: string; restoredFrom?: number | null },
): Promise<Revision> {
  return db.configRevision.create({ data: { ...data, restoredFrom: data.restoredFrom ?? null } });
}
