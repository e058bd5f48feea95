"use client";
// Pin a module or bundle in the candidate channel to an exact job-definition revision and an image.
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PinChoices } from "@/lib/data/environments";
import { setPinAction } from "../actions";

export function PinForm({ choices, defaultTarget, defaultJobDefinition }: { choices: PinChoices; defaultTarget?: string; defaultJobDefinition?: string }) {
  const [target, setTarget] = useState(defaultTarget ?? "");
  const [jobDefinition, setJobDefinition] = useState(defaultJobDefinition ?? "");
  const [image, setImage] = useState(choices.jobDefinitions.find((j) => j.ref === defaultJobDefinition)?.image ?? "");
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "err"; text: string; fields?: Record<string, string[]> } | null>(null);
  const [pending, start] = useTransition();
  const router = useRouter();
  const mutable = /(:latest)$|^[^:@]+$|\/[^:@]+$/.test(image.trim()) && image.trim() !== "";

  return (
    <form
      className="card"
      aria-label="Pin to candidate"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await setPinAction({ environment: "candidate", target, jobDefinition, image, reason });
          if (r.ok) {
            setMessage({ tone: "ok", text: `Pinned ${target} to ${jobDefinition} in candidate.` });
            router.refresh();
          } else setMessage({ tone: "err", text: r.message, fields: r.fieldErrors });
        });
      }}
    >
      <h2>Pin to candidate</h2>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <div className="filters">
        <div className="field">
          <label htmlFor="pin-target">Module or bundle</label>
          <input id="pin-target" list="pin-targets" value={target} onChange={(e) => setTarget(e.target.value)} placeholder="WordCount or bundle:python/3.6" required />
          <datalist id="pin-targets">
            {choices.modules.map((m) => (
              <option key={m} value={m} />
            ))}
            {choices.bundles.map((b) => (
              <option key={b} value={`bundle:${b}`} />
            ))}
          </datalist>
        </div>
        <div className="field">
          <label htmlFor="pin-jobdef">Job definition revision</label>
          <select
            id="pin-jobdef"
            value={jobDefinition}
            onChange={(e) => {
              setJobDefinition(e.target.value);
              setImage(choices.jobDefinitions.find((j) => j.ref === e.target.value)?.image ?? "");
            }}
            required
          >
            <option value="">Choose…</option>
            {choices.jobDefinitions.map((j) => (
              <option key={j.ref} value={j.ref}>
                {j.ref}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pin-image">Image (job.docker.image)</label>
          <input id="pin-image" value={image} onChange={(e) => setImage(e.target.value)} placeholder="repository:tag or @sha256:…" />
          {mutable ? <span className="error">A mutable tag (:latest or none): production should pin a version or digest.</span> : null}
        </div>
        <div className="field">
          <label htmlFor="pin-reason">Reason</label>
          <input id="pin-reason" value={reason} onChange={(e) => setReason(e.target.value)} required />
        </div>
        <Button type="submit" variant="primary" pending={pending}>
          Pin to candidate
        </Button>
      </div>
    </form>
  );
}
