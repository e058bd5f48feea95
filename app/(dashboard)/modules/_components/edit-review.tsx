"use client";
// Review of a config edit before it is saved: the YAML diff, errors and warnings, the blast radius, a required
// one-line reason. Used by the mapping form, runtime environments and version ranges.
import { useState } from "react";
import { UnifiedDiff } from "@/components/diff-view/unified-diff";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SaveResult } from "@/lib/config/store";
import type { Diagnostic } from "@/lib/config/types";
import type { EditPreview } from "@/lib/data/modules";
import type { ActionResult } from "@/lib/errors";
import { BlastRadiusPanel } from "../../config/_components/blast-radius-panel";

export type SaveHandler = (save: { baseHash: string; reason: string; confirmWarnings: boolean }) => Promise<ActionResult<SaveResult>>;

function DiagnosticLines({ items }: { items: Diagnostic[] }) {
  return (
    <ul className="small">
      {items.map((d, i) => (
        <li key={i}>
          <a href={`/config?line=${d.range.start.line}`}>line {d.range.start.line}</a> <code>{d.code}</code> {d.message}
        </li>
      ))}
    </ul>
  );
}

export function saveFailureMessage(result: ActionResult<SaveResult>): { message: string; diagnostics?: Diagnostic[] } | null {
  if (!result.ok) return { message: result.message };
  const r = result.data;
  if (r.ok) return null;
  return { message: r.message, diagnostics: "diagnostics" in r ? r.diagnostics : undefined };
}

export function EditReview({ preview, onSave, onSaved, saveLabel = "Save" }: { preview: EditPreview; onSave: SaveHandler; onSaved: (r: Extract<SaveResult, { ok: true }>) => void; saveLabel?: string }) {
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<{ message: string; diagnostics?: Diagnostic[] } | null>(null);
  const unchanged = preview.diff.split("\n").every((l) => !/^[+-](?![+-]{2})/.test(l));

  async function save() {
    setPending(true);
    setFailure(null);
    try {
      const result = await onSave({ baseHash: preview.baseHash, reason, confirmWarnings: confirm });
      const problem = saveFailureMessage(result);
      if (problem) setFailure(problem);
      else if (result.ok && result.data.ok) onSaved(result.data);
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="stack" aria-label="Review changes">
      {preview.notes.map((n) => (
        <p key={n} className="muted small">
          {n}
        </p>
      ))}
      {preview.errors.length > 0 ? (
        <Alert tone="err" title={`${preview.errors.length} error(s): this edit cannot be saved.`}>
          <DiagnosticLines items={preview.errors} />
        </Alert>
      ) : null}
      {preview.warnings.length > 0 ? (
        <Alert
          tone="warn"
          title={`${preview.warnings.length} warning(s)${preview.existingWarnings ? `, ${preview.existingWarnings === preview.warnings.length ? "all" : preview.existingWarnings} already in the file before this edit` : ""}.`}
        >
          <DiagnosticLines items={preview.warnings} />
        </Alert>
      ) : null}
      <h3>YAML diff</h3>
      {unchanged ? <p className="muted">The config already says this: nothing to save.</p> : <UnifiedDiff patch={preview.diff} label="YAML diff" />}
      <BlastRadiusPanel blast={preview.blast} />
      {preview.errors.length === 0 && !unchanged ? (
        <div className="stack">
          <div className="field">
            <label htmlFor="edit-reason">Reason for this change</label>
            <input id="edit-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} placeholder="e.g. run TextToTable in the Python 3.6 environment" />
          </div>
          {preview.warnings.length > 0 ? (
            <label className="row small">
              <input type="checkbox" checked={confirm} onChange={(e) => setConfirm(e.target.checked)} /> Save despite the warnings
            </label>
          ) : null}
          <div className="row">
            <Button variant="primary" onClick={save} pending={pending} disabled={!reason.trim() || (preview.warnings.length > 0 && !confirm)}>
              {saveLabel}
            </Button>
          </div>
        </div>
      ) : null}
      {failure ? (
        <Alert tone="err" title="Not saved.">
          {failure.message}
          {failure.diagnostics?.length ? <DiagnosticLines items={failure.diagnostics} /> : null}
        </Alert>
      ) : null}
    </section>
  );
}
