// "What does this edit change?": for each module, the effective settings before and after an edit of the config,
// shown before a save so the admin sees which modules a small change actually hits.
import type { Manifest } from "../modules/manifest";
import { parseConfig } from "./parse";
import { resolveJobSettings } from "./resolve";
import { buildCommandLine } from "./substitute";
import type { ParsedConfig } from "./types";

export type BlastModule = { name: string; lsid?: string; manifest?: Manifest };
export type BlastField = "executor" | "jobDefinition" | "image" | "queue" | "memoryMb" | "cpuCount" | "walltimeSec" | "commandLine";
export type BlastChange = { field: BlastField; before: string | null; after: string | null };
export type BlastEntry = { name: string; lsid?: string; changes: BlastChange[] };
export type BlastRadius = {
  /** Where the module list came from: the catalog, or the module keys named in the two versions of the file. */
  source: "catalog" | "file";
  checked: number;
  changed: BlastEntry[];
  /** Set when a version does not parse: nothing can be compared then. */
  error?: string;
};

const settingFields = ["executor", "jobDefinition", "image", "queue", "memoryMb", "cpuCount", "walltimeSec"] as const;

/** Module keys of module.properties (top level and nested in users and groups) as resolve contexts. */
export function modulesNamedInFile(cfg: ParsedConfig): BlastModule[] {
  const keys = new Set<string>();
  const model = cfg.model;
  if (!model) return [];
  for (const key of model.moduleProperties.keys()) keys.add(key);
  for (const owner of [...model.groupProperties.values(), ...model.userProperties.values()]) {
    for (const key of owner.moduleProperties.keys()) keys.add(key);
  }
  return [...keys].map((key) => (key.startsWith("urn:lsid:") ? { name: key, lsid: key } : { name: key }));
}

function settings(cfg: ParsedConfig, mod: BlastModule): Record<BlastField, string | null> {
  const ctx = { moduleName: mod.lsid && mod.name === mod.lsid ? undefined : mod.name, lsid: mod.lsid, manifest: mod.manifest };
  const s = resolveJobSettings(cfg, ctx);
  const out = {} as Record<BlastField, string | null>;
  for (const field of settingFields) {
    const value = s[field];
    out[field] = value === null || value === undefined || value === "" ? null : String(value);
  }
  out.commandLine = mod.manifest ? buildCommandLine(cfg, ctx, { manifest: mod.manifest, params: {} }).argv.join(" ") : null;
  return out;
}

export function blastRadius(oldText: string, newText: string, modules?: BlastModule[]): BlastRadius {
  const before = parseConfig(oldText, { fileName: "before" });
  const after = parseConfig(newText, { fileName: "after" });
  const source = modules && modules.length > 0 ? "catalog" : "file";
  if (!after.model) return { source, checked: 0, changed: [], error: "The new text does not parse; fix the errors first." };
  let list = modules ?? [];
  if (list.length === 0) {
    const seen = new Map<string, BlastModule>();
    for (const mod of [...modulesNamedInFile(before), ...modulesNamedInFile(after)]) seen.set(mod.name, mod);
    list = [...seen.values()];
  }
  const changed: BlastEntry[] = [];
  for (const mod of list) {
    const a = before.model ? settings(before, mod) : null;
    const b = settings(after, mod);
    const changes: BlastChange[] = [];
    for (const field of [...settingFields, "commandLine"] as const) {
      const was = a ? a[field] : null;
      if (was !== b[field]) changes.push({ field, before: was, after: b[field] });
    }
    if (changes.length > 0) changed.push({ name: mod.name, lsid: mod.lsid, changes });
  }
  return { source, checked: list.length, changed };
}
