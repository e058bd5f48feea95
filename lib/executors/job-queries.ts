// Reading test jobs: the filtered, keyset-paginated list (fast at 100,000 rows: every filter has a
// (column, createdAt) index and the order is createdAt desc, id desc) and one job's live status.
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db";
import { isSettled, type StageProgress } from "./job-events";
import { TERMINAL_STATES } from "./types";

export type JobFilters = {
  state?: string;
  module?: string;
  executor?: string;
  queue?: string;
  submitter?: string;
  from?: Date;
  to?: Date;
};

export type JobListRow = {
  id: number;
  executor: string;
  moduleName: string;
  userId: string;
  submittedBy: string;
  queue: string | null;
  state: string;
  statusReason: string | null;
  exitCode: number | null;
  createdAt: Date;
  startedAt: Date | null;
  stoppedAt: Date | null;
};

export type JobListPage = { rows: JobListRow[]; nextCursor: string | null };

const listSelect = {
  id: true, executor: true, moduleName: true, userId: true, submittedBy: true, queue: true, state: true,
  statusReason: true, exitCode: true, createdAt: true, startedAt: true, stoppedAt: true,
} as const;

export function encodeCursor(row: { createdAt: Date; id: number }): string {
  return `${row.createdAt.getTime()}_${row.id}`;
}

export function decodeCursor(cursor: string | null | undefined): { createdAt: Date; id: number } | null {
  const m = /^(\d+)_(\d+)$/.exec(cursor ?? "");
  return m ? { createdAt: new Date(Number(m[1])), id: Number(m[2]) } : null;
}

export async function listTestJobs(db: Db, filters: JobFilters, page: { cursor?: string | null; pageSize?: number } = {}): Promise<JobListPage> {
  const pageSize = Math.min(Math.max(page.pageSize ?? 50, 1), 200);
  const after = decodeCursor(page.cursor);
  const createdAt: { gte?: Date; lte?: Date } = {};
  if (filters.from) createdAt.gte = filters.from;
  if (filters.to) createdAt.lte = filters.to;
  if (after && (!createdAt.lte || after.createdAt < createdAt.lte)) createdAt.lte = after.createdAt;
  const rows = await db.testJob.findMany({
    where: {
      ...(filters.state ? { state: filters.state } : {}),
      ...(filters.module ? { moduleName: filters.module } : {}),
      ...(filters.executor ? { executor: filters.executor } : {}),
      ...(filters.queue ? { queue: filters.queue } : {}),
      ...(filters.submitter ? { submittedBy: filters.submitter } : {}),
      ...(createdAt.gte || createdAt.lte ? { createdAt } : {}),
      // Keyset: strictly after the cursor row in (createdAt desc, id desc) order.
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: pageSize + 1,
    select: listSelect,
  });
  const more = rows.length > pageSize;
  const shown = more ? rows.slice(0, pageSize) : rows;
  return { rows: shown, nextCursor: more ? encodeCursor(shown[shown.length - 1]) : null };
}

export type JobFilterOptions = { modules: string[]; queues: string[]; submitters: string[] };

const optionsCache = new WeakMap<Db, { at: number; value: Promise<JobFilterOptions> }>();

/** Values for the filter menus; they change rarely, so they are kept for a few seconds per database. */
export async function jobFilterOptions(db: Db, maxAgeMs = 15_000): Promise<JobFilterOptions> {
  const cached = optionsCache.get(db);
  if (cached && Date.now() - cached.at < maxAgeMs) return cached.value;
  const value = readFilterOptions(db);
  optionsCache.set(db, { at: Date.now(), value });
  value.catch(() => optionsCache.delete(db));
  return value;
}

async function readFilterOptions(db: Db): Promise<JobFilterOptions> {
  // groupBy is SQL GROUP BY over the (column, createdAt) indexes; Prisma's `distinct` would read every row.
  const [modules, queues, submitters] = await Promise.all([
    db.testJob.groupBy({ by: ["moduleName"], orderBy: { moduleName: "asc" }, take: 500 }),
    db.testJob.groupBy({ by: ["queue"], orderBy: { queue: "asc" }, take: 200 }),
    db.testJob.groupBy({ by: ["submittedBy"], orderBy: { submittedBy: "asc" }, take: 200 }),
  ]);
  return {
    modules: modules.map((m) => m.moduleName),
    queues: queues.map((q) => q.queue).filter((q): q is string => Boolean(q)),
    submitters: submitters.map((s) => s.submittedBy),
  };
}

export type TimelineEntry = { at: string; state: string; reason: string | null };
export type NoteEntry = { at: string; kind: string; reason: string | null };
export type OutputFile = { path: string; size: number; where: "work" | "meta" };

export type JobStatus = {
  id: number;
  executor: string;
  externalId: string | null;
  moduleName: string;
  moduleLsid: string;
  userId: string;
  submittedBy: string;
  queue: string | null;
  jobDefinition: string | null;
  state: string;
  statusReason: string | null;
  exitCode: number | null;
  createdAt: string;
  startedAt: string | null;
  stoppedAt: string | null;
  terminal: boolean;
  settled: boolean;
  timeline: TimelineEntry[];
  notes: NoteEntry[];
  stageIn: (StageProgress & { at: string }) | null;
  stageOut: (StageProgress & { at: string }) | null;
  outputs: OutputFile[];
  workDir: string;
  metaDir: string;
};

const MAX_OUTPUTS = 1000;

/** Files of the job's working dir (outputs; GP's input link dir left out) and meta dir, with sizes. */
export async function listJobFiles(workDir: string, metaDir: string): Promise<OutputFile[]> {
  const files: OutputFile[] = [];
  const walk = async (root: string, rel: string, where: OutputFile["where"]) => {
    const entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (files.length >= MAX_OUTPUTS) return;
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!rel && e.name.startsWith(".inputs_for_")) continue;
        await walk(root, child, where);
      } else if (e.isFile()) {
        const stat = await fs.promises.stat(path.join(root, child)).catch(() => null);
        if (stat) files.push({ path: child, size: stat.size, where });
      }
    }
  };
  if (workDir) await walk(workDir, "", "work");
  if (metaDir) await walk(metaDir, "", "meta");
  return files;
}

function progressOf(events: { kind: string; at: Date; data: string | null }[], kind: string) {
  const e = events.find((x) => x.kind === kind);
  if (!e?.data) return null;
  try {
    return { ...(JSON.parse(e.data) as StageProgress), at: e.at.toISOString() };
  } catch {
    return null;
  }
}

export async function getTestJobStatus(db: Db, id: number): Promise<JobStatus | null> {
  const job = await db.testJob.findUnique({ where: { id }, include: { events: { orderBy: { id: "asc" } } } });
  if (!job) return null;
  const settled = isSettled(job.events);
  return {
    id: job.id,
    executor: job.executor,
    externalId: job.externalId,
    moduleName: job.moduleName,
    moduleLsid: job.moduleLsid,
    userId: job.userId,
    submittedBy: job.submittedBy,
    queue: job.queue,
    jobDefinition: job.jobDefinition,
    state: job.state,
    statusReason: job.statusReason,
    exitCode: job.exitCode,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    stoppedAt: job.stoppedAt?.toISOString() ?? null,
    terminal: TERMINAL_STATES.has(job.state),
    settled,
    timeline: job.events.filter((e) => e.kind === "state").map((e) => ({ at: e.at.toISOString(), state: e.state ?? "", reason: e.reason })),
    notes: job.events.filter((e) => e.kind === "note" || e.kind === "settled").map((e) => ({ at: e.at.toISOString(), kind: e.kind, reason: e.reason })),
    stageIn: progressOf(job.events, "stage-in"),
    stageOut: progressOf(job.events, "stage-out"),
    outputs: settled ? await listJobFiles(job.workDir, job.metaDir) : [],
    workDir: job.workDir,
    metaDir: job.metaDir,
  };
}

/** A file of the job, refusing anything outside its working or meta dir. */
export function resolveJobFile(job: { workDir: string; metaDir: string }, where: string, rel: string): string | null {
  const root = where === "meta" ? job.metaDir : job.workDir;
  if (!root || !rel || rel.includes("\0")) return null;
  const full = path.resolve(root, rel);
  return full.startsWith(`${path.resolve(root)}${path.sep}`) ? full : null;
}
