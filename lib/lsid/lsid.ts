// GenePattern LSIDs (reference §4): parse, normalise, compare, as org.genepattern.util.LSID does.

export type Lsid = {
  authority: string;
  namespace: string;
  identifier: string;
  /** "" when the LSID has no version part. */
  version: string;
};

export class LsidError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`invalid LSID '${input}': ${reason}`);
    this.name = "LsidError";
  }
}

const UNRESERVED = /[A-Za-z0-9.\-*_]/;
const ALL_UNRESERVED = /^[A-Za-z0-9.\-*_]*$/;

/** java.net.URLEncoder.encode(s, "UTF-8"): space becomes '+', everything else outside [A-Za-z0-9.-*_] is %XX. */
export function javaUrlEncode(text: string): string {
  if (ALL_UNRESERVED.test(text)) return text;
  let out = "";
  for (const ch of text) {
    if (UNRESERVED.test(ch)) out += ch;
    else if (ch === " ") out += "+";
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** java.net.URLDecoder.decode(s, "UTF-8"): '+' is a space, %XX sequences are UTF-8 bytes; a bad escape throws. */
export function javaUrlDecode(text: string): string {
  if (!text.includes("%") && !text.includes("+")) return text;
  const bytes: number[] = [];
  let out = "";
  const flush = () => {
    if (bytes.length) out += new TextDecoder().decode(new Uint8Array(bytes.splice(0)));
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "%") {
      const hex = text.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new Error(`bad escape '%${hex}'`);
      bytes.push(parseInt(hex, 16));
      i += 2;
      continue;
    }
    flush();
    out += ch === "+" ? " " : ch;
  }
  flush();
  return out;
}

/** Java Integer.parseInt: optional sign, decimal digits, 32-bit range. */
function isJavaInt(part: string): boolean {
  if (!/^[+-]?\d+$/.test(part)) return false;
  const n = Number(part);
  return n >= -2147483648 && n <= 2147483647;
}

/** Java String.split("\\.") drops trailing empty strings, so "1." is the single part "1". */
function javaSplitDots(version: string): string[] {
  const parts = version.split(".");
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

export function isValidVersion(version: string): boolean {
  if (version === "") return true;
  const parts = javaSplitDots(version);
  return parts.length > 0 && parts.every(isJavaInt);
}

/** Parses `urn:lsid:authority:namespace:identifier[:version]`; throws LsidError with the reason. */
export function parseLsid(input: string): Lsid {
  const text = input.trim();
  // GP splits with a StringTokenizer, so empty segments ("a::b") simply vanish.
  const parts = text.split(":").filter((p) => p !== "");
  if (parts.length !== 5 && parts.length !== 6) {
    throw new LsidError(input, `expected 5 or 6 ':'-separated parts, found ${parts.length}`);
  }
  if (parts[0] !== "urn") throw new LsidError(input, `must start with 'urn' (case-sensitive), found '${parts[0]}'`);
  if (parts[1] !== "lsid") throw new LsidError(input, `second part must be 'lsid' (case-sensitive), found '${parts[1]}'`);
  const decoded: string[] = [];
  for (const [i, label] of (["authority", "namespace", "identifier"] as const).entries()) {
    try {
      decoded.push(javaUrlDecode(parts[i + 2]));
    } catch (error) {
      throw new LsidError(input, `${label} is not URL-decodable (${(error as Error).message})`);
    }
    if (decoded[i].trim() === "") throw new LsidError(input, `${label} must not be empty`);
  }
  const version = parts[5] ?? "";
  if (!isValidVersion(version)) {
    throw new LsidError(input, `version '${version}' must be dot-separated integers, e.g. 4 or 7.0.17`);
  }
  return { authority: decoded[0], namespace: decoded[1], identifier: decoded[2], version };
}

/** parseLsid that returns null instead of throwing (GP falls back to name-only matching). */
export function tryParseLsid(input: string | null | undefined): Lsid | null {
  if (!input) return null;
  try {
    return parseLsid(input);
  } catch {
    return null;
  }
}

/** LSID.toString(): parts URL-encoded, version as-is. */
export function formatLsid(lsid: Lsid): string {
  const base = lsidNoVersion(lsid);
  return lsid.version ? `${base}:${lsid.version}` : base;
}

/** LSID.toStringNoVersion(). Accepts a parsed LSID or a string (which must parse). */
export function lsidNoVersion(lsid: Lsid | string): string {
  const l = typeof lsid === "string" ? parseLsid(lsid) : lsid;
  return `urn:lsid:${javaUrlEncode(l.authority)}:${javaUrlEncode(l.namespace)}:${javaUrlEncode(l.identifier)}`;
}

/** The canonical form GP uses as a module.properties key (`new Lsid(str).toString()`). */
export function normalizeLsid(input: string): string {
  return formatLsid(parseLsid(input));
}

/** Same authority, namespace and identifier (version ignored). */
export function isSimilar(a: Lsid, b: Lsid): boolean {
  return a.authority === b.authority && a.namespace === b.namespace && a.identifier === b.identifier;
}

/** LSID.equals: similar and the same version string. */
export function lsidEquals(a: Lsid, b: Lsid): boolean {
  return isSimilar(a, b) && a.version === b.version;
}

/** isEquivalent: similar, and a missing version on either side matches any version. */
export function isEquivalent(a: Lsid, b: Lsid): boolean {
  return isSimilar(a, b) && (a.version === "" || b.version === "" || a.version === b.version);
}

function versionParts(version: string): number[] {
  return version === "" ? [] : javaSplitDots(version).map((p) => Number(p));
}

/**
 * GP's version order, as used by LSID.compareTo: numeric, part by part, HIGHER VERSION FIRST.
 * Negative when `a` is newer than `b` (sorts before it), 0 when equal, positive when older.
 * When one version is a prefix of the other, the longer one is newer (1.2.1 before 1.2; also 1.2.0 before 1.2).
 * An empty version counts as older than any version. Throws LsidError on a malformed version.
 */
export function compareVersions(a: string, b: string): number {
  for (const v of [a, b]) if (!isValidVersion(v)) throw new LsidError(v, `version '${v}' must be dot-separated integers`);
  return compareVersionPartsAscending(versionParts(b), versionParts(a));
}

/** Ascending order over parsed version parts (older first). */
export function compareVersionPartsAscending(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Java String.compareTo (UTF-16 code units). */
function javaStringCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** LSID.compareTo: dissimilar LSIDs by lowercase full string; similar ones by version, newest first. */
export function compareLsids(a: Lsid, b: Lsid): number {
  if (!isSimilar(a, b)) return javaStringCompare(formatLsid(a).toLowerCase(), formatLsid(b).toLowerCase());
  return compareVersions(a.version, b.version);
}
