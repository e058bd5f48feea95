"use client";
// The modules table page: sortable columns, problem badges, row selection feeding the mapping form.
import Link from "next/link";
import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { EffectiveRow } from "@/lib/modules/effective";
import type { ModuleSortKey, ModuleTableQuery } from "@/lib/modules/table-query";
import { flagLabels, modulesHref } from "./modules-href";
import { MappingForm, type SelectedVersion } from "./mapping-form";

const columns: { key: ModuleSortKey; label: string }[] = [
  { key: "name", label: "Name" },
  { key: "version", label: "Version" },
  { key: "lsid", label: "LSID" },
  { key: "executor", label: "Executor" },
  { key: "executorProps", label: "Runtime environment" },
  { key: "image", label: "Image" },
  { key: "jobDefinition", label: "Job definition" },
  { key: "queue", label: "Queue" },
  { key: "memoryMb", label: "Memory" },
  { key: "cpu", label: "CPU" },
];

const none = <span className="muted">—</span>;

export function ModulesTable({
  rows,
  query,
  canWrite,
  bundles,
  jobDefinitionNames,
}: {
  rows: EffectiveRow[];
  query: ModuleTableQuery;
  canWrite: boolean;
  bundles: string[];
  jobDefinitionNames: string[];
}) {
  // The selection keeps its rows: after a save the table refreshes and may no longer list them (e.g. "Unmapped").
  const [chosen, setChosen] = useState<SelectedVersion[]>([]);
  const [showForm, setShowForm] = useState(false);
  const selected = chosen.map((c) => c.id);
  const pick = (r: EffectiveRow): SelectedVersion => ({ id: r.id, name: r.name, version: r.version, lsid: r.lsid });
  const toggle = (r: EffectiveRow, on: boolean) => setChosen((s) => (on ? [...s, pick(r)] : s.filter((x) => x.id !== r.id)));
  const allOnPage = rows.length > 0 && rows.every((r) => selected.includes(r.id));

  return (
    <div className="stack">
      {canWrite ? (
        <div className="toolbar">
          <span className="muted small" aria-live="polite">
            {selected.length} selected
          </span>
          <Button variant="primary" size="small" disabled={selected.length === 0} onClick={() => setShowForm(true)}>
            Map selected
          </Button>
          {selected.length > 0 ? (
            <Button size="small" onClick={() => (setChosen([]), setShowForm(false))}>
              Clear selection
            </Button>
          ) : null}
        </div>
      ) : null}
      {showForm && chosen.length > 0 ? (
        <MappingForm
          key={selected.join(",")}
          selected={chosen}
          bundles={bundles}
          jobDefinitionNames={jobDefinitionNames}
        />
      ) : null}
      <div className="table-scroll">
        <table className="table" aria-label="Modules">
          <thead>
            <tr>
              {canWrite ? (
                <th scope="col">
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allOnPage}
                    onChange={(e) =>
                      setChosen(e.target.checked ? [...chosen, ...rows.filter((r) => !selected.includes(r.id)).map(pick)] : chosen.filter((c) => !rows.some((r) => r.id === c.id)))
                    }
                  />
                </th>
              ) : null}
              {columns.map((c) => {
                const active = query.sort === c.key;
                const dir = active && query.dir === "asc" ? "desc" : "asc";
                return (
                  <th key={c.key} scope="col" aria-sort={active ? (query.dir === "asc" ? "ascending" : "descending") : undefined}>
                    <Link href={modulesHref(query, { sort: c.key, dir, page: 1 })}>
                      {c.label}
                      {active ? (query.dir === "asc" ? " ▲" : " ▼") : ""}
                    </Link>
                  </th>
                );
              })}
              <th scope="col">Problems</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                {canWrite ? (
                  <td>
                    <input type="checkbox" aria-label={`Select ${r.name} ${r.version}`} checked={selected.includes(r.id)} onChange={(e) => toggle(r, e.target.checked)} />
                  </td>
                ) : null}
                <td>
                  <Link href={`/modules/${r.id}`}>{r.name}</Link>
                </td>
                <td>{r.version}</td>
                <td className="mono small">{r.lsid}</td>
                <td>{r.executor ?? none}</td>
                <td>{r.executorProps ?? none}</td>
                <td className="mono small">{r.image ?? none}</td>
                <td className="mono small">{r.jobDefinition ?? none}</td>
                <td>{r.queue ?? none}</td>
                <td>{r.memory ?? none}</td>
                <td>{r.cpu ?? none}</td>
                <td>
                  {r.flags.map((f) => (
                    <Badge key={f} tone={f === "unmapped" ? "info" : f === "mutable-image" || f === "unknown-job-definition" ? "warn" : "err"} title={f === "unknown-token" ? `Unknown: ${r.unknownTokens.map((t) => `<${t}>`).join(" ")}` : undefined}>
                      {flagLabels[f]}
                    </Badge>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
