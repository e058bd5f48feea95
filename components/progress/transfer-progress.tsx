// TransferProgress: a progress bar with files and bytes done of total, rate and ETA (sync runs, job staging).
import { ProgressBar } from "@/components/ui/progress-bar";
import { formatBytes, formatDuration, fractionDone } from "@/lib/storage/sync/format";

export type TransferProgressValue = {
  filesDone: number;
  filesTotal: number;
  filesFailed?: number;
  bytesDone: number;
  bytesTotal: number;
  /** Bytes per second. */
  rate: number;
  /** Seconds left, null when unknown. */
  eta: number | null;
};

export function TransferProgress({ value, label, state = "running" }: { value: TransferProgressValue; label: string; state?: "running" | "ok" | "err" }) {
  const fraction = fractionDone({ ...value, filesFailed: value.filesFailed ?? 0 });
  const percent = Math.floor(fraction * 100);
  return (
    <div>
      <ProgressBar value={percent} max={100} label={label} tone={state === "running" ? undefined : state} />
      <div className="muted small">
        <span>{percent}%</span> · <span>{value.filesDone + (value.filesFailed ?? 0)} / {value.filesTotal} files</span> ·{" "}
        <span>
          {formatBytes(value.bytesDone)} / {formatBytes(value.bytesTotal)}
        </span>
        {state === "running" ? (
          <>
            {" "}
            · <span>{formatBytes(value.rate)}/s</span> · <span>ETA {formatDuration(value.eta)}</span>
          </>
        ) : null}
      </div>
    </div>
  );
}
