// Human-readable sizes, durations and a one-line progress bar (CLI and UI share them).
import type { SyncProgress } from "./types";

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "—";
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  const m = Math.floor(seconds / 60);
  if (m < 60) return `${m}m ${Math.round(seconds % 60)}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

/** Share of the work done, 0..1: bytes when there are any, files otherwise. */
export function fractionDone(p: Pick<SyncProgress, "bytesDone" | "bytesTotal" | "filesDone" | "filesFailed" | "filesTotal">): number {
  if (p.bytesTotal > 0) return Math.min(1, p.bytesDone / p.bytesTotal);
  if (p.filesTotal > 0) return Math.min(1, (p.filesDone + p.filesFailed) / p.filesTotal);
  return 1;
}

export function progressLine(p: SyncProgress, width: number): string {
  const f = fractionDone(p);
  const filled = Math.round(f * width);
  const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
  return `${bar} ${Math.floor(f * 100)}% ${p.filesDone + p.filesFailed}/${p.filesTotal} files ${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)} ${formatBytes(p.rate)}/s ETA ${formatDuration(p.eta)}`;
}
