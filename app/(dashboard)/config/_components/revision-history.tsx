"use client";
// Revision list with "diff any two" (Monaco diff editor plus a text diff) and restore of an old revision.
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { DiffView } from "@/components/diff-view";
import { UnifiedDiff, diffStats, unifiedPatch } from "@/components/diff-view/unified-diff";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { Diagnostic } from "@/lib/config/types";
import { restoreRevisionAction, revisionAction } from "../actions";
import { DiagnosticList } from "./diagnostic-list";

export type RevisionRow = {
  id: number;
  hash: string;
  authorName: string;
  reason: string;
  createdAt: string;
  restoredFrom: number | null;
};

type Props = { revisions: RevisionRow[]; currentHash: string | null; canWrite: boolean };

export function RevisionHistory({ revisions, currentHash, canWrite }: Props) {
  const router = useRouter();
  const [from, setFrom] = useState<number | null>(revisions[1]?.id ?? null);
  const [to, setTo] = useState<number | null>(revisions[0]?.id ?? null);
  const [texts, setTexts] = useState<Record<number, string>>({});
  const [loadError, setLoadError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<RevisionRow | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    for (const id of [from, to]) {
      if (id === null || texts[id] !== undefined) continue;
      revisionAction({ id }).then((r) => {
        if (r.ok) setTexts((t) => ({ ...t, [id]: r.data.text }));
        else setLoadError(r.message);
      });
    }
  }, [from, to, texts]);

  if (revisions.length === 0) {
    return <EmptyState title="No revisions yet">The first save from the editor stores the file as found plus the new version.</EmptyState>;
  }

  const byId = new Map(revisions.map((r) => [r.id, r]));
  const before = from !== null ? texts[from] : undefined;
  const after = to !== null ? texts[to] : undefined;
  const patch = before !== undefined && after !== undefined ? unifiedPatch("config_custom.yaml", before, after) : null;
  const stats = patch ? diffStats(patch) : null;

  return (
    <div>
      {notice ? <Alert tone="ok">{notice}</Alert> : null}
      <table className="table" aria-label="Revisions">
        <thead>
          <tr>
            <th scope="col">Revision</th>
            <th scope="col">When</th>
            <th scope="col">Author</th>
            <th scope="col">Reason</th>
            <th scope="col">Hash</th>
            <th scope="col">Actions</th>
          </tr>
        </thead>
        <tbody>
          {revisions.map((r, i) => {
            const previous = revisions[i + 1];
            return (
              <tr key={r.id}>
                <td>
                  #{r.id} {r.hash === currentHash ? <span className="badge badge-ok">on disk</span> : null}
                  {r.restoredFrom ? <div className="small muted">restored from #{r.restoredFrom}</div> : null}
                </td>
                <td>{new Date(r.createdAt).toLocaleString()}</td>
                <td>{r.authorName}</td>
                <td>{r.reason}</td>
                <td className="mono small">{r.hash.slice(0, 10)}</td>
                <td>
                  <div className="row">
                    {previous ? (
                      <Button
                        size="small"
                        aria-label={`Diff revision #${r.id} with #${previous.id}`}
                        onClick={() => {
                          setFrom(previous.id);
                          setTo(r.id);
                        }}
                      >
                        Diff
                      </Button>
                    ) : null}
                    {canWrite && r.hash !== currentHash ? (
                      <Button size="small" aria-label={`Restore revision #${r.id}`} onClick={() => setRestoring(r)}>
                        Restore
                      </Button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      {restoring ? (
        <RestoreForm
          revision={restoring}
          currentHash={currentHash}
          onCancel={() => setRestoring(null)}
          onRestored={(id) => {
            setRestoring(null);
            setNotice(`Restored revision #${restoring.id} as revision #${id}.`);
            router.refresh();
          }}
        />
      ) : null}

      <section className="card compare" aria-label="Compare revisions">
        <h2>Compare</h2>
        <div className="row">
          <RevisionSelect label="From" revisions={revisions} value={from} onChange={setFrom} />
          <RevisionSelect label="To" revisions={revisions} value={to} onChange={setTo} />
        </div>
        {loadError ? <Alert tone="err">{loadError}</Alert> : null}
        {from !== null && to !== null && patch !== null && stats ? (
          <>
            <p aria-live="polite">
              Revision #{from} → #{to}: {stats.added + stats.removed === 0 ? "identical" : `${stats.added} added, ${stats.removed} removed`}
              {byId.get(to)?.reason ? <span className="muted"> — {byId.get(to)?.reason}</span> : null}
            </p>
            <DiffView id={`history-${from}-${to}`} original={before!} modified={after!} originalLabel={`#${from}`} modifiedLabel={`#${to}`} height="45vh" ariaLabel="Revision diff" />
            <details className="unified-diff">
              <summary>Unified diff (text)</summary>
              <UnifiedDiff patch={patch} label={`Unified diff #${from} to #${to}`} />
            </details>
          </>
        ) : revisions.length > 1 ? (
          <div className="skeleton" aria-label="Loading revisions" />
        ) : (
          <p className="muted">Only one revision so far.</p>
        )}
      </section>
    </div>
  );
}

function RestoreForm({ revision, currentHash, onCancel, onRestored }: { revision: RevisionRow; currentHash: string | null; onCancel: () => void; onRestored: (id: number) => void }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [warnings, setWarnings] = useState<Diagnostic[]>([]);
  const [errors, setErrors] = useState<Diagnostic[]>([]);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const [pending, setPending] = useState(false);
  const reasonId = useId();

  async function restore() {
    setPending(true);
    setFailure(null);
    const r = await restoreRevisionAction({ revisionId: revision.id, baseHash: currentHash, reason, confirmWarnings: confirm });
    setPending(false);
    if (!r.ok) return setFailure({ message: r.message, conflict: false });
    const result = r.data;
    if (result.ok) return onRestored(result.revisionId ?? revision.id);
    if (result.code === "invalid") setErrors(result.diagnostics);
    if (result.code === "needs-confirmation") setWarnings(result.diagnostics);
    setFailure({ message: result.message, conflict: result.code === "conflict" });
  }

  return (
    <section className="card" aria-label={`Restore revision #${revision.id}`}>
      <h2>Restore revision #{revision.id}</h2>
      <p className="muted">
        Saves the text of #{revision.id} ({revision.reason}) as a new revision, after the same validation as any save.
      </p>
      <DiagnosticList title={`Errors (${errors.length})`} items={errors} tone="err" />
      <DiagnosticList title={`Warnings (${warnings.length})`} items={warnings} tone="warn" />
      {failure ? (
        <Alert tone="err">
          {failure.message}{" "}
          {failure.conflict ? (
            <Button size="small" onClick={() => router.refresh()}>
              Reload history
            </Button>
          ) : null}
        </Alert>
      ) : null}
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void restore();
        }}
      >
        <div className="field">
          <label htmlFor={reasonId}>Reason for the restore</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={400} required />
        </div>
        {warnings.length > 0 ? (
          <label className="row">
            <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Restore despite the warnings
          </label>
        ) : null}
        <div className="row">
          <Button type="submit" variant="primary" pending={pending} disabled={reason.trim() === "" || errors.length > 0 || (warnings.length > 0 && !confirm)}>
            Restore
          </Button>
          <Button onClick={onCancel}>Cancel</Button>
        </div>
      </form>
    </section>
  );
}

function revisionLabel(r: RevisionRow) {
  return `#${r.id} · ${new Date(r.createdAt).toLocaleString()} · ${r.authorName}`;
}

type RevisionSelectProps = {
  label: string;
  revisions: RevisionRow[];
  value: number | null;
  onChange: (id: number) => void;
};

function RevisionSelect({ label, revisions, value, onChange }: RevisionSelectProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(Number(e.target.value))}>
        {revisions.map((r) => (
          <option key={r.id} value={r.id}>
            {revisionLabel(r)}
          </option>
        ))}
      </select>
    </div>
  );
}
