// Sync runs for the dashboard: list, start (local folders limited to env().syncRoots), cancel. Checks sync.run, audits.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { assertCan } from "../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { env } from "../env";
import { ActionError } from "../errors";
import { StorageError } from "../storage/errors";
import { parseLocation } from "../storage/store-for-uri";
import { cancelSyncRun, getSyncRunView, listSyncRunViews, startSyncRun, type SyncRunView } from "../storage/sync/sync-runs";
import { parseFilterLines, type StartSyncValues } from "../storage/sync/schema";
import type { DataContext } from "./context";

export type { SyncRunView };

export async function listSyncRuns(ctx: DataContext, options: { limit?: number } = {}): Promise<SyncRunView[]> {
  assertCan(ctx.user, "read");
  return listSyncRunViews(ctx.db, { limit: options.limit ?? 50 });
}

export async function getSyncRun(ctx: DataContext, id: number): Promise<SyncRunView | null> {
  assertCan(ctx.user, "read");
  return getSyncRunView(ctx.db, id);
}

/** Where the page lets operators read and write, and how s3:// is served (shown as hints). */
export function syncSettings() {
  const e = env();
  return { roots: e.syncRoots, embedded: e.defaultExecutor === "local", localBucketDir: e.localBucketDir };
}

export async function startSync(ctx: DataContext, input: StartSyncValues): Promise<SyncRunView | { id: number }> {
  assertCan(ctx.user, "sync.run");
  const { rules, errors } = parseFilterLines(input.filters);
  if (errors.length) throw new ActionError("invalid", "Some filter lines are not valid.", { filters: errors });
  const fieldErrors: Record<string, string[]> = {};
  const local = { source: checkLocal(input.source), destination: checkLocal(input.destination) };
  for (const [field, problem] of Object.entries(local)) if (problem.error) fieldErrors[field] = [problem.error];
  if (!fieldErrors.source && !fieldErrors.destination && local.source.isFolder === local.destination.isFolder)
    fieldErrors.destination = ["One side must be a local folder and the other a store location (s3://bucket/prefix or file:/folder)."];
  if (Object.keys(fieldErrors).length) throw new ActionError("invalid", "Check the locations.", fieldErrors);

  const started = await startSyncRun(ctx.db, {
    source: input.source,
    destination: input.destination,
    filters: rules,
    delete: input.delete,
    sizeOnly: input.sizeOnly,
    dryRun: input.dryRun,
    startedBy: ctx.user.username,
    embedded: env().defaultExecutor === "local",
  });
  await recordAudit(ctx.db, {
    actor: ctx.user,
    action: input.dryRun ? "sync.plan" : "sync.start",
    target: `sync-run:${started.runId}`,
    after: { source: input.source, destination: input.destination, filters: rules, delete: input.delete, sizeOnly: input.sizeOnly, dryRun: input.dryRun },
  });
  // A dry run only lists: wait for its plan so the page can show it right away.
  if (input.dryRun) return started.done;
  return { id: started.runId };
}

export async function cancelSync(ctx: DataContext, id: number): Promise<boolean> {
  assertCan(ctx.user, "sync.run");
  const cancelled = await cancelSyncRun(ctx.db, id);
  if (!cancelled) throw new ActionError("conflict", `Sync run ${id} is not running.`);
  await recordAudit(ctx.db, { actor: ctx.user, action: "sync.cancel", target: `sync-run:${id}` });
  return cancelled;
}

/** Local folders (plain paths and file: stores) must be absolute and inside one of the allowed roots. */
function checkLocal(text: string): { isFolder: boolean; error?: string } {
  let parsed;
  try {
    parsed = parseLocation(text);
  } catch (error) {
    return { isFolder: false, error: error instanceof StorageError ? error.message : String(error) };
  }
  if (parsed.kind === "s3") return { isFolder: false };
  const isFolder = !/^file:/i.test(text.trim());
  if (!path.isAbsolute(text.trim().replace(/^file:(\/\/)?/i, ""))) return { isFolder, error: "Give an absolute path." };
  const real = realpathOfExisting(parsed.path);
  const roots = env().syncRoots.map(realpathOfExisting);
  if (!roots.some((r) => real === r || real.startsWith(r + path.sep)))
    return { isFolder, error: `Local folders must be inside ${roots.join(" or ")} (set GP_BATCH_SYNC_ROOTS to allow more).` };
  return { isFolder };
}

/** realpath of the longest existing ancestor, joined with the rest: symlinks cannot smuggle a path out of a root. */
function realpathOfExisting(p: string): string {
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(fs.realpathSync(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(p);
      tail.push(path.basename(head));
      head = parent;
    }
  }
}
