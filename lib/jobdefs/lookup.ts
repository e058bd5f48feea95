// Finds a revision in the registry, falling back to the backups (a revision Batch has deleted is still diffable).
import type { Db } from "../db";
import { formatRef, parseJobDefinitionRef, type JobDefinitionRecord, type JobDefinitionRegistry } from "./registry";

export type FoundRevision = JobDefinitionRecord & { from: "registry" | "backup" };

export async function findRevision(db: Db, registry: JobDefinitionRegistry, ref: string): Promise<FoundRevision | null> {
  const { name, revision } = parseJobDefinitionRef(ref);
  const live = await registry.describe(revision === null ? name : formatRef(name, revision));
  if (live) return { ...live, from: "registry" };
  const snap = await db.jobDefinitionSnapshot.findFirst({
    where: { source: registry.source, name, ...(revision === null ? {} : { revision }) },
    orderBy: { revision: "desc" },
  });
  if (!snap) return null;
  return {
    name: snap.name,
    revision: snap.revision,
    arn: snap.arn,
    status: snap.status === "INACTIVE" ? "INACTIVE" : "ACTIVE",
    definition: JSON.parse(snap.json) as Record<string, unknown>,
    from: "backup",
  };
}
