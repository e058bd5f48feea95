"use client";
// The five-step wizard: (1) runtime environment, (2) image, (3) job definition, (4) executor.properties bundle,
// (5) module association; then review (config diff + job-definition JSON), save, and run the module's test job.
import Link from "next/link";
import { useMemo, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { WizardChoices, WizardPreview, WizardResult } from "@/lib/data/jobdefs";
import { isMutableImage, parseImageRef } from "@/lib/jobdefs/image-ref";
import { parseTokenLines, type WizardInput } from "@/lib/jobdefs/wizard-input";
import { UnifiedDiff } from "@/app/(dashboard)/environments/_components/unified-diff";
import { applyWizardAction, previewWizardAction } from "../actions";

const yamlValue = (v: string) => (/^[\w./-]+$/.test(v) && !/^\d/.test(v) ? v : JSON.stringify(v));

function Writes({ children, label }: { children: string; label: string }) {
  return (
    <div>
      <div className="muted small">Will write:</div>
      <pre className="diff mono" aria-label={label}>
        {children}
      </pre>
    </div>
  );
}

export function ConfigureModuleWizard({ choices, defaultModule }: { choices: WizardChoices; defaultModule: string }) {
  const [bundle, setBundle] = useState(choices.bundles[0]?.name ?? "python/3.6");
  const existingBundle = choices.bundles.find((b) => b.name === bundle);
  const [image, setImage] = useState(existingBundle?.props["job.docker.image"] ?? "genepattern/docker-python36:0.4");
  const [jdMode, setJdMode] = useState<"existing" | "new">("new");
  const [existingRef, setExistingRef] = useState(choices.definitions[0]?.ref ?? "");
  const [template, setTemplate] = useState(choices.definitions.find((d) => d.name === "Python36_Generic")?.ref ?? choices.definitions[0]?.ref ?? "");
  const [newName, setNewName] = useState("Python36_Generic");
  const [tokenText, setTokenText] = useState(
    Object.entries(existingBundle?.props ?? { "python_3.6": "python3" })
      .filter(([k]) => k !== "job.docker.image" && k !== "job.awsbatch.job-definition-name")
      .map(([k, v]) => `${k}: ${v}`)
      .join("\n") || "python_3.6: python3",
  );
  const [assocBy, setAssocBy] = useState<"name" | "lsid" | "range">("name");
  const [assocKey, setAssocKey] = useState(defaultModule || choices.modules[0]?.name || "");
  const [range, setRange] = useState(">=1");
  const [reason, setReason] = useState("");
  const [preview, setPreview] = useState<WizardPreview | null>(null);
  const [result, setResult] = useState<WizardResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const [pending, start] = useTransition();

  const tokens = useMemo(() => parseTokenLines(tokenText), [tokenText]);
  const imageRef = parseImageRef(image);
  const jdRef = jdMode === "existing" ? existingRef : `${newName}:(new revision)`;
  const templateJson = choices.definitions.find((d) => d.ref === template)?.json;
  const newDefinitionJson = useMemo(() => {
    if (jdMode !== "new" || !templateJson) return "";
    const t = JSON.parse(templateJson) as Record<string, unknown>;
    return JSON.stringify({ ...t, jobDefinitionName: newName, containerProperties: { ...(t.containerProperties as object), image } }, null, 2);
  }, [jdMode, templateJson, newName, image]);

  const input = (): WizardInput => ({
    bundle,
    image,
    jobDefinition: jdMode === "existing" ? { mode: "existing", ref: existingRef } : { mode: "new", template, name: newName },
    tokens: tokens.tokens,
    association: assocBy === "range" ? { by: "range", key: assocKey, range } : { by: assocBy, key: assocKey },
    reason,
  });
  const changed = () => {
    setPreview(null);
    setResult(null);
  };

  const bundleYaml = [`executor.properties:`, `  ${bundle}:`, `    job.awsbatch.job-definition-name: ${jdRef}`, `    job.docker.image: ${yamlValue(image)}`, ...Object.entries(tokens.tokens).map(([k, v]) => `    ${k}: ${yamlValue(v)}`)].join("\n");
  const assocYaml =
    assocBy === "range"
      ? `# a range rule: every catalog version of ${assocKey} in ${range}\nmodule.properties:\n  ${assocKey}:<version>:\n    executor.props: ${bundle}`
      : `module.properties:\n  ${assocBy === "lsid" ? JSON.stringify(assocKey) : assocKey}:\n    executor.props: ${yamlValue(bundle)}`;

  return (
    <div className="stack">
      {/* Any edit in steps 1-5 invalidates the review below. */}
      <div className="stack" onChange={changed}>
      <section className="card" aria-label="Step 1: runtime environment">
        <h2>1. Runtime environment</h2>
        <div className="field">
          <label htmlFor="wiz-bundle">Runtime environment (executor.properties bundle)</label>
          <input id="wiz-bundle" list="wiz-bundles" value={bundle} onChange={(e) => setBundle(e.target.value)} />
          <datalist id="wiz-bundles">
            {choices.bundles.map((b) => (
              <option key={b.name} value={b.name} />
            ))}
          </datalist>
          <span className="hint">{existingBundle ? "Existing bundle: its keys are updated, others kept." : "New bundle: it will be created."}</span>
        </div>
        <Writes label="Step 1 writes">{`executor.properties:\n  ${bundle}: ${existingBundle ? "(existing, updated in step 4)" : "{}   # new"}`}</Writes>
      </section>

      <section className="card" aria-label="Step 2: container image">
        <h2>2. Container image</h2>
        <div className="field">
          <label htmlFor="wiz-image">Container image</label>
          <input id="wiz-image" value={image} onChange={(e) => setImage(e.target.value)} />
          <span className="hint">
            {imageRef.digest ? (
              <Badge tone="ok">digest {imageRef.digest}</Badge>
            ) : isMutableImage(image) ? (
              <Badge tone="warn">mutable tag: pin a version or digest for production</Badge>
            ) : (
              <Badge tone="neutral">tag {imageRef.tag} not resolved to a digest (no registry access from this server)</Badge>
            )}
          </span>
        </div>
        <Writes label="Step 2 writes">{`job.docker.image: ${yamlValue(image)}   # in the bundle (step 4)`}</Writes>
      </section>

      <section className="card" aria-label="Step 3: job definition">
        <h2>3. Job definition</h2>
        <fieldset>
          <legend>Job definition</legend>
          <label>
            <input type="radio" name="jd-mode" checked={jdMode === "new"} onChange={() => setJdMode("new")} /> Register one from a template with this image
          </label>
          <label>
            <input type="radio" name="jd-mode" checked={jdMode === "existing"} onChange={() => setJdMode("existing")} /> Use an existing revision
          </label>
        </fieldset>
        {jdMode === "existing" ? (
          <div className="field">
            <label htmlFor="wiz-existing">Existing revision</label>
            <select id="wiz-existing" value={existingRef} onChange={(e) => setExistingRef(e.target.value)}>
              {choices.definitions.map((d) => (
                <option key={d.ref} value={d.ref}>
                  {d.ref} ({d.image})
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="filters">
            <div className="field">
              <label htmlFor="wiz-template">Template</label>
              <select id="wiz-template" value={template} onChange={(e) => setTemplate(e.target.value)}>
                {choices.definitions.map((d) => (
                  <option key={d.ref} value={d.ref}>
                    {d.ref}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="wiz-jdname">New job definition name</label>
              <input id="wiz-jdname" value={newName} onChange={(e) => setNewName(e.target.value)} />
            </div>
          </div>
        )}
        <Writes label="Step 3 writes">{jdMode === "new" ? `RegisterJobDefinition (a new revision of ${newName} unless identical to its latest):\n${newDefinitionJson}` : `Nothing registered; the bundle uses ${existingRef}.`}</Writes>
      </section>

      <section className="card" aria-label="Step 4: executor.properties bundle">
        <h2>4. executor.properties bundle</h2>
        <div className="field">
          <label htmlFor="wiz-tokens">Substitution tokens (key: value per line)</label>
          <textarea id="wiz-tokens" className="mono" rows={3} value={tokenText} onChange={(e) => setTokenText(e.target.value)} />
          {tokens.errors.length ? <span className="error">{tokens.errors.join("; ")}</span> : null}
        </div>
        <Writes label="Step 4 writes">{bundleYaml}</Writes>
      </section>

      <section className="card" aria-label="Step 5: associate the module">
        <h2>5. Associate the module</h2>
        <div className="filters">
          <div className="field">
            <label htmlFor="wiz-assoc-by">Associate by</label>
            <select id="wiz-assoc-by" value={assocBy} onChange={(e) => setAssocBy(e.target.value as "name" | "lsid" | "range")}>
              <option value="name">module name</option>
              <option value="lsid">full LSID</option>
              <option value="range">version range (base LSID)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="wiz-module">Module</label>
            <input id="wiz-module" list="wiz-modules" value={assocKey} onChange={(e) => setAssocKey(e.target.value)} />
            <datalist id="wiz-modules">
              {choices.modules.flatMap((m) => (assocBy === "name" ? [m.name] : assocBy === "range" ? [m.baseLsid] : m.lsids)).map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
          </div>
          {assocBy === "range" ? (
            <div className="field">
              <label htmlFor="wiz-range">Version range</label>
              <input id="wiz-range" value={range} onChange={(e) => setRange(e.target.value)} />
            </div>
          ) : null}
        </div>
        <Writes label="Step 5 writes">{assocYaml}</Writes>
      </section>
      </div>

      <section className="card" aria-label="Review and save">
        <h2>Review and save</h2>
        <div className="field">
          <label htmlFor="wiz-reason">Reason</label>
          <input id="wiz-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why this change" />
        </div>
        <div className="toolbar">
          <Button
            pending={pending}
            disabled={tokens.errors.length > 0}
            onClick={() =>
              start(async () => {
                const r = await previewWizardAction(input());
                if (r.ok) {
                  setPreview(r.data);
                  setError(null);
                } else setError(r.message);
              })
            }
          >
            Review changes
          </Button>
        </div>
        {error ? <Alert tone="err">{error}</Alert> : null}
        {preview ? (
          <div className="stack">
            {preview.notes.map((n) => (
              <Alert key={n} tone="info">
                {n}
              </Alert>
            ))}
            {preview.errors.length ? (
              <Alert tone="err" title="The config would be invalid:">
                <DiagnosticItems items={preview.errors} />
              </Alert>
            ) : null}
            {preview.warnings.length ? (
              <Alert tone="warn" title="Warnings:">
                <DiagnosticItems items={preview.warnings} />
                <label>
                  <input type="checkbox" checked={confirmWarnings} onChange={(e) => setConfirmWarnings(e.target.checked)} /> Save despite the warnings
                </label>
              </Alert>
            ) : null}
            <h3>Config diff</h3>
            <UnifiedDiff diff={preview.diff} label="Config diff" />
            <h3>Job definition {preview.jobDefinitionRef}</h3>
            <pre className="diff mono" aria-label="Job definition JSON">
              {preview.definitionJson}
            </pre>
            <Button
              variant="primary"
              pending={pending}
              disabled={preview.errors.length > 0 || (preview.warnings.length > 0 && !confirmWarnings)}
              onClick={() =>
                start(async () => {
                  const r = await applyWizardAction({ ...input(), baseHash: preview.baseHash, confirmWarnings });
                  if (r.ok) {
                    setResult(r.data);
                    setError(null);
                  } else setError(r.message);
                })
              }
            >
              Save configuration
            </Button>
          </div>
        ) : null}
        {result ? (
          <div className="stack">
            <Alert tone={result.ok ? "ok" : "err"}>{result.message}</Alert>
            {result.ok ? (
              <>
                <UnifiedDiff diff={result.diff} label="Saved config change" />
                {result.rangeDiff ? <UnifiedDiff diff={result.rangeDiff} label="Range rule change" /> : null}
                <p>
                  <Link className="btn btn-primary" href={`/jobs/new?module=${encodeURIComponent(result.testModule)}`}>
                    Run {result.testModule}&apos;s test job
                  </Link>{" "}
                  <Link className="btn" href={`/environments?target=${encodeURIComponent(`bundle:${bundle}`)}&jobDefinition=${encodeURIComponent(result.jobDefinitionRef)}`}>
                    Pin in an environment
                  </Link>
                </p>
              </>
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}

function DiagnosticItems({ items }: { items: WizardPreview["errors"] }) {
  return (
    <ul>
      {items.map((d, i) => (
        <li key={i}>
          line {d.range.start.line}:{d.range.start.col} {d.message}
        </li>
      ))}
    </ul>
  );
}
