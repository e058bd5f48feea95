"use client";
// Per-revision buttons: deregister (refused while a mapping uses it) and restore from backup. Each asks for a reason.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { deregisterJobDefinitionAction, restoreSnapshotAction } from "../actions";

export function DeregisterButton({ refName, usedBy }: { refName: string; usedBy: string[] }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "err"; text: string } | null>(null);
  const router = useRouter();
  return (
    <span>
      <Button
        size="small"
        variant="danger"
        pending={pending}
        aria-label={`Deregister ${refName}`}
        title={usedBy.length ? `Used by: ${usedBy.join("; ")}` : undefined}
        onClick={() => {
          const reason = window.prompt(`Deregister ${refName}? Give a reason:`);
          if (!reason) return;
          start(async () => {
            const result = await deregisterJobDefinitionAction({ ref: refName, reason });
            setMessage(result.ok ? { tone: "ok", text: `Deregistered ${refName}.` } : { tone: "err", text: result.message });
            if (result.ok) router.refresh();
          });
        }}
      >
        Deregister
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </span>
  );
}

export function RestoreSnapshotButton({ snapshotId, refName }: { snapshotId: number; refName: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "ok" | "info" | "err"; text: string } | null>(null);
  const router = useRouter();
  return (
    <span>
      <Button
        size="small"
        pending={pending}
        aria-label={`Restore ${refName} as a new revision`}
        onClick={() => {
          const reason = window.prompt(`Register ${refName} again from its backup? Give a reason:`);
          if (!reason) return;
          start(async () => {
            const result = await restoreSnapshotAction({ snapshotId, reason });
            if (!result.ok) setMessage({ tone: "err", text: result.message });
            else if (result.data.status === "skipped") setMessage({ tone: "info", text: result.data.message });
            else setMessage({ tone: "ok", text: `Registered ${result.data.ref}.` });
            if (result.ok) router.refresh();
          });
        }}
      >
        Restore
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </span>
  );
}
