// Which config lines and modules use which job definition (through the config engine's resolver), and which of
// those references are broken: a pinned revision that is INACTIVE or unknown, a name with no ACTIVE revision.
import { resolveProperty, type Provenance } from "../config/resolve";
import type { ParsedConfig, PropertyMap } from "../config/types";
import { formatRef, parseJobDefinitionRef, type JobDefinitionRecord } from "./registry";

export const JOB_DEFINITION_KEY = "job.awsbatch.job-definition-name";
const ALIAS_KEY = "aws-batch-job-definition-name";

export type ConfigReference = {
  value: string;
  name: string;
  revision: number | null;
  /** Human-readable section, e.g. `module.properties › WordCount`. */
  section: string;
  /** YAML path of the section holding the key (for edits). */
  sectionPath: string[];
  key: string;
  line: number;
  col: number;
};

export type ModuleUsage = { module: string; lsid: string | null; value: string; name: string; revision: number | null; source: Provenance };

function scan(props: PropertyMap | null | undefined, section: string, sectionPath: string[], out: ConfigReference[]) {
  if (!props) return;
  for (const key of [JOB_DEFINITION_KEY, ALIAS_KEY]) {
    const entry = props.get(key);
    if (!entry || entry.value.kind !== "scalar" || !entry.value.value) continue;
    let parsed: { name: string; revision: number | null };
    try {
      parsed = parseJobDefinitionRef(entry.value.value);
    } catch {
      parsed = { name: entry.value.value, revision: null };
    }
    out.push({ value: entry.value.value, ...parsed, section, sectionPath, key, line: entry.keyRange.start.line, col: entry.keyRange.start.col });
  }
}

/** Every place in the config that names a job definition. */
export function findConfigReferences(cfg: ParsedConfig): ConfigReference[] {
  const m = cfg.model;
  if (!m) return [];
  const out: ConfigReference[] = [];
  scan(m.defaultProperties, "default.properties", ["default.properties"], out);
  for (const [id, ex] of m.executors) scan(ex.defaultProperties, `executors › ${id} › default.properties`, ["executors", id, "default.properties"], out);
  for (const [name, b] of m.executorProperties) scan(b.props, `executor.properties › ${name}`, ["executor.properties", name], out);
  for (const [key, mp] of m.moduleProperties) scan(mp.props, `module.properties › ${key}`, ["module.properties", key], out);
  for (const [kind, map] of [["group.properties", m.groupProperties], ["user.properties", m.userProperties]] as const) {
    for (const [id, p] of map) {
      scan(p.props, `${kind} › ${id}`, [kind, id], out);
      for (const [key, mp] of p.moduleProperties) scan(mp.props, `${kind} › ${id} › module.properties › ${key}`, [kind, id, "module.properties", key], out);
    }
  }
  return out;
}

/** The job definition each module resolves to (no user context: what a job of that module gets by default). */
export function resolveModuleUsage(cfg: ParsedConfig, modules: { name: string; lsid?: string | null }[]): ModuleUsage[] {
  if (!cfg.model) return [];
  const out: ModuleUsage[] = [];
  for (const mod of modules) {
    const resolved = resolveProperty(cfg, { moduleName: mod.name, lsid: mod.lsid ?? undefined }, JOB_DEFINITION_KEY);
    if (!resolved || resolved.value.kind !== "scalar" || !resolved.value.value) continue;
    const value = resolved.value.value;
    let parsed: { name: string; revision: number | null };
    try {
      parsed = parseJobDefinitionRef(value);
    } catch {
      parsed = { name: value, revision: null };
    }
    out.push({ module: mod.name, lsid: mod.lsid ?? null, value, ...parsed, source: resolved.source });
  }
  return out;
}

export type ReferenceProblem = { severity: "error" | "warning"; code: string; message: string; reference: ConfigReference };

/** Broken references: an INACTIVE or missing pinned revision, or a name with no ACTIVE revision at all. */
export function referenceProblems(refs: ConfigReference[], records: JobDefinitionRecord[]): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const ref of refs) {
    const where = `${ref.section} (line ${ref.line})`;
    const revisions = records.filter((r) => r.name === ref.name);
    if (ref.revision !== null) {
      const rev = revisions.find((r) => r.revision === ref.revision);
      if (!rev) problems.push({ severity: "error", code: "missing-revision", message: `${where} pins ${ref.value}, which does not exist`, reference: ref });
      else if (rev.status === "INACTIVE")
        problems.push({ severity: "error", code: "inactive-revision", message: `${where} pins ${formatRef(rev.name, rev.revision)}, which is INACTIVE (deregistered)`, reference: ref });
    } else if (!revisions.length) {
      problems.push({ severity: "error", code: "unknown-job-definition", message: `${where} names ${ref.value}, which is not registered`, reference: ref });
    } else if (!revisions.some((r) => r.status === "ACTIVE")) {
      problems.push({ severity: "error", code: "no-active-revision", message: `${where} names ${ref.value}, which has no ACTIVE revision`, reference: ref });
    }
  }
  return problems;
}

/** Is this revision used by the config (pinned exactly, or as the latest ACTIVE revision of a name-only reference)? */
export function isRevisionReferenced(refs: ConfigReference[], records: JobDefinitionRecord[], name: string, revision: number): ConfigReference[] {
  const latest = records.filter((r) => r.name === name && r.status === "ACTIVE").reduce((m, r) => Math.max(m, r.revision), 0);
  return refs.filter((ref) => ref.name === name && (ref.revision === revision || (ref.revision === null && latest === revision)));
}
