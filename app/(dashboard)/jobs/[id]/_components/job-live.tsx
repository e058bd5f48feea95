"use client";
// The live part of the job page: polls /jobs/:id/status every second until the job is settled.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { LogViewer } from "@/components/log-viewer/log-viewer";
import { ProgressBar } from "@/components/ui/progress-bar";
import { jobKeys, jobStatusQuery, type LiveJobStatus } from "@/lib/queries/jobs";
import type { StageProgress } from "@/lib/executors/job-events";
import { cancelJobAction, resubmitJobAction } from "../../actions";
import { StateBadge } from "../../_components/state-badge";
import { formatBytes, formatDuration, formatTime } from "../../_components/format";

type Props = { initial: LiveJobStatus; canCancel: boolean; canSubmit: boolean };

export function JobLive({ initial, canCancel, canSubmit }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { data } = useQuery(jobStatusQuery(initial.id, initial));
  const job = data ?? initial;
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [resubmitKey] = useState(() => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : String(Date.now())));

  function cancel() {
    startTransition(async () => {
      const r = await cancelJobAction({ id: job.id });
      setMessage(r.ok ? (r.data.changed ? "Cancel requested." : "The job had already ended.") : r.message);
      await queryClient.invalidateQueries({ queryKey: jobKeys.status(job.id) });
    });
  }

  function resubmit() {
    startTransition(async () => {
      const r = await resubmitJobAction({ id: job.id, idempotencyKey: resubmitKey });
      if (r.ok) router.push(`/jobs/${r.data.jobId}`);
      else setMessage(r.message);
    });
  }

  // When the job settles, its logs move to the staged-out meta dir: read them again from the start.
  useEffect(() => {
    if (job.settled) void queryClient.invalidateQueries({ queryKey: ["job-logs", String(job.id)] });
  }, [job.settled, job.id, queryClient]);

  const runMs = job.startedAt ? (job.stoppedAt ? new Date(job.stoppedAt) : new Date()).getTime() - new Date(job.startedAt).getTime() : null;

  return (
    <>
      <section className="card" aria-label="Status">
        <div className="row">
          <span aria-label="Job state">
            <StateBadge state={job.state} />
          </span>
          <span>
            Exit code: <strong aria-label="Exit code">{job.exitCode ?? "–"}</strong>
          </span>
          <span className="muted">
            {job.executor === "aws" ? "AWS Batch" : "local executor"}
            {job.externalId ? ` · ${job.externalId}` : ""} · queue {job.queue ?? "–"} · {job.jobDefinition ?? "–"}
          </span>
          <span className="muted">
            user {job.userId} · by {job.submittedBy} · run time {formatDuration(runMs)}
          </span>
          <span className="spacer" />
          {canCancel && !job.terminal ? (
            <button className="btn btn-danger" onClick={cancel} disabled={pending}>
              Cancel job
            </button>
          ) : null}
          {canSubmit && job.terminal ? (
            <button className="btn" onClick={resubmit} disabled={pending}>
              Resubmit
            </button>
          ) : null}
        </div>
        {job.statusReason ? <p className="muted" aria-label="Status reason">{job.statusReason}</p> : null}
        {job.refreshError ? (
          <div className="alert alert-warn" role="alert">
            {job.refreshError}
          </div>
        ) : null}
        {message ? (
          <div className="alert alert-info" role="status">
            {message}
          </div>
        ) : null}
      </section>

      <div className="grid-2">
        <section className="card" aria-label="Timeline">
          <h2>Timeline</h2>
          <ol className="timeline">
            {job.timeline.map((t, i) => (
              <li key={`${t.at}-${i}`}>
                <StateBadge state={t.state} /> <span className="mono small">{formatTime(t.at)}</span>
                {t.reason ? <div className="small muted">{t.reason}</div> : null}
              </li>
            ))}
          </ol>
          {job.notes.length > 0 ? (
            <ul className="small muted" aria-label="Notes">
              {job.notes.map((n, i) => (
                <li key={`${n.at}-${i}`}>
                  {formatTime(n.at)} · {n.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
        <section className="card" aria-label="Staging">
          <h2>Staging</h2>
          <StageBar label="Stage-in" progress={job.stageIn} />
          <StageBar label="Stage-out" progress={job.stageOut} />
        </section>
      </div>

      <section className="card" aria-label="Logs">
        <h2>Logs</h2>
        {/* Live tail of the running copy; once settled, a fresh viewer reads the staged-out meta dir from the start. */}
        <LogViewer key={job.settled ? "final" : "live"} jobId={job.id} running={!job.settled} height={320} />
      </section>

      <section className="card" aria-label="Outputs">
        <h2>Outputs</h2>
        {!job.settled ? (
          <p className="muted">Outputs are listed once the job has ended and its files are staged out.</p>
        ) : job.outputs.length === 0 ? (
          <p className="muted">No files.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>File</th>
                <th>Where</th>
                <th>Size</th>
              </tr>
            </thead>
            <tbody>
              {job.outputs.map((f) => (
                <tr key={`${f.where}/${f.path}`}>
                  <td>
                    <a href={`/jobs/${job.id}/files?where=${f.where}&path=${encodeURIComponent(f.path)}`} download>
                      {f.path}
                    </a>
                  </td>
                  <td>{f.where === "meta" ? "meta dir" : "working dir"}</td>
                  <td>{formatBytes(f.size)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

function StageBar({ label, progress }: { label: string; progress: (StageProgress & { at: string }) | null }) {
  if (!progress) {
    return (
      <div className="field">
        <strong>{label}</strong>
        <span className="muted small">not started</span>
      </div>
    );
  }
  const tone = progress.error ? "err" : progress.done ? "ok" : undefined;
  return (
    <div className="field">
      <strong>
        {label} {progress.error ? "failed" : progress.done ? "done" : "running"}
      </strong>
      <ProgressBar label={`${label} progress`} value={progress.bytesTotal > 0 ? progress.bytesDone : progress.filesDone} max={progress.bytesTotal > 0 ? progress.bytesTotal : Math.max(progress.filesTotal, 1)} tone={tone} />
      <span className="small muted" aria-label={`${label} figures`}>
        {progress.filesDone}/{progress.filesTotal} files · {formatBytes(progress.bytesDone)} of {formatBytes(progress.bytesTotal)} · {formatBytes(Math.round(progress.rate))}/s
        {progress.step ? ` · ${progress.step}` : ""}
      </span>
      {progress.error ? <span className="error">{progress.error}</span> : null}
    </div>
  );
}
