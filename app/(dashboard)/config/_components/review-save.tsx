"use client";
// Step two of a save: what will change (diff + blast radius), errors that refuse it, warnings to confirm,
// the required reason, and the optional GP reload.
import { useEffect, useId, useState } from "react";
import { DiffView } from "@/components/diff-view";
import { UnifiedDiff, diffStats } from "@/components/diff-view/unified-diff";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { SaveOutcome, SavePreview } from "@/lib/data/config";
import type { Diagnostic } from "@/lib/config/types";
import { previewSaveAction, saveConfigAction } from "../actions";
import { BlastRadiusPanel } from "./blast-radius-panel";
import { DiagnosticList } from "./diagnostic-list";

export type SavedInfo = { hash: string; revisionId: number | null; unchanged: boolean; reloadMessage?: { tone: "ok" | "err"; text: string } };

type Props = {
  text: string;
  base: { text: string; hash: string | null };
  canReload: boolean;
  onCancel: () => void;
  onSaved: (info: SavedInfo) => void;
  onConflict: (current: { text: string; hash: string } | null, message: string) => void;
};

export function ReviewSave({ text, base, canReload, onCancel, onSaved, onConflict }: Props) {
  const [preview, setPreview] = useState<SavePreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<Diagnostic[]>([]);
  const [warnings, setWarnings] = useState<Diagnostic[]>([]);
  const [reason, setReason] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [reload, setReload] = useState(canReload);
  const [saving, setSaving] = useState(false);
  const reasonId = useId();

  useEffect(() => {
    let alive = true;
    previewSaveAction({ text, baseText: base.text, baseHash: base.hash }).then((r) => {
      if (!alive) return;
      if (!r.ok) return setFailure(r.message);
      setPreview(r.data);
      setErrors(r.data.errors);
      setWarnings(r.data.warnings);
    });
    return () => {
      alive = false;
    };
  }, [text, base.text, base.hash]);

  async function save() {
    setSaving(true);
    setFailure(null);
    const r = await saveConfigAction({ text, baseHash: base.hash, reason, confirmWarnings: confirmed, reload });
    setSaving(false);
    if (!r.ok) return setFailure(r.message);
    const result: SaveOutcome = r.data;
    if (result.ok) {
      const reloadMessage = result.reload
        ? result.reload.ok
          ? { tone: "ok" as const, text: `GenePattern answered: ${result.reload.answer}` }
          : { tone: "err" as const, text: result.reload.message }
        : undefined;
      return onSaved({ hash: result.hash, revisionId: result.revisionId, unchanged: result.unchanged, reloadMessage });
    }
    if (result.code === "conflict") return onConflict(result.current, result.message);
    if (result.code === "invalid") setErrors(result.diagnostics);
    if (result.code === "needs-confirmation") setWarnings(result.diagnostics);
    setFailure(result.message);
  }

  const reasonMissing = reason.trim() === "";
  const needsConfirm = warnings.length > 0 && !confirmed;
  const blocked = errors.length > 0;

  return (
    <section className="card" aria-label="Review changes">
      <div className="toolbar">
        <h2 className="grow">Review changes</h2>
        <Button onClick={onCancel}>Back to editor</Button>
      </div>
      {!preview && !failure ? <div className="skeleton" aria-label="Preparing the preview" /> : null}
      {preview?.stale ? (
        <Alert tone="warn">The file on disk changed since you loaded it: saving will open the merge view.</Alert>
      ) : null}
      <DiagnosticList title={`Errors: saving is refused until they are fixed (${errors.length})`} items={errors} tone="err" />
      <DiagnosticList title={`Warnings (${warnings.length})`} items={warnings} tone="warn" />
      {preview ? (
        <>
          <p className="muted">
            {countChanges(preview.diff)} against the version you loaded.
          </p>
          <DiffView id="review" original={base.text} modified={text} originalLabel="On disk (when loaded)" modifiedLabel="Your version" height="40vh" ariaLabel="Changes to save" />
          <details className="unified-diff">
            <summary>Unified diff (text)</summary>
            <UnifiedDiff patch={preview.diff} />
          </details>
          <BlastRadiusPanel blast={preview.blast} />
        </>
      ) : null}
      {failure ? <Alert tone="err">{failure}</Alert> : null}
      {preview && !blocked ? (
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="field">
            <label htmlFor={reasonId}>Reason for this change</label>
            <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} required placeholder="e.g. Give WordCount 4 GB" />
          </div>
          {warnings.length > 0 ? (
            <label className="row">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> Save despite {warnings.length} warning
              {warnings.length === 1 ? "" : "s"}
            </label>
          ) : null}
          {canReload ? (
            <label className="row">
              <input type="checkbox" checked={reload} onChange={(e) => setReload(e.target.checked)} /> Reload the GenePattern server&apos;s config after saving
            </label>
          ) : null}
          <div className="row">
            <Button type="submit" variant="primary" pending={saving} disabled={reasonMissing || needsConfirm}>
              Save
            </Button>
            {reasonMissing ? <span className="muted small">A reason is required.</span> : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}

function countChanges(diff: string): string {
  const { added, removed } = diffStats(diff);
  return added + removed === 0 ? "No changes" : `${added} line${added === 1 ? "" : "s"} added, ${removed} removed`;
}
