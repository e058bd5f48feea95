"use client";
// "Keep the last N revisions ACTIVE": preview what would be deregistered (referenced revisions are protected), then apply.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { CleanupPlan } from "@/lib/jobdefs/cleanup";
import { applyCleanupAction, planCleanupAction } from "../actions";

export function CleanupForm({ name, canWrite }: { name: string; canWrite: boolean }) {
  const [keep, setKeep] = useState(3);
  const [plan, setPlan] = useState<CleanupPlan | null>(null);
  const [done, setDone] = useState<CleanupPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  return (
    <section className="card" aria-label="Cleanup">
      <h2>Keep the last N revisions ACTIVE</h2>
      {error ? <Alert tone="err">{error}</Alert> : null}
      <div className="filters">
        <Field label="Revisions to keep">
          {(p) => <input {...p} type="number" min={1} value={keep} onChange={(e) => { setKeep(Number(e.target.value)); setPlan(null); setDone(null); }} />}
        </Field>
        <Button
          pending={pending}
          onClick={() =>
            start(async () => {
              const r = await planCleanupAction({ name, keep });
              if (r.ok) { setPlan(r.data); setError(null); } else setError(r.message);
            })
          }
        >
          Preview cleanup
        </Button>
      </div>
      {plan ? (
        <div aria-label="Cleanup plan">
          <p>Keep: {plan.keep.join(", ") || "—"}</p>
          <p>Deregister: {plan.deregister.join(", ") || "nothing"}</p>
          {plan.protected.length ? (
            <p>
              Protected (still referenced): {plan.protected.map((p) => `${p.ref} (${p.why})`).join("; ")}
            </p>
          ) : null}
          {canWrite && plan.deregister.length ? (
            <Button
              variant="danger"
              pending={pending}
              onClick={() =>
                start(async () => {
                  const r = await applyCleanupAction({ name, keep });
                  if (r.ok) { setDone(r.data); setPlan(null); router.refresh(); } else setError(r.message);
                })
              }
            >
              Deregister {plan.deregister.length} revision(s)
            </Button>
          ) : null}
        </div>
      ) : null}
      {done ? <Alert tone="ok">Deregistered {done.deregister.join(", ") || "nothing"}.</Alert> : null}
    </section>
  );
}
