"use client";
// Apply all range rules (after new versions were imported) or delete one rule; both rewrite the generated block.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { EditPreview } from "@/lib/data/modules";
import { applyRangeRulesAction, deleteRangeRuleAction, previewApplyRangeRulesAction } from "../../actions";
import { EditReview, saveFailureMessage } from "../../_components/edit-review";

export function ApplyRangeRules({ label }: { label: string }) {
  const router = useRouter();
  const [preview, setPreview] = useState<EditPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  return (
    <div className="stack">
      <div className="row">
        <Button
          variant="primary"
          pending={pending}
          onClick={async () => {
            setPending(true);
            setMessage(null);
            const r = await previewApplyRangeRulesAction({});
            setPending(false);
            if (r.ok) setPreview(r.data);
            else setMessage(r.message);
          }}
        >
          {label}
        </Button>
      </div>
      {message ? <Alert tone="err">{message}</Alert> : null}
      {preview ? (
        <EditReview
          preview={preview}
          saveLabel="Apply range rules"
          onSave={(save) => applyRangeRulesAction({ save })}
          onSaved={() => {
            setPreview(null);
            setMessage(null);
            router.refresh();
          }}
        />
      ) : null}
    </div>
  );
}

export function DeleteRangeRule({ id, baseHash }: { id: number; baseHash: string | null }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  if (!open) {
    return (
      <Button size="small" onClick={() => setOpen(true)} aria-label={`Delete rule ${id}`}>
        Delete
      </Button>
    );
  }
  return (
    <div className="stack">
      <div className="field">
        <label htmlFor={`delete-reason-${id}`}>Reason for deleting rule {id}</label>
        <input id={`delete-reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="row">
        <Button
          variant="danger"
          size="small"
          pending={pending}
          disabled={!reason.trim() || !baseHash}
          onClick={async () => {
            setPending(true);
            const r = await deleteRangeRuleAction({ id, save: { baseHash: baseHash!, reason, confirmWarnings: true } });
            setPending(false);
            const failure = saveFailureMessage(r);
            if (failure) setMessage(failure.message);
            else router.refresh();
          }}
        >
          Delete rule and its generated keys
        </Button>
        <Button size="small" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
      {message ? <Alert tone="err">{message}</Alert> : null}
    </div>
  );
}
