// Semantic comparison of two job definitions: what an admin cares about (image, resources, environment, command,
// volumes, retries, timeout, logging) in plain sentences, before the raw side-by-side JSON diff.
import { parseImageRef } from "./image-ref";
import { canonicalJson, normalizeJobDefinition } from "./normalize";

export { isMutableImage, parseImageRef, type ImageRef } from "./image-ref";

export type ChangeKind =
  | "name"
  | "type"
  | "image"
  | "vcpus"
  | "memory"
  | "gpu"
  | "environment"
  | "command"
  | "volumes"
  | "mountPoints"
  | "retryStrategy"
  | "timeout"
  | "logConfiguration"
  | "parameters"
  | "jobRole"
  | "other";

export type JobDefinitionChange = { kind: ChangeKind; summary: string; before?: string; after?: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const arr = (v: unknown): Obj[] => (Array.isArray(v) ? (v as Obj[]) : []);
const show = (v: unknown) => (v === undefined ? "(none)" : typeof v === "string" ? v : canonicalJson(v));

/** Effective vCPUs/memory/GPU: resourceRequirements win over the legacy vcpus/memory fields. */
export function effectiveResources(definition: unknown): { vcpus: number | null; memoryMiB: number | null; gpus: number | null } {
  const cp = obj(obj(definition).containerProperties);
  const reqs = arr(cp.resourceRequirements);
  const req = (type: string) => {
    const r = reqs.find((x) => x.type === type);
    return r ? Number(r.value) : null;
  };
  return {
    vcpus: req("VCPU") ?? (typeof cp.vcpus === "number" ? cp.vcpus : null),
    memoryMiB: req("MEMORY") ?? (typeof cp.memory === "number" ? cp.memory : null),
    gpus: req("GPU"),
  };
}

function describeImageChange(before: string | undefined, after: string | undefined): JobDefinitionChange | null {
  if (before === after) return null;
  if (!before || !after) return { kind: "image", summary: `Image ${before ? "removed" : "added"}: ${before ?? after}`, before, after };
  const a = parseImageRef(before);
  const b = parseImageRef(after);
  let summary: string;
  if (a.repository !== b.repository) summary = `Image changed: ${before} → ${after}`;
  else if (a.tag !== b.tag && a.digest !== b.digest && (a.digest || b.digest))
    summary = `Image tag and digest changed for ${a.repository}: ${a.tag ?? "(no tag)"} → ${b.tag ?? "(no tag)"}`;
  else if (a.tag !== b.tag) summary = `Image tag changed for ${a.repository}: ${a.tag ?? "(no tag)"} → ${b.tag ?? "(no tag)"}`;
  else summary = `Image digest changed for ${a.repository}${a.tag ? `:${a.tag}` : ""}: ${a.digest ?? "(none)"} → ${b.digest ?? "(none)"}`;
  return { kind: "image", summary, before, after };
}

function describeEnvironment(before: Obj[], after: Obj[]): JobDefinitionChange[] {
  const toMap = (list: Obj[]) => new Map(list.map((e) => [String(e.name), String(e.value ?? "")]));
  const a = toMap(before);
  const b = toMap(after);
  const changes: JobDefinitionChange[] = [];
  for (const [name, value] of b) {
    if (!a.has(name)) changes.push({ kind: "environment", summary: `Environment variable added: ${name}=${value}`, after: value });
    else if (a.get(name) !== value)
      changes.push({ kind: "environment", summary: `Environment variable changed: ${name}: ${a.get(name)} → ${value}`, before: a.get(name), after: value });
  }
  for (const [name, value] of a) {
    if (!b.has(name)) changes.push({ kind: "environment", summary: `Environment variable removed: ${name}`, before: value });
  }
  return changes;
}

/** The list of meaningful changes from `a` to `b` (empty when they are equivalent after normalization). */
export function semanticDiff(a: unknown, b: unknown): JobDefinitionChange[] {
  const na = normalizeJobDefinition(a);
  const nb = normalizeJobDefinition(b);
  const changes: JobDefinitionChange[] = [];
  const push = (kind: ChangeKind, label: string, x: unknown, y: unknown) => {
    if (canonicalJson(x ?? null) === canonicalJson(y ?? null)) return;
    const summary =
      x === undefined ? `${label} added: ${show(y)}` : y === undefined ? `${label} removed (was ${show(x)})` : `${label} changed: ${show(x)} → ${show(y)}`;
    changes.push({ kind, summary, before: x === undefined ? undefined : show(x), after: y === undefined ? undefined : show(y) });
  };

  push("name", "Name", na.jobDefinitionName, nb.jobDefinitionName);
  push("type", "Type", na.type, nb.type);
  const ca = obj(na.containerProperties);
  const cb = obj(nb.containerProperties);
  const imageChange = describeImageChange(ca.image as string | undefined, cb.image as string | undefined);
  if (imageChange) changes.push(imageChange);

  const ra = effectiveResources(na);
  const rb = effectiveResources(nb);
  if (ra.vcpus !== rb.vcpus) changes.push({ kind: "vcpus", summary: `vCPUs changed: ${ra.vcpus ?? "(none)"} → ${rb.vcpus ?? "(none)"}`, before: String(ra.vcpus), after: String(rb.vcpus) });
  if (ra.memoryMiB !== rb.memoryMiB)
    changes.push({ kind: "memory", summary: `Memory changed: ${ra.memoryMiB ?? "(none)"} MiB → ${rb.memoryMiB ?? "(none)"} MiB`, before: String(ra.memoryMiB), after: String(rb.memoryMiB) });
  if (ra.gpus !== rb.gpus) changes.push({ kind: "gpu", summary: `GPUs changed: ${ra.gpus ?? 0} → ${rb.gpus ?? 0}` });

  changes.push(...describeEnvironment(arr(ca.environment), arr(cb.environment)));
  push("command", "Command", ca.command, cb.command);
  push("volumes", "Volumes", ca.volumes, cb.volumes);
  push("mountPoints", "Mount points", ca.mountPoints, cb.mountPoints);
  push("jobRole", "Job role", ca.jobRoleArn, cb.jobRoleArn);
  push("retryStrategy", "Retry strategy", na.retryStrategy, nb.retryStrategy);
  push("timeout", "Timeout", na.timeout, nb.timeout);
  push("logConfiguration", "Log configuration", ca.logConfiguration, cb.logConfiguration);
  push("parameters", "Default parameters", na.parameters, nb.parameters);

  // Anything else that differs, so the summary never hides a change.
  const covered = new Set(["image", "vcpus", "memory", "resourceRequirements", "environment", "command", "volumes", "mountPoints", "jobRoleArn", "logConfiguration"]);
  for (const key of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
    if (!covered.has(key)) push("other", `containerProperties.${key}`, ca[key], cb[key]);
  }
  const topCovered = new Set(["jobDefinitionName", "type", "containerProperties", "retryStrategy", "timeout", "parameters"]);
  for (const key of new Set([...Object.keys(na), ...Object.keys(nb)])) {
    if (!topCovered.has(key)) push("other", key, na[key], nb[key]);
  }
  return changes;
}
