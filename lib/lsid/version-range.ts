// Version ranges for module mappings (DESIGN §3): `>=6.15 <7`, `6.x`, `6.15` (exact), `*`.
// GP itself only matches exact keys; ranges are ours and are compiled into exact LSID keys elsewhere.
// Versions are ordered as GP orders them (§4): numeric part by part, a longer version above its prefix.
import { compareVersionPartsAscending, isValidVersion } from "./lsid";

export type VersionBound = { parts: number[]; inclusive: boolean };

/** An interval of versions. `lower` is always normalised to inclusive (x > v is x >= v.0). null = unbounded. */
export type VersionRange = { text: string; lower: VersionBound | null; upper: VersionBound | null };

export class VersionRangeError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`invalid version range '${input}': ${reason}`);
    this.name = "VersionRangeError";
  }
}

type Op = ">" | ">=" | "<" | "<=" | "=";

const NUMBER = /^\d+$/;

function parseParts(text: string, range: string): number[] {
  const parts = text.split(".");
  if (!parts.every((p) => NUMBER.test(p))) {
    throw new VersionRangeError(range, `'${text}' is not a version (dot-separated non-negative integers, e.g. 6.15)`);
  }
  return parts.map(Number);
}

function successor(parts: number[]): number[] {
  // The smallest version above v is v.0, because a longer version sorts above its prefix.
  return [...parts, 0];
}

function bumpLast(parts: number[]): number[] {
  return [...parts.slice(0, -1), parts[parts.length - 1] + 1];
}

function tighterLower(a: VersionBound | null, b: VersionBound): VersionBound {
  return a === null || compareVersionPartsAscending(b.parts, a.parts) > 0 ? b : a;
}

function tighterUpper(a: VersionBound | null, b: VersionBound): VersionBound {
  if (a === null) return b;
  const c = compareVersionPartsAscending(b.parts, a.parts);
  if (c < 0) return b;
  if (c > 0) return a;
  return a.inclusive && !b.inclusive ? b : a;
}

function isEmpty(lower: VersionBound | null, upper: VersionBound | null): boolean {
  if (!lower || !upper) return false;
  const c = compareVersionPartsAscending(lower.parts, upper.parts);
  return c > 0 || (c === 0 && !upper.inclusive);
}

/** Splits ">= 6.15 <7" into comparator tokens, allowing a space between operator and version. */
function tokenize(text: string): string[] {
  const raw = text.trim().split(/[\s,]+/).filter(Boolean);
  const tokens: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (/^(>=|<=|>|<|=)$/.test(raw[i]) && i + 1 < raw.length) {
      tokens.push(raw[i] + raw[i + 1]);
      i++;
    } else tokens.push(raw[i]);
  }
  return tokens;
}

/**
 * Parses a range: comparators `>`, `>=`, `<`, `<=`, `=` combined by spaces (all must hold), `N.x` / `N.M.x` wildcards,
 * `*` for any version, or a bare version for an exact match. Throws VersionRangeError with the reason.
 */
export function parseVersionRange(text: string): VersionRange {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new VersionRangeError(text, "empty range");
  let lower: VersionBound | null = null;
  let upper: VersionBound | null = null;
  for (const token of tokens) {
    const m = /^(>=|<=|>|<|=)?(.*)$/.exec(token)!;
    const op = (m[1] ?? "=") as Op;
    const body = m[2];
    if (body === "") throw new VersionRangeError(text, `operator '${op}' has no version`);
    if (body === "*" || body === "x" || body === "X") {
      if (op !== "=") throw new VersionRangeError(text, `'${op}${body}': a wildcard cannot follow '${op}'`);
      continue;
    }
    const wildcard = /^(.*)\.[xX*]$/.exec(body);
    if (wildcard) {
      if (op !== "=") throw new VersionRangeError(text, `'${token}': a wildcard cannot follow '${op}'`);
      const parts = parseParts(wildcard[1], text);
      lower = tighterLower(lower, { parts, inclusive: true });
      upper = tighterUpper(upper, { parts: bumpLast(parts), inclusive: false });
      continue;
    }
    if (/[xX*]/.test(body)) throw new VersionRangeError(text, `'${body}': a wildcard may only be the last part, e.g. 6.x`);
    const parts = parseParts(body, text);
    if (op === "=" || op === ">=") lower = tighterLower(lower, { parts, inclusive: true });
    if (op === ">") lower = tighterLower(lower, { parts: successor(parts), inclusive: true });
    if (op === "=" || op === "<=") upper = tighterUpper(upper, { parts, inclusive: true });
    if (op === "<") upper = tighterUpper(upper, { parts, inclusive: false });
  }
  if (isEmpty(lower, upper)) throw new VersionRangeError(text, "no version can satisfy every comparator");
  return { text: text.trim(), lower, upper };
}

function toRange(range: VersionRange | string): VersionRange {
  return typeof range === "string" ? parseVersionRange(range) : range;
}

/** True when `version` (an LSID version such as "6.15.2") lies in the range. Malformed or empty versions never match. */
export function rangeMatches(range: VersionRange | string, version: string): boolean {
  const r = toRange(range);
  if (version === "" || !isValidVersion(version) || !/^\d+(\.\d+)*$/.test(version)) return false;
  const parts = version.split(".").map(Number);
  if (r.lower && compareVersionPartsAscending(parts, r.lower.parts) < 0) return false;
  if (r.upper) {
    const c = compareVersionPartsAscending(parts, r.upper.parts);
    if (c > 0 || (c === 0 && !r.upper.inclusive)) return false;
  }
  return true;
}

/** True when some version satisfies both ranges (exact, over GP's version order). */
export function rangesOverlap(a: VersionRange | string, b: VersionRange | string): boolean {
  const ra = toRange(a);
  const rb = toRange(b);
  const lower = rb.lower ? tighterLower(ra.lower, rb.lower) : ra.lower;
  const upper = rb.upper ? tighterUpper(ra.upper, rb.upper) : ra.upper;
  return !isEmpty(lower, upper);
}
