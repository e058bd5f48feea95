// The embedded registry: job definitions in the LocalJobDefinition table, so the dashboard works without AWS.
// The local executor reads a definition's image, resources, environment and command through describeLocalJobDefinition.
import type { Db } from "../db";
import { effectiveResources } from "./diff";
import { formatRef, parseJobDefinitionRef, type JobDefinitionRecord, type JobDefinitionRegistry, type JobDefinitionStatus } from "./registry";
import type { RegisterJobDefinitionInput } from "./schema";

const localArn = (name: string, revision: number) => `local:job-definition/${formatRef(name, revision)}`;

type Row = { name: string; revision: number; status: string; json: string };

function toRecord(row: Row): JobDefinitionRecord {
  const definition = JSON.parse(row.json) as Record<string, unknown>;
  return {
    name: row.name,
    revision: row.revision,
    arn: localArn(row.name, row.revision),
    status: (row.status === "INACTIVE" ? "INACTIVE" : "ACTIVE") as JobDefinitionStatus,
    definition: { ...definition, jobDefinitionName: row.name },
  };
}

export function createLocalRegistry(db: Db): JobDefinitionRegistry {
  return {
    source: "local",
    async list(options) {
      const rows = await db.localJobDefinition.findMany({
        where: options?.name ? { name: options.name } : undefined,
        orderBy: [{ name: "asc" }, { revision: "asc" }],
      });
      return rows.map(toRecord);
    },
    async describe(ref) {
      const { name, revision } = parseJobDefinitionRef(ref);
      const row =
        revision === null
          ? await db.localJobDefinition.findFirst({ where: { name, status: "ACTIVE" }, orderBy: { revision: "desc" } })
          : await db.localJobDefinition.findUnique({ where: { name_revision: { name, revision } } });
      return row ? toRecord(row) : null;
    },
    async register(input: RegisterJobDefinitionInput) {
      // Revisions only grow, as in Batch: a deregistered revision's number is never reused.
      return db.$transaction(async (tx) => {
        const last = await tx.localJobDefinition.findFirst({ where: { name: input.jobDefinitionName }, orderBy: { revision: "desc" } });
        const revision = (last?.revision ?? 0) + 1;
        await tx.localJobDefinition.create({ data: { name: input.jobDefinitionName, revision, status: "ACTIVE", json: JSON.stringify(input) } });
        return { name: input.jobDefinitionName, revision, arn: localArn(input.jobDefinitionName, revision) };
      });
    },
    async deregister(ref) {
      const { name, revision } = parseJobDefinitionRef(ref);
      if (revision === null) throw new Error(`deregister needs name:revision, got '${ref}'`);
      const updated = await db.localJobDefinition.updateMany({ where: { name, revision }, data: { status: "INACTIVE" } });
      if (updated.count === 0) throw new Error(`job definition ${ref} does not exist`);
    },
  };
}

export type LocalJobDefinition = {
  name: string;
  revision: number;
  status: JobDefinitionStatus;
  image: string | null;
  vcpus: number | null;
  memoryMiB: number | null;
  environment: { name: string; value: string }[];
  command: string[];
  parameters: Record<string, string>;
  definition: Record<string, unknown>;
};

/**
 * What the local executor needs from a job definition: `name` resolves to the latest ACTIVE revision,
 * `name:rev` to that revision (even INACTIVE, with its status, so the caller can refuse it). Null if unknown.
 */
export async function describeLocalJobDefinition(db: Db, ref: string): Promise<LocalJobDefinition | null> {
  const record = await createLocalRegistry(db).describe(ref);
  if (!record) return null;
  const cp = (record.definition.containerProperties ?? {}) as Record<string, unknown>;
  const resources = effectiveResources(record.definition);
  return {
    name: record.name,
    revision: record.revision,
    status: record.status,
    image: typeof cp.image === "string" ? cp.image : null,
    vcpus: resources.vcpus,
    memoryMiB: resources.memoryMiB,
    environment: Array.isArray(cp.environment) ? (cp.environment as { name: string; value: string }[]) : [],
    command: Array.isArray(cp.command) ? (cp.command as string[]) : [],
    parameters: (record.definition.parameters ?? {}) as Record<string, string>,
    definition: record.definition,
  };
}
