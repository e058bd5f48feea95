"use client";
// The list of sync runs; runs still moving update live over server-sent events into the React Query cache.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { TransferProgress } from "@/components/progress/transfer-progress";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { syncKeys, syncRunQuery } from "@/lib/queries/sync";
import { formatDuration } from "@/lib/storage/sync/format";
import type { SyncRunView } from "@/lib/storage/sync/sync-runs";
import { cancelSyncAction } from "../actions";
import { PlanView } from "./plan-view";

const settled = (status: string) => status === "succeeded" || status === "failed" || status === "cancelled";

const tones: Record<string, BadgeTone> = { succeeded: "ok", failed: "err", cancelled: "warn", running: "info", planning: "info" };

export function SyncRunList({ initialRuns, canRun }: { initialRuns: SyncRunView[]; canRun: boolean }) {
  if (initialRuns.length === 0) {
    return (
      <div className="card muted" role="status">
        No sync runs yet.
      </div>
    );
  }
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Sync runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Source → destination</th>
            <th>Status</th>
            <th style={{ minWidth: 260 }}>Progress</th>
            <th>Started</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {initialRuns.map((run) => (
            <SyncRunRow key={run.id} initial={run} canRun={canRun} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function useLiveSyncRun(initial: SyncRunView): SyncRunView {
  const queryClient = useQueryClient();
  const [polling, setPolling] = useState(false);
  const { data } = useQuery({ ...syncRunQuery(initial.id, initial), refetchInterval: (q) => (polling && !settled(q.state.data?.status ?? "running") ? 1000 : false) });
  const run = data ?? initial;
  const live = !settled(run.status);
  useEffect(() => {
    if (!live) return;
    const source = new EventSource(`/api/sync/${initial.id}/events`);
    source.addEventListener("progress", (e) => queryClient.setQueryData(syncKeys.run(initial.id), JSON.parse((e as MessageEvent<string>).data) as SyncRunView));
    source.addEventListener("end", () => source.close());
    source.onerror = () => {
      // Fall back to polling the JSON endpoint.
      source.close();
      setPolling(true);
    };
    return () => source.close();
  }, [initial.id, live, queryClient]);
  return run;
}

function SyncRunRow({ initial, canRun }: { initial: SyncRunView; canRun: boolean }) {
  const run = useLiveSyncRun(initial);
  const [open, setOpen] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const duration = run.finishedAt ? (Date.parse(run.finishedAt) - Date.parse(run.createdAt)) / 1000 : null;
  const state = run.status === "succeeded" ? "ok" : run.status === "failed" || run.status === "cancelled" ? "err" : "running";
  return (
    <>
      <tr aria-label={`Sync run ${run.id}`}>
        <td>
          #{run.id}
          {run.dryRun ? (
            <>
              {" "}
              <Badge>dry run</Badge>
            </>
          ) : null}
          {run.jobId ? <div className="muted small">job {run.jobId}</div> : null}
        </td>
        <td className="mono small">
          {run.source}
          <br />→ {run.destination}
        </td>
        <td>
          <Badge tone={tones[run.status] ?? "neutral"}>{run.status}</Badge>
          {run.message ? <div className="small error">{run.message}</div> : null}
        </td>
        <td>
          {run.dryRun ? (
            <span className="small muted">{run.plan ? `${run.plan.totals.filesToCopy} to copy, ${run.plan.totals.filesToDelete} to delete` : "—"}</span>
          ) : (
            <TransferProgress value={run} label={`Progress of sync run ${run.id}`} state={state} />
          )}
          {run.filesDeleted ? <div className="small muted">{run.filesDeleted} deleted</div> : null}
        </td>
        <td className="small">
          {run.startedBy}
          <div className="muted">
            {new Date(run.createdAt).toLocaleString()}
            {duration !== null ? ` · ${formatDuration(duration)}` : ""}
          </div>
        </td>
        <td>
          <div className="row">
            {run.plan || run.errors.length ? (
              <Button size="small" onClick={() => setOpen(!open)} aria-expanded={open} aria-label={`Details of sync run ${run.id}`}>
                {open ? "Hide" : "Details"}
              </Button>
            ) : null}
            {canRun && !settled(run.status) ? (
              <Button
                size="small"
                variant="danger"
                pending={cancelling}
                aria-label={`Cancel sync run ${run.id}`}
                onClick={async () => {
                  setCancelling(true);
                  const r = await cancelSyncAction({ id: run.id });
                  setCancelling(false);
                  setCancelError(r.ok ? null : r.message);
                }}
              >
                Cancel
              </Button>
            ) : null}
          </div>
          {cancelError ? <div className="small error">{cancelError}</div> : null}
        </td>
      </tr>
      {open ? (
        <tr>
          <td colSpan={6}>
            {run.plan ? <PlanView plan={run.plan} /> : null}
            {run.errors.length ? (
              <ul aria-label={`Errors of sync run ${run.id}`} className="small">
                {run.errors.map((e, i) => (
                  <li key={i}>
                    <code>{e.rel}</code>: {e.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}
