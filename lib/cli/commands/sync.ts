// gp-batch sync SRC DST [--exclude P]... [--include P]... [--delete] [--size-only] [--dry-run] [--concurrency N] [--json]
// SRC/DST: a local folder and s3://bucket/prefix (or file:/folder for a folder standing in for a bucket).
// Exit codes: 0 done (or planned, with --dry-run), 1 failed or cancelled, 2 usage error.
import path from "node:path";
import { StorageError } from "../../storage/errors";
import { dirPrefix } from "../../storage/keys";
import { DEFAULT_CONCURRENCY, filtersFromArgs, planSync, readPlanActions, runSync, summarizePlan, syncLocation } from "../../storage/sync";
import type { SyncLocation, SyncProgress, SyncResult } from "../../storage/sync";
import { formatBytes, formatDuration, progressLine } from "../../storage/sync/format";
import { parseCliArgs, UsageError, type CliIo, type Command } from "../command";

const options = {
  exclude: { type: "string", multiple: true },
  include: { type: "string", multiple: true },
  delete: { type: "boolean" },
  "size-only": { type: "boolean" },
  "dry-run": { type: "boolean" },
  concurrency: { type: "string" },
  json: { type: "boolean" },
} as const;

export const command: Command = async (args, io) => {
  const { values, positionals } = parseCliArgs(args, options);
  if (positionals.length !== 2) throw new UsageError("expects SRC and DST (a local folder and s3://bucket/prefix)");
  const concurrency = values.concurrency === undefined ? DEFAULT_CONCURRENCY : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 512) throw new UsageError("--concurrency expects a whole number from 1 to 512");
  const [srcText, dstText] = positionals as [string, string];

  let src: SyncLocation;
  let dst: SyncLocation;
  try {
    src = syncLocation(srcText);
    dst = syncLocation(dstText);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (src.kind === dst.kind) {
    if (src.kind === "store") throw new UsageError("one of SRC and DST must be a local folder");
    // Two plain folders: the destination acts as a folder store.
    dst = syncLocation(`file:${path.resolve(dstText)}`);
  }

  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    const plan = await planSync(src, dst, { filters: filtersFromArgs(args), delete: values.delete, sizeOnly: values["size-only"] }, { signal: controller.signal });
    const summary = summarizePlan(plan);
    if (!values.json) {
      const t = plan.totals;
      io.out(`plan: ${t.filesToCopy} to copy (${formatBytes(t.bytesToCopy)}), ${t.filesToSkip} unchanged, ${t.filesToDelete} to delete, ${t.filesExcluded} excluded\n`);
      for (const r of plan.refused) io.err(`refused: ${r.rel}: ${r.reason}\n`);
      for (const s of plan.skipped) io.err(`skipped: ${s.rel}: ${s.reason}\n`);
    }
    if (values["dry-run"]) {
      if (values.json) io.out(`${JSON.stringify({ status: "planned", dryRun: true, plan: summary }, null, 2)}\n`);
      else for await (const a of readPlanActions(plan)) io.out(`(dryrun) ${describeAction(plan.direction, a.op, a.rel, src, dst)}\n`);
      await plan.dispose();
      return plan.totals.filesRefused > 0 ? 1 : 0;
    }
    const bar = io.isTty ? new TtyBar(io) : null;
    const result = await runSync(plan, { concurrency, signal: controller.signal, onProgress: (p) => bar?.draw(p) });
    bar?.clear();
    if (values.json) io.out(`${JSON.stringify(jsonSummary(summary, result), null, 2)}\n`);
    else printResult(io, result);
    return result.status === "succeeded" ? 0 : 1;
  } catch (error) {
    if (error instanceof StorageError) {
      if (values.json) io.out(`${JSON.stringify({ status: error.code === "aborted" ? "cancelled" : "failed", error: { code: error.code, message: error.message } }, null, 2)}\n`);
      io.err(`gp-batch sync: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
};

function where(loc: SyncLocation, rel: string): string {
  if (loc.kind === "local") return path.join(loc.root, rel);
  return `${loc.store.description}/${dirPrefix(loc.prefix)}${rel}`;
}

function describeAction(direction: string, op: string, rel: string, src: SyncLocation, dst: SyncLocation): string {
  if (op === "delete") return `delete: ${where(dst, rel)}`;
  return `${direction}: ${where(src, rel)} to ${where(dst, rel)}`;
}

function jsonSummary(plan: ReturnType<typeof summarizePlan>, r: SyncResult) {
  return {
    status: r.status,
    message: r.message,
    dryRun: false,
    source: plan.source,
    destination: plan.destination,
    plan: plan.totals,
    filesCopied: r.filesDone,
    bytesCopied: r.bytesDone,
    filesFailed: r.filesFailed,
    filesDeleted: r.filesDeleted,
    elapsedMs: r.elapsedMs,
    bytesPerSecond: r.elapsedMs > 0 ? Math.round((r.bytesDone / r.elapsedMs) * 1000) : 0,
    errors: r.errors,
  };
}

function printResult(io: CliIo, r: SyncResult) {
  for (const e of r.errors) io.err(`error: ${e.rel}: ${e.message}\n`);
  const line = `${r.status}: ${r.filesDone} copied (${formatBytes(r.bytesDone)}), ${r.filesDeleted} deleted, ${r.filesFailed} failed in ${formatDuration(r.elapsedMs / 1000)}`;
  (r.status === "succeeded" ? io.out : io.err)(`${line}${r.message && r.status !== "succeeded" ? ` — ${r.message}` : ""}\n`);
}

/** One self-rewriting line on the terminal (stderr, so --json output stays clean). */
class TtyBar {
  private last = 0;
  constructor(private readonly io: CliIo) {}
  draw(p: SyncProgress) {
    const now = Date.now();
    if (now - this.last < 100 && p.phase !== "done") return;
    this.last = now;
    this.io.err(`\r\x1b[2K${progressLine(p, 30)}`);
  }
  clear() {
    this.io.err("\r\x1b[2K");
  }
}
