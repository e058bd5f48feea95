// Key safety and ordering shared by the stores and the sync planner.

/**
 * Why a relative key cannot become a path under a destination folder, or null when it can.
 * Refuses absolute keys, "." / ".." / empty segments, NUL bytes: anything that could write outside the destination.
 */
export function unsafeKeyReason(rel: string): string | null {
  if (rel === "") return "the key is empty";
  if (rel.includes("\0")) return "the key contains a NUL byte";
  if (rel.startsWith("/")) return "the key is absolute";
  for (const segment of rel.split("/")) {
    if (segment === "..") return "the key contains '..'";
    if (segment === ".") return "the key contains a '.' segment";
    if (segment === "") return "the key contains an empty segment ('//')";
  }
  return null;
}

/**
 * Orders strings by their UTF-8 bytes, as S3 lists keys. JavaScript's default order compares UTF-16 code units,
 * which puts characters U+E000..U+FFFF after astral characters; this swaps them back.
 */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) return utf8Weight(ca) - utf8Weight(cb);
  }
  return a.length - b.length;
}

function utf8Weight(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Normalizes a prefix to a "directory" prefix: "" stays "", "a/b" becomes "a/b/". */
export function dirPrefix(prefix: string): string {
  if (prefix === "" || prefix.endsWith("/")) return prefix;
  return `${prefix}/`;
}
