// A test job's history in the database: state transitions (TestJobEvent kind "state") that never leave a terminal
// state, and stage-in/stage-out progress kept in one event row per phase, updated as bytes move.
import type { Db } from "../db";
import { TERMINAL_STATES } from "./types";

export type StageKind = "stage-in" | "stage-out";

export type StageProgress = {
  step: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** bytes per second over the phase so far */
  rate: number;
  done: boolean;
  error?: string;
};

const TERMINAL = [...TERMINAL_STATES];

/**
 * Moves a job to `state` unless it is already terminal (a cancel or a timeout recorded by another process wins).
 * Returns false when nothing changed.
 */
export async function transition(
  db: Db,
  jobId: number,
  state: string,
  reason: string | null,
  extra: { exitCode?: number | null; startedAt?: Date; stoppedAt?: Date; data?: unknown; at?: Date; set?: { pid?: number | null; supervisorPid?: number | null; externalId?: string } } = {},
): Promise<boolean> {
  const at = extra.at ?? new Date();
  // One transaction, so one commit (and one fsync) per state change.
  return db.$transaction(async (tx) => {
    const updated = await tx.testJob.updateMany({
      where: { id: jobId, state: { notIn: TERMINAL } },
      data: {
        state,
        statusReason: reason,
        ...(extra.exitCode !== undefined ? { exitCode: extra.exitCode } : {}),
        ...(extra.startedAt ? { startedAt: extra.startedAt } : {}),
        ...(TERMINAL_STATES.has(state) ? { stoppedAt: extra.stoppedAt ?? at } : {}),
        ...(extra.set ?? {}),
      },
    });
    if (updated.count === 0) return false;
    await tx.testJobEvent.create({
      data: { jobId, kind: "state", state, reason, at, data: extra.data === undefined ? null : JSON.stringify(extra.data) },
    });
    return true;
  });
}

/** A note on the timeline that is not a state change (e.g. the exit code's source, a stage-out warning). */
export async function note(db: Db, jobId: number, reason: string, data?: unknown): Promise<void> {
  await db.testJobEvent.create({ data: { jobId, kind: "note", reason, data: data === undefined ? null : JSON.stringify(data) } });
}

/** Records progress of one phase; writes are throttled, the first and the final figures are always stored. */
export function progressRecorder(db: Db, jobId: number, kind: StageKind, minIntervalMs = 250) {
  const started = Date.now();
  let eventId: number | null = null;
  let lastWrite = 0;
  let pending: Promise<unknown> = Promise.resolve();
  let latest: StageProgress | null = null;
  let latestWritten = false;
  const write = (p: StageProgress) => {
    latestWritten = true;
    pending = pending.then(async () => {
      const data = JSON.stringify(p);
      if (eventId === null) {
        const row = await db.testJobEvent.create({ data: { jobId, kind, reason: p.step, data } });
        eventId = row.id;
      } else {
        await db.testJobEvent.update({ where: { id: eventId }, data: { reason: p.step, data } });
      }
    });
    return pending;
  };
  return {
    /** A phase that ends within one interval is written once, at its end; a longer one every interval. */
    update(p: StageProgress) {
      latest = p;
      latestWritten = false;
      const now = Date.now();
      if (p.done || now - Math.max(lastWrite, started) >= minIntervalMs) {
        lastWrite = now;
        void write(p).catch(() => undefined);
      }
    },
    async flush(): Promise<void> {
      if (latest && !latestWritten) await write(latest);
      await pending;
    },
  };
}

/**
 * The last event of a job: it is terminal, stage-out is over and the exit code is known (or known to be missing).
 * Pages stop polling and the logs switch from the running copy to the staged-out meta dir at this point.
 */
export async function settle(db: Db, jobId: number, reason: string, data?: unknown, exitCode?: number | null): Promise<void> {
  const event = db.testJobEvent.create({ data: { jobId, kind: "settled", reason, data: data === undefined ? null : JSON.stringify(data) } });
  if (exitCode === undefined) await event;
  else await db.$transaction([db.testJob.update({ where: { id: jobId }, data: { exitCode } }), event]);
}

export function isSettled(events: { kind: string }[]): boolean {
  return events.some((e) => e.kind === "settled");
}
