// GP's Memory.fromString (reference §1.3): a number with an optional unit, base 1024; no unit means gigabytes.

const UNITS: Record<string, number> = {
  b: 1,
  k: 1024, kb: 1024,
  m: 1024 ** 2, mb: 1024 ** 2,
  g: 1024 ** 3, gb: 1024 ** 3,
  t: 1024 ** 4, tb: 1024 ** 4,
  p: 1024 ** 5, pb: 1024 ** 5,
};

export class MemoryFormatError extends Error {
  constructor(readonly input: string) {
    super(`invalid memory value '${input}': expected a number with an optional unit (b, k, kb, m, mb, g, gb, t, tb, p, pb), e.g. "4 Gb" or "512mb"`);
    this.name = "MemoryFormatError";
  }
}

/** Bytes for a memory spec such as "4Gb", "2 Gb", "512m", "8" (= 8 GiB). Throws MemoryFormatError. */
export function parseMemory(text: string): number {
  const m = /^\s*(\d+(?:\.\d*)?|\.\d+)\s*([A-Za-z]*)\s*$/.exec(text);
  if (!m) throw new MemoryFormatError(text);
  const unit = m[2].toLowerCase() || "gb";
  const factor = UNITS[unit];
  if (factor === undefined) throw new MemoryFormatError(text);
  return Math.round(Number(m[1]) * factor);
}

/** Like parseMemory but null for an empty or invalid value (GP's memory accessor falls back to its default). */
export function tryParseMemory(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  try {
    return parseMemory(text);
  } catch {
    return null;
  }
}

/** AwsBatchUtil.numMiB: mebibytes, rounded up. */
export function bytesToMiB(bytes: number): number {
  return Math.ceil(bytes / 1024 ** 2);
}
