"use client";
// Start a sync (or plan one with a dry run) between a local folder and a store location.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { SyncRunView } from "@/lib/storage/sync/sync-runs";
import { startSyncAction } from "../actions";
import { PlanView } from "./plan-view";

type Props = { roots: string[]; embedded: boolean; localBucketDir: string };

export function StartSyncForm({ roots, embedded, localBucketDir }: Props) {
  const router = useRouter();
  const [source, setSource] = useState("");
  const [destination, setDestination] = useState("");
  const [filters, setFilters] = useState("");
  const [deleteExtra, setDeleteExtra] = useState(false);
  const [sizeOnly, setSizeOnly] = useState(false);
  const [pending, setPending] = useState<"plan" | "start" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [planned, setPlanned] = useState<SyncRunView | null>(null);
  const [started, setStarted] = useState<number | null>(null);

  async function submit(dryRun: boolean) {
    setPending(dryRun ? "plan" : "start");
    setError(null);
    setFieldErrors({});
    setStarted(null);
    try {
      const result = await startSyncAction({ source, destination, filters, delete: deleteExtra, sizeOnly, dryRun });
      if (!result.ok) {
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      if (dryRun) setPlanned(result.data as SyncRunView);
      else {
        setPlanned(null);
        setStarted(result.data.id);
      }
      router.refresh();
    } finally {
      setPending(null);
    }
  }

  return (
    <section className="card" aria-labelledby="start-sync-title">
      <h2 id="start-sync-title">Start a sync</h2>
      <p className="muted small">
        Local folders must be inside <code aria-label="Allowed local folders">{roots.join(":")}</code>.{" "}
        {embedded ? (
          <>
            Embedded mode: <code>s3://bucket/prefix</code> is served by the folder <code>{localBucketDir}/bucket</code>.
          </>
        ) : (
          <>
            <code>s3://bucket/prefix</code> uses the configured AWS credentials and endpoint.
          </>
        )}
      </p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <div className="grid-2">
          <Field label="Source" hint="A local folder or s3://bucket/prefix" errors={fieldErrors.source}>
            {(p) => <input {...p} value={source} onChange={(e) => setSource(e.target.value)} className="mono" required />}
          </Field>
          <Field label="Destination" hint="s3://bucket/prefix, file:/folder or a local folder" errors={fieldErrors.destination}>
            {(p) => <input {...p} value={destination} onChange={(e) => setDestination(e.target.value)} className="mono" required />}
          </Field>
        </div>
        <Field label="Filters" hint='One per line, in order, the last match wins: --exclude "*.tmp", --include "data/*"' errors={fieldErrors.filters}>
          {(p) => <textarea {...p} rows={3} value={filters} onChange={(e) => setFilters(e.target.value)} className="mono" />}
        </Field>
        <div className="row">
          <label>
            <input type="checkbox" checked={deleteExtra} onChange={(e) => setDeleteExtra(e.target.checked)} /> Delete destination files missing from the source
          </label>
          <label>
            <input type="checkbox" checked={sizeOnly} onChange={(e) => setSizeOnly(e.target.checked)} /> Compare sizes only
          </label>
        </div>
        <div className="toolbar" style={{ marginTop: 12 }}>
          <Button onClick={() => void submit(true)} pending={pending === "plan"} disabled={pending !== null}>
            Plan (dry run)
          </Button>
          <Button type="submit" variant="primary" pending={pending === "start"} disabled={pending !== null}>
            Start sync
          </Button>
        </div>
      </form>
      {error ? <Alert tone="err">{error}</Alert> : null}
      {started ? <Alert tone="ok">Sync run #{started} started.</Alert> : null}
      {planned?.plan ? (
        <div>
          <h3>Dry run #{planned.id}</h3>
          <PlanView plan={planned.plan} />
        </div>
      ) : planned?.message ? (
        <Alert tone="err">{planned.message}</Alert>
      ) : null}
    </section>
  );
}
