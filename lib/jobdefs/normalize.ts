// Normalized form of a job definition: the RegisterJobDefinition input shape without the noise Batch adds
// (ARN, revision, status, orchestration type), empty collections dropped, keys and order-free lists sorted,
// so two revisions with the same content have the same JSON and the same hash.
import { createHash } from "node:crypto";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Fields DescribeJobDefinitions adds that are not part of the definition's content. */
const NOISE_KEYS = new Set(["jobDefinitionArn", "revision", "status", "containerOrchestrationType"]);

/** Lists whose order Batch ignores, with the field to sort them by. */
const SORT_BY: Record<string, string> = {
  environment: "name",
  secrets: "name",
  resourceRequirements: "type",
  ulimits: "name",
  volumes: "name",
  mountPoints: "containerPath",
};

function isEmpty(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === "object") return Object.keys(value).length === 0;
  return false;
}

function normalizeValue(value: unknown, key: string | null, depth: number): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value !== "object") return value as Json;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalizeValue(v, null, depth + 1)).filter((v): v is Json => v !== undefined);
    const sortKey = key ? SORT_BY[key] : undefined;
    if (sortKey) {
      items.sort((a, b) => {
        const ka = String((a as Record<string, Json>)?.[sortKey] ?? "");
        const kb = String((b as Record<string, Json>)?.[sortKey] ?? "");
        return ka < kb ? -1 : ka > kb ? 1 : canonicalJson(a) < canonicalJson(b) ? -1 : 1;
      });
    }
    return items;
  }
  const out: Record<string, Json> = {};
  for (const k of Object.keys(value).sort()) {
    if (depth === 0 && NOISE_KEYS.has(k)) continue;
    const v = normalizeValue((value as Record<string, unknown>)[k], k, depth + 1);
    if (v === undefined || isEmpty(v)) continue;
    out[k] = v;
  }
  return out;
}

/** The normalized definition (a plain JSON object, keys sorted). */
export function normalizeJobDefinition(definition: unknown): Record<string, Json> {
  const result = normalizeValue(definition, null, 0);
  if (!result || typeof result !== "object" || Array.isArray(result)) throw new Error("a job definition must be a JSON object");
  return result;
}

/** JSON with sorted keys and no whitespace: the input of the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const obj = value as Record<string, unknown>;
  return `{${Object.keys(obj)
    .sort()
    .filter((k) => obj[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`)
    .join(",")}}`;
}

/** Pretty, stable JSON of the normalized definition (what backups store and the diff editor shows). */
export function normalizedJson(definition: unknown): string {
  return JSON.stringify(normalizeJobDefinition(definition), null, 2);
}

/** sha256 of the canonical normalized JSON. Same content → same hash, whatever the revision or key order. */
export function jobDefinitionHash(definition: unknown): string {
  return createHash("sha256").update(canonicalJson(normalizeJobDefinition(definition))).digest("hex");
}

/** Content hash ignoring the name: for "is this revision identical to that one" across names. */
export function contentHash(definition: unknown): string {
  const { jobDefinitionName: _name, ...rest } = normalizeJobDefinition(definition);
  return createHash("sha256").update(canonicalJson(rest)).digest("hex");
}
