"use client";
// Restore job definitions from a backup file: each definition not already ACTIVE is registered again.
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { RestoreItem } from "@/lib/jobdefs/snapshots";
import { restoreBackupAction } from "../actions";

export function RestoreBackupForm() {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [items, setItems] = useState<RestoreItem[] | null>(null);

  function submit(form: HTMLFormElement) {
    const data = new FormData(form);
    const file = data.get("file");
    const reason = String(data.get("reason") ?? "");
    if (!(file instanceof File) || file.size === 0) {
      setError("Choose a backup file first.");
      return;
    }
    start(async () => {
      const text = await file.text();
      const result = await restoreBackupAction({ text, reason });
      if (result.ok) {
        setError(null);
        setItems(result.data);
      } else {
        setItems(null);
        setError(result.message);
      }
    });
  }

  return (
    <form
      className="card"
      aria-label="Restore from backup"
      onSubmit={(e) => {
        e.preventDefault();
        submit(e.currentTarget);
      }}
    >
      <h2>Restore from a backup file</h2>
      <p className="muted small">Definitions identical to an ACTIVE revision are skipped; the others are registered as new revisions.</p>
      {error ? <Alert tone="err">{error}</Alert> : null}
      {items ? (
        <Alert tone="ok" title="Restore finished.">
          <ul aria-label="Restore results">
            {items.map((i) => (
              <li key={i.from}>
                {i.outcome.status === "registered" ? `Registered ${i.outcome.ref} from ${i.from}` : `${i.from}: ${i.outcome.message}`}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      <div className="filters">
        <Field label="Backup file">{(p) => <input {...p} name="file" type="file" accept="application/json,.json" />}</Field>
        <Field label="Reason">{(p) => <input {...p} name="reason" type="text" required placeholder="e.g. restore after account migration" />}</Field>
        <Button type="submit" pending={pending}>
          {pending ? "Restoring…" : "Restore"}
        </Button>
      </div>
    </form>
  );
}
