// The JobDefinitionRegistry: one interface over AWS Batch and the embedded local registry, so pages, the CLI and
// the backups work the same with or without AWS.
import type { RegisterJobDefinitionInput } from "./schema";

export type JobDefinitionStatus = "ACTIVE" | "INACTIVE";

export type JobDefinitionRecord = {
  name: string;
  revision: number;
  arn: string | null;
  status: JobDefinitionStatus;
  /** The definition as the registry describes it (RegisterJobDefinition input shape plus whatever it adds). */
  definition: Record<string, unknown>;
};

export type RegisteredRevision = { name: string; revision: number; arn: string | null };

export type JobDefinitionRegistry = {
  readonly source: "aws" | "local";
  /** Every revision of every name (or of the given name), ACTIVE and INACTIVE, all pages. */
  list(options?: { name?: string }): Promise<JobDefinitionRecord[]>;
  /** `name` (latest ACTIVE revision) or `name:revision`; null when there is no such revision. */
  describe(ref: string): Promise<JobDefinitionRecord | null>;
  register(input: RegisterJobDefinitionInput): Promise<RegisteredRevision>;
  /** `name:revision` */
  deregister(ref: string): Promise<void>;
};

/** Splits `name` or `name:revision` (an ARN's last segment works too). */
export function parseJobDefinitionRef(ref: string): { name: string; revision: number | null } {
  const trimmed = ref.trim().replace(/^arn:[^/]*:job-definition\//, "");
  const m = /^([A-Za-z0-9][A-Za-z0-9_-]*)(?::(\d+))?$/.exec(trimmed);
  if (!m) throw new Error(`'${ref}' is not a job definition reference (expected name or name:revision)`);
  return { name: m[1], revision: m[2] ? Number(m[2]) : null };
}

export function formatRef(name: string, revision: number): string {
  return `${name}:${revision}`;
}

/** The latest ACTIVE revision of each name among the records. */
export function latestActive(records: JobDefinitionRecord[], name: string): JobDefinitionRecord | null {
  let best: JobDefinitionRecord | null = null;
  for (const r of records) if (r.name === name && r.status === "ACTIVE" && (!best || r.revision > best.revision)) best = r;
  return best;
}
