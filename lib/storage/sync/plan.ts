// Plan first: merge the sorted source and destination listings in one pass and decide, per file, copy / skip /
// delete with aws s3 sync's rules, before any byte moves. Actions are spooled to a temp file (memory stays bounded).
import crypto from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";
import os from "node:os";
import path from "node:path";
import { abortedError, StorageError } from "../errors";
import { compareUtf8, dirPrefix, unsafeKeyReason } from "../keys";
import { walkSorted } from "../local-walk";
import { isPartialName } from "../partial-files";
import { compileFilters, type CompiledFilters } from "./filters";
import { sortedByRel } from "./sorted-runs";
import { describeLocation, type PlanAction, type PlanIssue, type PlanTotals, type SyncDirection, type SyncLocation, type SyncOptions, type SyncPlan, type SyncPlanSummary } from "./types";

type Entry = { rel: string; size: number; mtimeMs: number };

const SAMPLE_SIZE = 200;
const ISSUE_LIMIT = 100;

export async function planSync(src: SyncLocation, dst: SyncLocation, options: SyncOptions = {}, ctx: { signal?: AbortSignal } = {}): Promise<SyncPlan> {
  const started = Date.now();
  const direction: SyncDirection =
    src.kind === "local" && dst.kind === "store" ? "upload" : src.kind === "store" && dst.kind === "local" ? "download" : fail();
  const filters = compileFilters(options.filters ?? []);
  const totals: PlanTotals = { filesToCopy: 0, bytesToCopy: 0, filesToSkip: 0, bytesToSkip: 0, filesToDelete: 0, bytesToDelete: 0, filesExcluded: 0, filesRefused: 0 };
  const refused: PlanIssue[] = [];
  const skipped: PlanIssue[] = [];
  const stalePartials: string[] = [];
  const sample: PlanAction[] = [];
  const actionsFile = path.join(os.tmpdir(), `gp-sync-plan-${crypto.randomBytes(8).toString("hex")}.ndjson`);
  const spool = new Spool(actionsFile);

  const noteSkip = (rel: string, reason: string) => {
    if (skipped.length < ISSUE_LIMIT) skipped.push({ rel, reason });
  };
  const srcEntries = filtered(entries(src, filters, { onSkip: noteSkip, onUnsafe: (rel, reason) => {
    totals.filesRefused++;
    if (refused.length < ISSUE_LIMIT) refused.push({ rel, reason });
  } }), filters, () => totals.filesExcluded++);
  const dstEntries = filtered(entries(dst, filters, { onPartial: (p) => stalePartials.length < 10_000 && stalePartials.push(p) }), filters);

  const emit = async (action: PlanAction) => {
    if (sample.length < SAMPLE_SIZE) sample.push(action);
    await spool.write(action);
  };

  try {
    let s = await srcEntries.next();
    let d = await dstEntries.next();
    let steps = 0;
    while (!s.done || !d.done) {
      if (++steps % 1000 === 0 && ctx.signal?.aborted) throw abortedError();
      const cmp = s.done ? 1 : d.done ? -1 : compareUtf8(s.value.rel, d.value.rel);
      if (cmp < 0) {
        const a = s.value as Entry;
        totals.filesToCopy++;
        totals.bytesToCopy += a.size;
        await emit({ op: "copy", rel: a.rel, size: a.size, mtimeMs: a.mtimeMs, reason: "new" });
        s = await srcEntries.next();
      } else if (cmp > 0) {
        const b = d.value as Entry;
        if (options.delete) {
          totals.filesToDelete++;
          totals.bytesToDelete += b.size;
          await emit({ op: "delete", rel: b.rel, size: b.size, mtimeMs: b.mtimeMs, reason: "extra" });
        }
        d = await dstEntries.next();
      } else {
        const a = s.value as Entry;
        const reason = copyReason(a, d.value as Entry, options);
        if (reason) {
          totals.filesToCopy++;
          totals.bytesToCopy += a.size;
          await emit({ op: "copy", rel: a.rel, size: a.size, mtimeMs: a.mtimeMs, reason });
        } else {
          totals.filesToSkip++;
          totals.bytesToSkip += a.size;
        }
        s = await srcEntries.next();
        d = await dstEntries.next();
      }
    }
    await spool.close();
  } catch (error) {
    await spool.close().catch(() => undefined);
    await fs.promises.rm(actionsFile, { force: true });
    throw error;
  }

  return {
    direction,
    source: describeLocation(src),
    destination: describeLocation(dst),
    options,
    totals,
    sample,
    refused,
    skipped,
    listingPrefix: filters.listingPrefix,
    planMs: Date.now() - started,
    src,
    dst,
    actionsFile,
    stalePartials,
    dispose: () => fs.promises.rm(actionsFile, { force: true }),
  };
}

function fail(): never {
  throw new StorageError("invalid-uri", "A sync runs between a local folder and a store prefix: one side must be local, the other s3:// (or file:)");
}

/**
 * aws s3 sync's decision for a file on both sides: sizes differ, or the source is newer (whole seconds, as S3 keeps
 * them); --exact-timestamps copies on any time difference; --size-only looks at sizes alone.
 */
export function copyReason(src: Entry, dst: Entry, options: SyncOptions): PlanAction["reason"] | null {
  if (src.size !== dst.size) return "size";
  if (options.sizeOnly) return null;
  const s = Math.floor(src.mtimeMs / 1000);
  const d = Math.floor(dst.mtimeMs / 1000);
  if (s > d) return "newer";
  if (options.exactTimestamps && s !== d) return "timestamp";
  return null;
}

type EntryHooks = { onSkip?: (rel: string, reason: string) => void; onUnsafe?: (rel: string, reason: string) => void; onPartial?: (path: string) => void };

async function* entries(loc: SyncLocation, filters: CompiledFilters, hooks: EntryHooks): AsyncGenerator<Entry> {
  if (filters.includesNothing) return;
  const listing = filters.listingPrefix;
  if (loc.kind === "local") {
    const slash = listing.lastIndexOf("/");
    const walk = walkSorted(loc.root, {
      startDir: slash >= 0 ? listing.slice(0, slash + 1) : "",
      prune: (relDir) => (!relDir.startsWith(listing) && !listing.startsWith(relDir)) || filters.canPrune(relDir),
      onSkip: hooks.onSkip,
      ignoreName: (name, dir) => {
        if (!isPartialName(name)) return false;
        hooks.onPartial?.(path.join(dir, name));
        return true;
      },
    });
    for await (const e of walk) if (e.rel.startsWith(listing)) yield { rel: e.rel, size: e.size, mtimeMs: e.mtimeMs };
    return;
  }
  yield* sortedByRel(storeEntries(loc, filters, hooks));
}

async function* storeEntries(loc: Extract<SyncLocation, { kind: "store" }>, filters: CompiledFilters, hooks: EntryHooks): AsyncGenerator<Entry> {
  const listing = filters.listingPrefix;
  const prefix = dirPrefix(loc.prefix);
  const list = loc.store.list(prefix + listing, {
    prune: (keyDir) => keyDir.startsWith(prefix) && filters.canPrune(keyDir.slice(prefix.length)),
  });
  for await (const o of list) {
    const rel = o.key.slice(prefix.length);
    if (rel === "" || rel.endsWith("/")) continue; // folder markers made by consoles
    const unsafe = unsafeKeyReason(rel);
    if (unsafe) {
      hooks.onUnsafe?.(rel, unsafe);
      continue;
    }
    yield { rel, size: o.size, mtimeMs: o.lastModified.getTime() };
  }
}

async function* filtered(source: AsyncGenerator<Entry>, filters: CompiledFilters, onExcluded?: () => void): AsyncGenerator<Entry> {
  for await (const e of source) {
    if (filters.isIncluded(e.rel)) yield e;
    else onExcluded?.();
  }
}

/** Buffered NDJSON writer with backpressure. */
class Spool {
  private out: fs.WriteStream;
  private buffer = "";

  constructor(file: string) {
    this.out = fs.createWriteStream(file, { mode: 0o600 });
  }

  async write(action: PlanAction) {
    this.buffer += `${JSON.stringify(action)}\n`;
    if (this.buffer.length > 64 * 1024) await this.flush();
  }

  private async flush() {
    const chunk = this.buffer;
    this.buffer = "";
    if (chunk && !this.out.write(chunk)) await once(this.out, "drain");
  }

  async close() {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

/** The plan without its handles, fit for JSON (dry-run output, the database, the browser). */
export function summarizePlan(plan: SyncPlan): SyncPlanSummary {
  const { direction, source, destination, options, totals, sample, refused, skipped, listingPrefix, planMs } = plan;
  return { direction, source, destination, options, totals, sample, refused, skipped, listingPrefix, planMs };
}

/** Reads a plan's spooled actions back in order. */
export async function* readPlanActions(plan: Pick<SyncPlan, "actionsFile">): AsyncGenerator<PlanAction> {
  const input = fs.createReadStream(plan.actionsFile, { encoding: "utf8", highWaterMark: 256 * 1024 });
  let rest = "";
  for await (const chunk of input) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) if (line) yield JSON.parse(line) as PlanAction;
  }
  if (rest) yield JSON.parse(rest) as PlanAction;
}
