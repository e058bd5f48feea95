"use client";
// Edit a job definition's JSON, check it (line/column errors, unknown fields, 24 KiB), review the diff against the
// base revision, then register it with a reason. An edit identical to the latest revision is not registered.
import Link from "next/link";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { RegistrationPreview } from "@/lib/data/jobdefs";
import type { RegisterOutcome } from "@/lib/jobdefs/snapshots";
import { previewRegistrationAction, registerJobDefinitionAction } from "../actions";
import { JsonDiff } from "./json-diff";
import { SemanticSummary } from "./semantic-summary";

export function RegisterForm({ baseRef, initialText }: { baseRef: string | null; initialText: string }) {
  const [text, setText] = useState(initialText);
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<RegistrationPreview | null>(null);
  const [checkedText, setCheckedText] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<RegisterOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const current = preview && checkedText === text ? preview : null;

  const check = () =>
    start(async () => {
      setOutcome(null);
      const r = await previewRegistrationAction({ text, baseRef });
      if (r.ok) {
        setPreview(r.data);
        setCheckedText(text);
        setError(null);
      } else setError(r.message);
    });

  const register = () =>
    start(async () => {
      const r = await registerJobDefinitionAction({ text, baseRef, reason });
      if (r.ok) {
        setOutcome(r.data);
        setError(null);
      } else setError(r.message);
    });

  return (
    <div className="stack">
      <section className="card">
        <div className="field">
          <label htmlFor="jobdef-json">Job definition JSON</label>
          <textarea
            id="jobdef-json"
            className="mono"
            rows={28}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
        <div className="toolbar">
          <Button onClick={check} pending={pending}>
            Check and compare
          </Button>
        </div>
      </section>
      {error ? <Alert tone="err">{error}</Alert> : null}
      {current && !current.ok ? (
        <Alert tone="err" title="Not valid:">
          <ul aria-label="Job definition errors">
            {current.diagnostics.map((d, i) => (
              <li key={i}>
                Line {d.range.start.line}, column {d.range.start.col}: {d.message}
              </li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {current && current.ok ? (
        <section className="card" aria-label="Review">
          <h2>Review {current.name}</h2>
          <p className="small muted">{(current.bytes / 1024).toFixed(1)} KiB of the 24 KiB Batch allows.</p>
          {current.identicalTo ? <Alert tone="warn">Identical to the latest revision {current.identicalTo}: registering it would be skipped.</Alert> : null}
          {current.baseRef ? (
            <>
              <h3>Changes from {current.baseRef}</h3>
              <SemanticSummary changes={current.changes} />
              <JsonDiff id={`register-${current.baseRef}`} original={current.baseJson ?? ""} modified={current.json} originalLabel={current.baseRef} modifiedLabel="new revision" />
            </>
          ) : null}
          <div className="filters">
            <div className="field">
              <label htmlFor="register-reason">Reason</label>
              <input id="register-reason" type="text" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why this revision" />
            </div>
            <Button variant="primary" onClick={register} pending={pending} disabled={!reason.trim()}>
              Register revision
            </Button>
          </div>
        </section>
      ) : null}
      {outcome ? (
        outcome.status === "registered" ? (
          <Alert tone="ok">
            Registered {outcome.ref}. <Link href={`/jobdefs/${encodeURIComponent(outcome.revision.name)}`}>See all revisions</Link>
            {baseRef ? (
              <>
                {" · "}
                <Link href={`/jobdefs/diff?a=${encodeURIComponent(baseRef)}&b=${encodeURIComponent(outcome.ref)}`}>Diff with {baseRef}</Link>
              </>
            ) : null}
          </Alert>
        ) : (
          <Alert tone="info">{outcome.message}</Alert>
        )
      ) : null}
    </div>
  );
}
