"use client";
// Create or edit an executor.properties bundle (a runtime environment): name, properties, preview, save.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { BundleInfo, EditPreview } from "@/lib/data/modules";
import { previewBundleAction, saveBundleAction } from "../../actions";
import { EditReview } from "../../_components/edit-review";

type Row = { key: string; value: string };

const suggestedKeys = ["job.awsbatch.job-definition-name", "job.docker.image", "job.queue", "job.memory", "job.cpuCount", "job.walltime", "executor"];

export function BundleForm({ bundles }: { bundles: BundleInfo[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [rows, setRows] = useState<Row[]>([{ key: "job.awsbatch.job-definition-name", value: "" }, { key: "job.docker.image", value: "" }]);
  const [original, setOriginal] = useState<string[]>([]);
  const [preview, setPreview] = useState<EditPreview | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const load = (n: string) => {
    setName(n);
    const existing = bundles.find((b) => b.name === n);
    if (existing) {
      setRows(existing.props.map((p) => ({ key: p.key, value: p.value })));
      setOriginal(existing.props.map((p) => p.key));
    } else setOriginal([]);
    setPreview(null);
  };
  const input = () => {
    const props = rows.filter((r) => r.key.trim());
    const keys = new Set(props.map((r) => r.key.trim()));
    return { name, props, remove: original.filter((k) => !keys.has(k)) };
  };

  return (
    <section className="card stack" aria-label="Runtime environment form">
      <h2>Create or edit a runtime environment</h2>
      <div className="field">
        <label htmlFor="bundle-name">Name</label>
        <input id="bundle-name" value={name} list="bundle-names" placeholder="e.g. python/3.6" onChange={(e) => load(e.target.value)} />
        <datalist id="bundle-names">
          {bundles.map((b) => (
            <option key={b.name} value={b.name} />
          ))}
        </datalist>
        <span className="hint">Modules select it with executor.props; its keys act as extra executor defaults for them.</span>
      </div>
      <table className="table" aria-label="Bundle properties">
        <thead>
          <tr>
            <th scope="col">Property</th>
            <th scope="col">Value</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`Property ${i + 1} name`} value={row.key} list="bundle-keys" onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))} />
              </td>
              <td>
                <input aria-label={`Property ${i + 1} value`} value={row.value} onChange={(e) => setRows(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))} />
              </td>
              <td>
                <Button size="small" aria-label={`Remove property ${i + 1}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                  Remove
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <datalist id="bundle-keys">
        {suggestedKeys.map((k) => (
          <option key={k} value={k} />
        ))}
      </datalist>
      <div className="row">
        <Button size="small" onClick={() => setRows([...rows, { key: "", value: "" }])}>
          Add property
        </Button>
        <Button
          pending={pending}
          onClick={async () => {
            setPending(true);
            setMessage(null);
            setSaved(null);
            const r = await previewBundleAction(input());
            setPending(false);
            if (r.ok) setPreview(r.data);
            else setMessage(r.message);
          }}
        >
          Preview changes
        </Button>
      </div>
      {message ? <Alert tone="err">{message}</Alert> : null}
      {saved ? <Alert tone="ok">{saved}</Alert> : null}
      {preview ? (
        <EditReview
          preview={preview}
          saveLabel="Save runtime environment"
          onSave={(save) => saveBundleAction({ bundle: input(), save })}
          onSaved={(r) => {
            setPreview(null);
            setSaved(`Saved as config revision ${r.revisionId ?? "(unchanged)"}.`);
            router.refresh();
          }}
        />
      ) : null}
    </section>
  );
}
