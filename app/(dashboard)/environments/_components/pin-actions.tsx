"use client";
// Candidate: run the test job on the candidate, promote (only after it passed). Production: one-click rollback.
import Link from "next/link";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ConfigWriteOutcome } from "@/lib/data/environments";
import { promoteAction, rollbackAction, runCandidateTestAction } from "../actions";
import { UnifiedDiff } from "./unified-diff";

export function RunCandidateTest({ target, defaultModule, defaultUser, defaultInput }: { target: string; defaultModule: string; defaultUser: string; defaultInput: string }) {
  const [module, setModule] = useState(defaultModule);
  const [userId, setUserId] = useState(defaultUser);
  const [inputPath, setInputPath] = useState(defaultInput);
  const [result, setResult] = useState<{ tone: "ok" | "err"; text: string; jobId?: number } | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      aria-label={`Test ${target} on candidate`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await runCandidateTestAction({ target, module, userId, inputPath });
          setResult(r.ok ? { tone: "ok", text: `Test job ${r.data.jobId} submitted.`, jobId: r.data.jobId } : { tone: "err", text: r.message });
        });
      }}
    >
      <div className="filters">
        <div className="field">
          <label htmlFor={`test-module-${target}`}>Test module</label>
          <input id={`test-module-${target}`} value={module} onChange={(e) => setModule(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`test-user-${target}`}>GP user</label>
          <input id={`test-user-${target}`} value={userId} onChange={(e) => setUserId(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`test-input-${target}`}>Input file on this server</label>
          <input id={`test-input-${target}`} value={inputPath} onChange={(e) => setInputPath(e.target.value)} />
        </div>
        <Button type="submit" pending={pending}>
          Run test job on candidate
        </Button>
      </div>
      {result ? (
        <Alert tone={result.tone}>
          {result.text} {result.jobId ? <Link href={`/jobs/${result.jobId}`}>Open job {result.jobId}</Link> : null}
        </Alert>
      ) : null}
    </form>
  );
}

function ConfigWriteButton({ label, target, confirmText, act, tone, refresh }: { label: string; target: string; confirmText: string; act: typeof promoteAction; tone: "primary" | "danger"; refresh: boolean }) {
  const [pending, start] = useTransition();
  const [outcome, setOutcome] = useState<ConfigWriteOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<string>("");
  const router = useRouter();
  const run = (confirmWarnings: boolean, why: string) =>
    start(async () => {
      const r = await act({ target, reason: why, confirmWarnings });
      if (!r.ok) {
        setError(r.message);
        setOutcome(null);
        return;
      }
      setError(null);
      setOutcome(r.data);
      // A rollback may remove the production row this button lives in: keep its diff on screen until a reload.
      if (r.data.ok && refresh) router.refresh();
    });
  return (
    <div className="stack">
      <Button
        variant={tone}
        pending={pending}
        onClick={() => {
          const why = window.prompt(confirmText);
          if (!why) return;
          setReason(why);
          run(false, why);
        }}
      >
        {label}
      </Button>
      {error ? <Alert tone="err">{error}</Alert> : null}
      {outcome && !outcome.ok ? (
        <Alert tone={outcome.code === "needs-confirmation" ? "warn" : "err"}>
          {outcome.message}
          {outcome.code === "needs-confirmation" ? (
            <Button size="small" onClick={() => run(true, reason)}>
              {label} anyway
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {outcome && outcome.ok ? (
        <>
          <Alert tone="ok">
            Config saved{outcome.warnings.length ? ` with ${outcome.warnings.length} warning(s)` : ""}.{refresh ? null : " Reload the page to see the updated pins."}
          </Alert>
          <UnifiedDiff diff={outcome.diff} label={`Config change for ${target}`} />
        </>
      ) : null}
    </div>
  );
}

export function PromoteButton({ target }: { target: string }) {
  return <ConfigWriteButton label="Promote to production" target={target} confirmText={`Promote ${target} to production? Give a reason:`} act={promoteAction} tone="primary" refresh />;
}

export function RollbackButton({ target }: { target: string }) {
  return <ConfigWriteButton label="Roll back" target={target} confirmText={`Roll back ${target} in production? Give a reason:`} act={rollbackAction} tone="danger" refresh={false} />;
}
