"use client";
// Import modules from a module zip or manifest, a taskLib folder on this machine, or a GP server's REST API.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ImportOutcome } from "@/lib/data/modules";
import type { ActionResult } from "@/lib/errors";
import { importModulesAction } from "../../actions";

function Outcome({ result }: { result: ActionResult<ImportOutcome> }) {
  if (!result.ok) {
    return (
      <Alert tone="err" title="Nothing was imported.">
        <span className="problem-message">{result.message}</span>
      </Alert>
    );
  }
  const d = result.data;
  return (
    <Alert tone="ok" title="Imported.">
      {d.created} new, {d.updated} updated, {d.unchanged} unchanged.
      <ul>
        {d.versions
          .filter((v) => v.status !== "unchanged")
          .map((v) => (
            <li key={v.id}>
              <Link href={`/modules/${v.id}`}>
                {v.name} {v.version}
              </Link>{" "}
              ({v.status})
            </li>
          ))}
      </ul>
      {d.covered.length ? (
        <p>
          Covered by range rules: {d.covered.map((c) => `${c.name} ${c.version} (rule ${c.ruleIds.join(", ")})`).join("; ")}. <Link href="/modules/ranges">Apply the rules</Link>
        </p>
      ) : null}
    </Alert>
  );
}

function useImport() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ActionResult<ImportOutcome> | null>(null);
  const run = async (fn: () => Promise<ActionResult<ImportOutcome>>) => {
    setPending(true);
    setResult(null);
    try {
      const r = await fn();
      setResult(r);
      if (r.ok) router.refresh();
    } catch (error) {
      setResult({ ok: false, code: "failed", message: (error as Error).message });
    } finally {
      setPending(false);
    }
  };
  return { pending, result, run };
}

export function UploadForm() {
  const { pending, result, run } = useImport();
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    void run(async () => {
      const response = await fetch("/modules/import/upload", { method: "POST", body: form });
      const body = (await response.json().catch(() => null)) as ActionResult<ImportOutcome> | null;
      return body ?? { ok: false, code: "failed", message: `The server answered HTTP ${response.status}.` };
    });
  };
  return (
    <form className="card stack" aria-label="Upload a module" onSubmit={submit}>
      <h2>Upload a module zip or manifest</h2>
      <div className="field">
        <label htmlFor="upload-file">Module zip or manifest file</label>
        <input id="upload-file" name="file" type="file" required />
        <span className="hint">GP&apos;s export format: a zip with <code>manifest</code> and the module&apos;s files at the top.</span>
      </div>
      <div className="field">
        <label htmlFor="upload-reason">Note (optional)</label>
        <input id="upload-reason" name="reason" maxLength={300} />
      </div>
      <div className="row">
        <Button type="submit" variant="primary" pending={pending}>
          Upload and import
        </Button>
      </div>
      {result ? <Outcome result={result} /> : null}
    </form>
  );
}

export function TaskLibForm() {
  const { pending, result, run } = useImport();
  const [dir, setDir] = useState("");
  return (
    <form className="card stack" aria-label="Import a taskLib folder" onSubmit={(e) => (e.preventDefault(), void run(() => importModulesAction({ kind: "taskLib", dir })))}>
      <h2>Import a taskLib folder</h2>
      <div className="field">
        <label htmlFor="tasklib-dir">Folder on this machine</label>
        <input id="tasklib-dir" value={dir} onChange={(e) => setDir(e.target.value)} placeholder="/opt/gp/taskLib" required />
        <span className="hint">
          Every <code>&lt;Name&gt;.&lt;version&gt;.&lt;id&gt;/manifest</code> below it is imported; the files stay where they are.
        </span>
      </div>
      <div className="row">
        <Button type="submit" variant="primary" pending={pending}>
          Import folder
        </Button>
      </div>
      {result ? <Outcome result={result} /> : null}
    </form>
  );
}

export function GpServerForm({ defaultUrl, defaultUser }: { defaultUrl: string; defaultUser: string }) {
  const { pending, result, run } = useImport();
  const [url, setUrl] = useState(defaultUrl);
  const [user, setUser] = useState(defaultUser);
  const [password, setPassword] = useState("");
  return (
    <form className="card stack" aria-label="Import from a GP server" onSubmit={(e) => (e.preventDefault(), void run(() => importModulesAction({ kind: "gp", url, user, password })))}>
      <h2>Import from a GenePattern server</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="gp-url">GP server URL</label>
          <input id="gp-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://gp.example.org/gp" required />
        </div>
        <div className="field">
          <label htmlFor="gp-user">User</label>
          <input id="gp-user" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" />
        </div>
        <div className="field">
          <label htmlFor="gp-password">Password</label>
          <input id="gp-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
          <span className="hint">Used for this import only; not stored.</span>
        </div>
      </div>
      <div className="row">
        <Button type="submit" variant="primary" pending={pending}>
          Import from server
        </Button>
      </div>
      {result ? <Outcome result={result} /> : null}
    </form>
  );
}
