// GP's Walltime.fromString (reference §1.3): `[D-]HH:MM:SS`, `MM:SS` or bare `SS`.

export class WalltimeFormatError extends Error {
  constructor(readonly input: string) {
    super(`invalid walltime '${input}': expected [D-]HH:MM:SS, MM:SS or seconds, e.g. "02:00:00" or "7-00:00:00"`);
    this.name = "WalltimeFormatError";
  }
}

/** Seconds for a walltime spec. Hours may exceed 24 ("72:00:00"). Throws WalltimeFormatError. */
export function parseWalltime(text: string): number {
  const m = /^\s*(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?\s*$/.exec(text);
  if (!m) throw new WalltimeFormatError(text);
  const days = m[1] ? Number(m[1]) : 0;
  const fields = [m[2], m[3], m[4]].filter((f): f is string => f !== undefined).map(Number);
  // A day prefix needs the full HH:MM:SS form.
  if (m[1] && fields.length !== 3) throw new WalltimeFormatError(text);
  const [h, mi, s] = fields.length === 3 ? fields : fields.length === 2 ? [0, ...fields] : [0, 0, fields[0]];
  return days * 86400 + h * 3600 + mi * 60 + s;
}

export function tryParseWalltime(text: string | null | undefined): number | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  try {
    return parseWalltime(text);
  } catch {
    return null;
  }
}
