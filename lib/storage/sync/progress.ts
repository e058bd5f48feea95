// Counts what a running sync has done and derives a rate over the last few seconds and an ETA.
import type { SyncError, SyncProgress } from "./types";

const WINDOW_MS = 5_000;
const ERROR_LIMIT = 100;

export class ProgressTracker {
  filesDone = 0;
  filesFailed = 0;
  filesDeleted = 0;
  private bytesCompleted = 0;
  private readonly inflight = new Map<number, number>();
  private readonly samples: { t: number; bytes: number; files: number }[] = [];
  readonly errors: SyncError[] = [];
  errorCount = 0;
  phase: SyncProgress["phase"] = "transfer";
  private readonly started = Date.now();

  constructor(
    readonly filesTotal: number,
    readonly bytesTotal: number,
    readonly deletesTotal: number,
  ) {}

  bytesDone(): number {
    let sum = this.bytesCompleted;
    for (const b of this.inflight.values()) sum += b;
    return Math.min(sum, this.bytesTotal);
  }

  moving(id: number, bytes: number) {
    this.inflight.set(id, bytes);
  }

  finished(id: number, size: number) {
    this.inflight.delete(id);
    this.bytesCompleted += size;
    this.filesDone++;
  }

  failed(id: number, size: number, error: SyncError) {
    this.inflight.delete(id);
    // A failed file still counts toward the totals' end so the bar reaches its end; it is listed as an error.
    this.bytesCompleted += size;
    this.filesFailed++;
    this.recordError(error);
  }

  recordError(error: SyncError) {
    this.errorCount++;
    if (this.errors.length < ERROR_LIMIT) this.errors.push(error);
  }

  snapshot(now = Date.now()): SyncProgress {
    const bytesDone = this.bytesDone();
    const filesSettled = this.filesDone + this.filesFailed;
    this.samples.push({ t: now, bytes: bytesDone, files: filesSettled });
    while (this.samples.length > 2 && now - this.samples[0]!.t > WINDOW_MS) this.samples.shift();
    const first = this.samples[0]!;
    const dt = (now - first.t) / 1000;
    const elapsed = (now - this.started) / 1000;
    // Early on the window is short: fall back to the average since the start.
    const rate = dt >= 1 ? (bytesDone - first.bytes) / dt : elapsed > 0 ? bytesDone / elapsed : 0;
    const fileRate = dt >= 1 ? (filesSettled - first.files) / dt : elapsed > 0 ? filesSettled / elapsed : 0;
    const bytesLeft = this.bytesTotal - bytesDone;
    const filesLeft = this.filesTotal - filesSettled;
    let eta: number | null = null;
    if (filesLeft <= 0 && bytesLeft <= 0) eta = 0;
    else {
      const byBytes = bytesLeft > 0 ? (rate > 0 ? bytesLeft / rate : null) : 0;
      const byFiles = filesLeft > 0 ? (fileRate > 0 ? filesLeft / fileRate : null) : 0;
      eta = byBytes === null || byFiles === null ? null : Math.max(byBytes, byFiles);
    }
    return {
      phase: this.phase,
      filesTotal: this.filesTotal,
      filesDone: this.filesDone,
      bytesTotal: this.bytesTotal,
      bytesDone,
      filesFailed: this.filesFailed,
      filesDeleted: this.filesDeleted,
      deletesTotal: this.deletesTotal,
      rate: Math.max(0, rate),
      eta: eta === null ? null : Math.round(eta),
      elapsedMs: now - this.started,
      errors: [...this.errors],
    };
  }
}
