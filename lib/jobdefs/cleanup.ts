// "Keep the last N revisions ACTIVE": which revisions to deregister, never one that is referenced.
import { formatRef, type JobDefinitionRecord } from "./registry";

export type CleanupPlan = { keep: string[]; deregister: string[]; protected: { ref: string; why: string }[] };

/** `protectedRefs` maps `name:rev` to why it must stay (a config line, an environment pin). */
export function planCleanup(records: JobDefinitionRecord[], name: string, keepCount: number, protectedRefs: Map<string, string>): CleanupPlan {
  if (!Number.isInteger(keepCount) || keepCount < 1) throw new Error("keep at least 1 revision");
  const active = records.filter((r) => r.name === name && r.status === "ACTIVE").sort((a, b) => b.revision - a.revision);
  const plan: CleanupPlan = { keep: [], deregister: [], protected: [] };
  active.forEach((r, index) => {
    const ref = formatRef(r.name, r.revision);
    if (index < keepCount) plan.keep.push(ref);
    else if (protectedRefs.has(ref)) plan.protected.push({ ref, why: protectedRefs.get(ref)! });
    else plan.deregister.push(ref);
  });
  return plan;
}
