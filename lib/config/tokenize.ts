// Command-line tokenizing as GP's ValueResolver does it (reference §3.2–§3.3): whitespace-separated args with
// leading-quote grouping, and `<token>` pieces inside each arg (including GP's one-character-tail defect).

/** CmdLineSubToken's pattern: `<[^<^ ][^>&^ ]*>` (the first char may not be <, ^ or space; later ones not >, &, ^, space). */
export const TOKEN_PATTERN = /<[^<^ ][^>&^ ]*>/g;

/** Splits a command line into args: whitespace separates; a `"` at the start of an arg quotes up to the next `"`. */
export function getTokens(text: string): string[] {
  const args: string[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && /\s/.test(text[i])) i++;
    if (i >= n) break;
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1);
      const end = close === -1 ? n : close;
      args.push(text.slice(i + 1, end)); // `""` yields an empty arg
      i = end + 1;
      continue;
    }
    const start = i;
    while (i < n && !/\s/.test(text[i])) i++; // a `"` inside a word is kept literally
    args.push(text.slice(start, i));
  }
  return args;
}

export type SubToken = { kind: "literal"; text: string } | { kind: "token"; text: string; name: string };

export type SplitResult = {
  pieces: SubToken[];
  /** A one-character literal after the last token, which GP drops (splitIntoSubTokens checks `< len-1`). */
  oneCharTail: string | null;
};

/**
 * Splits one arg into literal and token pieces. A literal of exactly one character after the last token is returned in
 * oneCharTail; with `reproduceTailDefect` (GP's behaviour) it is left out of the pieces.
 */
export function splitIntoSubTokens(arg: string, reproduceTailDefect = true): SplitResult {
  const pieces: SubToken[] = [];
  let last = 0;
  let sawToken = false;
  for (const m of arg.matchAll(TOKEN_PATTERN)) {
    const start = m.index!;
    if (start > last) pieces.push({ kind: "literal", text: arg.slice(last, start) });
    pieces.push({ kind: "token", text: m[0], name: m[0].slice(1, -1) });
    last = start + m[0].length;
    sawToken = true;
  }
  const tail = arg.slice(last);
  const oneCharTail = sawToken && tail.length === 1 ? tail : null;
  if (tail.length > 0 && !(oneCharTail !== null && reproduceTailDefect)) pieces.push({ kind: "literal", text: tail });
  return { pieces, oneCharTail };
}

const ONE_TOKEN = /<[^<^ ][^>&^ ]*>/;

export function hasToken(text: string): boolean {
  return ONE_TOKEN.test(text);
}

/** The names of every `<token>` in a text, in order (duplicates kept). */
export function tokenNames(text: string): string[] {
  return [...text.matchAll(TOKEN_PATTERN)].map((m) => m[0].slice(1, -1));
}
