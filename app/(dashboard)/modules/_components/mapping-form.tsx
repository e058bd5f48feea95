"use client";
// Mapping form for one or many selected module versions: preview the YAML diff and blast radius, then save.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { EditPreview } from "@/lib/data/modules";
import { MAPPING_LEVELS, mappingFieldNames, type MappingField, type MappingLevel } from "@/lib/modules/mapping-fields";
import { previewMappingAction, saveMappingAction } from "../actions";
import { EditReview } from "./edit-review";
import { MappingFields, nonEmptyValues, type MappingValuesState } from "./mapping-fields";
import { useEditPreview } from "./use-edit-preview";

export type SelectedVersion = { id: number; name: string; version: string; lsid: string };

const fieldLabels: Record<MappingField, string> = {
  bundle: "runtime environment",
  jobDefinition: "job definition",
  image: "image",
  queue: "queue",
  memory: "memory",
  cpu: "CPUs",
  walltime: "walltime",
};

export function MappingForm({ selected, bundles, jobDefinitionNames, onSaved }: { selected: SelectedVersion[]; bundles: string[]; jobDefinitionNames: string[]; onSaved?: () => void }) {
  const router = useRouter();
  const [level, setLevel] = useState<MappingLevel>("name");
  const [values, setValues] = useState<MappingValuesState>({});
  const [clear, setClear] = useState<MappingField[]>([]);
  const { preview, setPreview, errors, message, saved, setSaved, pending, runPreview } = useEditPreview<EditPreview>();

  const mapping = () => ({ versionIds: selected.map((s) => s.id), level, clear, ...nonEmptyValues(values) });

  const names = [...new Set(selected.map((s) => `${s.name} ${s.version}`))];
  return (
    <section className="card stack" aria-label="Mapping form">
      <h2>Map {selected.length === 1 ? names[0] : `${selected.length} module versions`}</h2>
      {selected.length > 1 ? <p className="muted small">{names.join(", ")}</p> : null}
      <fieldset className="row">
        <legend>Write the mapping for</legend>
        {(Object.keys(MAPPING_LEVELS) as MappingLevel[]).map((l) => (
          <label key={l} className="row small">
            <input type="radio" name="mapping-level" value={l} checked={level === l} onChange={() => setLevel(l)} /> {MAPPING_LEVELS[l]}
          </label>
        ))}
      </fieldset>
      <MappingFields idPrefix="map" values={values} onChange={setValues} bundles={bundles} jobDefinitionNames={jobDefinitionNames} errors={errors} />
      <fieldset className="row small">
        <legend>Remove from the entry</legend>
        {mappingFieldNames.map((f) => (
          <label key={f} className="row">
            <input type="checkbox" checked={clear.includes(f)} onChange={(e) => setClear(e.target.checked ? [...clear, f] : clear.filter((c) => c !== f))} /> {fieldLabels[f]}
          </label>
        ))}
      </fieldset>
      <div className="row">
        <Button onClick={() => runPreview(() => previewMappingAction(mapping()))} pending={pending}>
          Preview changes
        </Button>
      </div>
      {message ? <Alert tone="err">{message}</Alert> : null}
      {saved ? <Alert tone="ok">{saved}</Alert> : null}
      {preview ? (
        <EditReview
          preview={preview}
          saveLabel="Save mapping"
          onSave={(save) => saveMappingAction({ mapping: mapping(), save })}
          onSaved={(r) => {
            setPreview(null);
            setSaved(`Saved as revision ${r.revisionId ?? "(unchanged)"}. The table shows the new effective settings.`);
            onSaved?.();
            router.refresh();
          }}
        />
      ) : null}
    </section>
  );
}
