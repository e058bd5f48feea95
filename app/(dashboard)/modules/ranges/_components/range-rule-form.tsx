"use client";
// Add a version-range rule: module, range and the properties to write; preview the compiled keys and save.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { EditPreview } from "@/lib/data/modules";
import type { RangeOverlap } from "@/lib/modules/ranges";
import { createRangeRuleAction, previewRangeRuleAction } from "../../actions";
import { EditReview } from "../../_components/edit-review";
import { MappingFields, nonEmptyValues, type MappingValuesState } from "../../_components/mapping-fields";
import { useEditPreview } from "../../_components/use-edit-preview";

export type ModuleChoice = { name: string; baseLsid: string; versions: string[] };

export function RangeRuleForm({ modules, bundles, jobDefinitionNames }: { modules: ModuleChoice[]; bundles: string[]; jobDefinitionNames: string[] }) {
  const router = useRouter();
  const [baseLsid, setBaseLsid] = useState("");
  const [range, setRange] = useState("");
  const [values, setValues] = useState<MappingValuesState>({});
  const { preview, setPreview, errors, message, saved, setSaved, pending, runPreview } = useEditPreview<EditPreview & { covers: string[]; overlaps: RangeOverlap[] }>(
    // The action reports the mapping fields under "values."; the shared fields are keyed without it.
    (fieldErrors) => Object.fromEntries(Object.entries(fieldErrors ?? {}).map(([k, v]) => [k.replace(/^values\./, ""), v])),
  );
  const chosen = modules.find((m) => m.baseLsid === baseLsid);
  const rule = () => ({ baseLsid, range, values: nonEmptyValues(values) });

  return (
    <section className="card stack" aria-label="Add a range rule">
      <h2>Add a range rule</h2>
      <div className="grid-2">
        <div className="field">
          <label htmlFor="rule-module">Module</label>
          <select id="rule-module" value={baseLsid} onChange={(e) => setBaseLsid(e.target.value)}>
            <option value="">(choose a module)</option>
            {modules.map((m) => (
              <option key={m.baseLsid} value={m.baseLsid}>
                {m.name} ({m.versions.join(", ")})
              </option>
            ))}
          </select>
          {errors?.baseLsid ? <span className="error">{errors.baseLsid.join(" ")}</span> : null}
          {chosen ? <span className="hint mono">{chosen.baseLsid}</span> : null}
        </div>
        <div className="field">
          <label htmlFor="rule-range">Version range</label>
          <input id="rule-range" value={range} onChange={(e) => setRange(e.target.value)} placeholder=">=6.15 <7, 6.x, 2 or *" />
          <span className="hint">Comparators (&gt;=, &gt;, &lt;, &lt;=) combined by spaces, N.x wildcards, * or an exact version.</span>
          {errors?.range ? <span className="error">{errors.range.join(" ")}</span> : null}
        </div>
      </div>
      <MappingFields idPrefix="rule" values={values} onChange={setValues} bundles={bundles} jobDefinitionNames={jobDefinitionNames} errors={errors} />
      <div className="row">
        <Button onClick={() => runPreview(() => previewRangeRuleAction(rule()))} pending={pending}>
          Preview rule
        </Button>
      </div>
      {message ? <Alert tone="err">{message}</Alert> : null}
      {saved ? <Alert tone="ok">{saved}</Alert> : null}
      {preview ? (
        <>
          {preview.overlaps.length ? (
            <Alert tone="warn" title="Overlaps:">
              {preview.overlaps.map((o) => `range ${o.ranges[1]} overlaps rule ${o.ruleIds[0]} (${o.ranges[0]})${o.versions.length ? ` on versions ${o.versions.join(", ")}` : ""}`).join("; ")}. Where rules overlap, the newer rule wins key by key.
            </Alert>
          ) : null}
          <EditReview
            preview={preview}
            saveLabel="Save rule"
            onSave={(save) => createRangeRuleAction({ rule: rule(), save })}
            onSaved={(r) => {
              setPreview(null);
              setSaved(`Rule saved and compiled (config revision ${r.revisionId ?? "unchanged"}).`);
              router.refresh();
            }}
          />
        </>
      ) : null}
    </section>
  );
}
