// aws s3 sync --exclude/--include: patterns in order, the last one matching a path decides, everything is included
// by default. Patterns are Python fnmatch (as aws cli uses): "*" matches any run of characters including "/", "?" one
// character, "[seq]" / "[!seq]" one character in / not in seq. They are matched against the path relative to the
// sync root. Besides matching, the compiled filters answer which folders can be skipped without listing them.

export type FilterRule = { type: "exclude" | "include"; pattern: string };

type Token = { kind: "star" } | { kind: "char"; test: (c: string) => boolean };

type CompiledRule = { type: FilterRule["type"]; regex: RegExp; tokens: Token[]; literalPrefix: string };

export type CompiledFilters = {
  rules: FilterRule[];
  isIncluded(rel: string): boolean;
  /** True when no file under relDir ("a/b/") can be included, so the folder need not be walked or listed. */
  canPrune(relDir: string): boolean;
  /** Every included path starts with this (e.g. "--exclude '*' --include 'dir/x*'" gives "dir/x"): list only that. */
  listingPrefix: string;
  /** Nothing at all can be included (e.g. a lone --exclude "*"). */
  includesNothing: boolean;
};

function escapeRegex(c: string): string {
  return c.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}

function escapeClass(c: string): string {
  return c.replace(/[\\\]\[^-]/g, "\\$&");
}

/** Splits a pattern into fnmatch tokens, with Python's rule that an unclosed "[" is a literal. */
function tokenize(pattern: string): { tokens: Token[]; regex: string; literalPrefix: string } {
  const chars = Array.from(pattern);
  const tokens: Token[] = [];
  let regex = "";
  let literalPrefix = "";
  let literal = true;
  let i = 0;
  while (i < chars.length) {
    const c = chars[i++]!;
    if (c === "*") {
      literal = false;
      if (tokens.at(-1)?.kind !== "star") {
        tokens.push({ kind: "star" });
        regex += "[\\s\\S]*";
      }
    } else if (c === "?") {
      literal = false;
      tokens.push({ kind: "char", test: () => true });
      regex += "[\\s\\S]";
    } else if (c === "[") {
      let j = i;
      if (j < chars.length && chars[j] === "!") j++;
      if (j < chars.length && chars[j] === "]") j++;
      while (j < chars.length && chars[j] !== "]") j++;
      if (j >= chars.length) {
        tokens.push({ kind: "char", test: (x) => x === "[" });
        regex += "\\[";
        if (literal) literalPrefix += "[";
        continue;
      }
      literal = false;
      let body = chars.slice(i, j);
      i = j + 1;
      const negate = body[0] === "!";
      if (negate) body = body.slice(1);
      const ranges: [string, string][] = [];
      for (let k = 0; k < body.length; k++) {
        const a = body[k]!;
        if (body[k + 1] === "-" && k + 2 < body.length) {
          const b = body[k + 2]!;
          if (a <= b) ranges.push([a, b]);
          k += 2;
        } else ranges.push([a, a]);
      }
      const inSet = (x: string) => ranges.some(([lo, hi]) => x >= lo && x <= hi);
      tokens.push({ kind: "char", test: negate ? (x) => !inSet(x) : inSet });
      const cls = ranges.map(([lo, hi]) => (lo === hi ? escapeClass(lo) : `${escapeClass(lo)}-${escapeClass(hi)}`)).join("");
      regex += negate ? (cls ? `[^${cls}]` : "[\\s\\S]") : cls ? `[${cls}]` : "(?!)";
    } else {
      tokens.push({ kind: "char", test: (x) => x === c });
      regex += escapeRegex(c);
      if (literal) literalPrefix += c;
    }
  }
  return { tokens, regex, literalPrefix };
}

/** States of the pattern automaton reachable after reading text (a state is the index of the next token). */
function statesAfter(tokens: Token[], text: string): Set<number> {
  const close = (states: Set<number>) => {
    for (const s of [...states]) {
      let k = s;
      while (k < tokens.length && tokens[k]!.kind === "star") states.add(++k);
    }
    return states;
  };
  let states = close(new Set([0]));
  for (const c of text) {
    const next = new Set<number>();
    for (const s of states) {
      const t = tokens[s];
      if (!t) continue;
      if (t.kind === "star") next.add(s);
      else if (t.test(c)) next.add(s + 1);
    }
    states = close(next);
    if (states.size === 0) break;
  }
  return states;
}

function couldMatchUnder(rule: CompiledRule, relDir: string): boolean {
  for (const s of statesAfter(rule.tokens, relDir)) if (s < rule.tokens.length) return true;
  return false;
}

function matchesAllUnder(rule: CompiledRule, relDir: string): boolean {
  for (const s of statesAfter(rule.tokens, relDir)) {
    if (s < rule.tokens.length && rule.tokens.slice(s).every((t) => t.kind === "star")) return true;
  }
  return false;
}

export function compileFilters(rules: FilterRule[]): CompiledFilters {
  const compiled: CompiledRule[] = rules.map((r) => {
    const { tokens, regex, literalPrefix } = tokenize(r.pattern);
    return { type: r.type, tokens, regex: new RegExp(`^${regex}$`, "u"), literalPrefix };
  });

  const isIncluded = (rel: string) => {
    for (let i = compiled.length - 1; i >= 0; i--) {
      if (compiled[i]!.regex.test(rel)) return compiled[i]!.type === "include";
    }
    return true;
  };

  const pruneCache = new Map<string, boolean>();
  const canPrune = (relDir: string) => {
    const cached = pruneCache.get(relDir);
    if (cached !== undefined) return cached;
    let result = false;
    for (let i = compiled.length - 1; i >= 0 && !result; i--) {
      const rule = compiled[i]!;
      if (rule.type === "include") {
        if (couldMatchUnder(rule, relDir)) break;
      } else if (matchesAllUnder(rule, relDir)) result = true;
    }
    if (pruneCache.size > 10_000) pruneCache.clear();
    pruneCache.set(relDir, result);
    return result;
  };

  // After the last exclude that matches everything, only the includes that follow can let a path through.
  let listingPrefix = "";
  let includesNothing = false;
  const lastAll = compiled.findLastIndex((r) => r.type === "exclude" && matchesAllUnder(r, ""));
  if (lastAll >= 0) {
    const includes = compiled.slice(lastAll + 1).filter((r) => r.type === "include");
    if (includes.length === 0) includesNothing = true;
    else listingPrefix = includes.map((r) => r.literalPrefix).reduce(commonPrefix);
  }
  return { rules, isIncluded, canPrune, listingPrefix, includesNothing };
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // Never split a surrogate pair.
  if (i > 0 && i < a.length && a.charCodeAt(i - 1) >= 0xd800 && a.charCodeAt(i - 1) <= 0xdbff) i--;
  return a.slice(0, i);
}

/** Parses CLI-style filter arguments in their given order, e.g. ["--exclude", "*", "--include", "a*"]. */
export function filtersFromArgs(args: string[]): FilterRule[] {
  const rules: FilterRule[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf("=");
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (flag !== "--exclude" && flag !== "--include") continue;
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined) continue;
    rules.push({ type: flag === "--exclude" ? "exclude" : "include", pattern: value });
  }
  return rules;
}

/**
 * A pattern matching exactly this name. fnmatch has no backslash escape: "*", "?" and "[" are escaped as one-character
 * sets ("[*]", "[?]", "[[]").
 */
export function escapeFnmatch(name: string): string {
  return name.replace(/[*?[]/g, (c) => `[${c}]`);
}
