"use client";
// The property fields shared by the mapping form and the range-rule form (empty = leave as it is).
import type { MappingField } from "@/lib/modules/mapping-fields";

export type MappingValuesState = Partial<Record<MappingField | "jobDefinitionRevision", string>>;

const textFields: { field: MappingField | "jobDefinitionRevision"; label: string; placeholder: string; list?: string }[] = [
  { field: "jobDefinition", label: "Job definition", placeholder: "e.g. Python36_Generic", list: "jobdef-names" },
  { field: "jobDefinitionRevision", label: "Job definition revision (optional)", placeholder: "e.g. 3" },
  { field: "image", label: "Docker image", placeholder: "e.g. genepattern/docker-python36:0.4" },
  { field: "queue", label: "Queue", placeholder: "e.g. gp-demo-queue" },
  { field: "memory", label: "Memory", placeholder: 'e.g. "4 Gb"' },
  { field: "cpu", label: "CPUs", placeholder: "e.g. 2" },
  { field: "walltime", label: "Walltime", placeholder: "e.g. 02:00:00" },
];

export function MappingFields({
  idPrefix,
  values,
  onChange,
  bundles,
  jobDefinitionNames,
  errors,
}: {
  idPrefix: string;
  values: MappingValuesState;
  onChange: (values: MappingValuesState) => void;
  bundles: string[];
  jobDefinitionNames: string[];
  errors?: Record<string, string[]>;
}) {
  const set = (field: keyof MappingValuesState, value: string) => onChange({ ...values, [field]: value });
  return (
    <div className="grid-2">
      <div className="field">
        <label htmlFor={`${idPrefix}-bundle`}>Runtime environment (executor.props)</label>
        <select id={`${idPrefix}-bundle`} value={values.bundle ?? ""} onChange={(e) => set("bundle", e.target.value)}>
          <option value="">(leave as it is)</option>
          {bundles.map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
        {errors?.bundle ? <span className="error">{errors.bundle.join(" ")}</span> : null}
      </div>
      {textFields.map(({ field, label, placeholder, list }) => (
        <div className="field" key={field}>
          <label htmlFor={`${idPrefix}-${field}`}>{label}</label>
          <input id={`${idPrefix}-${field}`} value={values[field] ?? ""} placeholder={placeholder} list={list} onChange={(e) => set(field, e.target.value)} />
          {errors?.[field] ? <span className="error">{errors[field].join(" ")}</span> : null}
        </div>
      ))}
      <datalist id="jobdef-names">
        {jobDefinitionNames.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
    </div>
  );
}

/** Drops empty fields so the schema sees only what the admin set. */
export function nonEmptyValues(values: MappingValuesState): MappingValuesState {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v.trim() !== "")) as MappingValuesState;
}
