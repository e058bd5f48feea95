"use client";
// The submit form: module + version, GP user, parameters from the manifest (types, choices, defaults, required),
// input files uploaded or given as server paths; "Show plan" runs a dry run, "Submit" sends it once.
import { useRouter } from "next/navigation";
import { useMemo, useState, useTransition } from "react";
import type { SubmittableModule, SubmitParam } from "@/lib/data/jobs";
import type { TestJobPlan } from "@/lib/executors/plan";
import type { TestJobRequestInput } from "@/lib/executors/job-schemas";
import { planJobAction, submitJobAction } from "../../actions";
import { PlanView } from "../../_components/plan-view";

type Props = { modules: SubmittableModule[]; defaultUser: string; initialModule?: string };

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
}

export function SubmitForm({ modules, defaultUser, initialModule }: Props) {
  const router = useRouter();
  const [moduleName, setModuleName] = useState(modules.some((m) => m.name === initialModule) ? initialModule! : modules[0].name);
  const module = modules.find((m) => m.name === moduleName) ?? modules[0];
  const [versionId, setVersionId] = useState(module.versions[0].id);
  const version = module.versions.find((v) => v.id === versionId) ?? module.versions[0];
  const [userId, setUserId] = useState(defaultUser);
  const [executor, setExecutor] = useState<"" | "local" | "aws">("");
  const [values, setValues] = useState<Record<string, string>>({});
  const [uploading, setUploading] = useState<Record<string, boolean>>({});
  const [plan, setPlan] = useState<TestJobPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [pending, startTransition] = useTransition();
  const [submitting, setSubmitting] = useState(false);

  const request = useMemo((): TestJobRequestInput => {
    const params: Record<string, string> = {};
    for (const p of version.params) {
      const v = values[p.name];
      if (v !== undefined && v !== "") params[p.name] = v;
    }
    return { module: version.lsid, userId, params, ...(executor ? { executor } : {}) };
  }, [version, values, userId, executor]);

  function changed() {
    setPlan(null);
    setError(null);
    setFieldErrors({});
    setIdempotencyKey(newKey());
  }

  function setValue(name: string, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
    changed();
  }

  async function upload(param: SubmitParam, file: File | undefined) {
    if (!file) return;
    setUploading((u) => ({ ...u, [param.name]: true }));
    try {
      const body = new FormData();
      body.set("file", file);
      const res = await fetch("/jobs/uploads", { method: "POST", body });
      const json = (await res.json()) as { ok: boolean; path?: string; message?: string };
      if (!json.ok || !json.path) setFieldErrors((e) => ({ ...e, [param.name]: [json.message ?? "Upload failed"] }));
      else setValue(param.name, json.path);
    } finally {
      setUploading((u) => ({ ...u, [param.name]: false }));
    }
  }

  function showPlan() {
    startTransition(async () => {
      const result = await planJobAction(request);
      if (result.ok) {
        setPlan(result.data);
        setError(null);
        setFieldErrors({});
      } else {
        setPlan(null);
        setError(result.message);
        setFieldErrors(result.fieldErrors ?? {});
      }
    });
  }

  function submit() {
    if (submitting) return;
    setSubmitting(true);
    startTransition(async () => {
      const result = await submitJobAction({ request, idempotencyKey });
      if (result.ok) {
        router.push(`/jobs/${result.data.jobId}`);
        return;
      }
      setSubmitting(false);
      setError(result.message);
      setFieldErrors(result.fieldErrors ?? {});
    });
  }

  const busy = pending || Object.values(uploading).some(Boolean);

  return (
    <div className="grid-2">
      <form
        className="card"
        aria-label="Test job"
        onSubmit={(e) => {
          e.preventDefault();
          showPlan();
        }}
      >
        <div className="field">
          <label htmlFor="job-module">Module</label>
          <select
            id="job-module"
            value={moduleName}
            onChange={(e) => {
              const next = modules.find((m) => m.name === e.target.value)!;
              setModuleName(next.name);
              setVersionId(next.versions[0].id);
              setValues({});
              changed();
            }}
          >
            {modules.map((m) => (
              <option key={m.name}>{m.name}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-version">Version</label>
          <select
            id="job-version"
            value={versionId}
            onChange={(e) => {
              setVersionId(Number(e.target.value));
              setValues({});
              changed();
            }}
          >
            {module.versions.map((v) => (
              <option key={v.id} value={v.id}>
                {v.version} ({v.lsid})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="job-user">GP user</label>
          <input id="job-user" value={userId} onChange={(e) => { setUserId(e.target.value); changed(); }} />
          <span className="hint">The user the job runs as: user and group settings of the config apply.</span>
        </div>
        <div className="field">
          <label htmlFor="job-executor">Executor</label>
          <select id="job-executor" value={executor} onChange={(e) => { setExecutor(e.target.value as "" | "local" | "aws"); changed(); }}>
            <option value="">as configured</option>
            <option value="local">local (this machine)</option>
            <option value="aws">AWS Batch</option>
          </select>
        </div>

        <h3>Parameters</h3>
        {version.params.length === 0 ? <p className="muted">This module has no parameters.</p> : null}
        {version.params.map((p) => (
          <ParamField key={`${version.id}-${p.name}`} param={p} value={values[p.name] ?? ""} errors={fieldErrors[p.name]} uploading={Boolean(uploading[p.name])} onChange={(v) => setValue(p.name, v)} onUpload={(f) => upload(p, f)} />
        ))}

        {error ? (
          <div className="alert alert-err" role="alert">
            {error}
          </div>
        ) : null}
        <div className="toolbar">
          <button className="btn" type="submit" disabled={busy}>
            {pending && !submitting ? "Planning…" : "Show plan"}
          </button>
          <button className="btn btn-primary" type="button" onClick={submit} disabled={busy || submitting || !plan} title={plan ? undefined : "Show the plan first"}>
            {submitting ? "Submitting…" : "Submit"}
          </button>
        </div>
      </form>
      <div>{plan ? <PlanView plan={plan} /> : <div className="card muted">The plan (argv, S3 keys, exec.sh and the exact SubmitJob request) appears here.</div>}</div>
    </div>
  );
}

function ParamField({ param, value, errors, uploading, onChange, onUpload }: { param: SubmitParam; value: string; errors?: string[]; uploading: boolean; onChange: (v: string) => void; onUpload: (f: File | undefined) => void }) {
  const id = `param-${param.name}`;
  const required = !param.optional && !param.defaultValue;
  const hint = [param.description, param.defaultValue ? `default: ${param.defaultValue}` : null, param.optional ? "optional" : required ? "required" : null].filter(Boolean).join(" · ");
  return (
    <div className="field">
      <label htmlFor={id}>
        {param.name}
        {required ? " *" : ""}
      </label>
      {param.choices ? (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{param.defaultValue ? `(default: ${param.defaultValue})` : "(none)"}</option>
          {param.choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label === c.value ? c.value : `${c.label} (${c.value})`}
            </option>
          ))}
        </select>
      ) : param.isFile ? (
        <div className="row">
          <input id={id} placeholder="server path, or upload" value={value} onChange={(e) => onChange(e.target.value)} />
          <input type="file" aria-label={`Upload ${param.name}`} onChange={(e) => onUpload(e.target.files?.[0])} />
          {uploading ? <span className="muted small">uploading…</span> : null}
        </div>
      ) : (
        <input
          id={id}
          type={param.type.toUpperCase() === "INTEGER" || param.type.toUpperCase() === "FLOATING_POINT" ? "number" : "text"}
          step={param.type.toUpperCase() === "FLOATING_POINT" ? "any" : undefined}
          placeholder={param.defaultValue ?? ""}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {hint ? <span className="hint">{hint}</span> : null}
      {errors?.map((e) => (
        <span key={e} className="error">
          {e}
        </span>
      ))}
    </div>
  );
}
