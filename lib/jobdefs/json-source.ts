// A small JSON parser that remembers where every key and value sits, so schema errors (zod paths) can be
// reported with line/column positions, and invalid JSON gets a precise location instead of "position 123".

export type JsonPos = { line: number; col: number }; // 1-based
export type JsonRange = { start: JsonPos; end: JsonPos };
type Span = { keyStart?: number; keyEnd?: number; start: number; end: number };

export type JsonSource =
  | { ok: true; value: unknown; locate: (path: readonly PropertyKey[], opts?: { key?: boolean }) => JsonRange }
  | { ok: false; error: { message: string; line: number; col: number } };

class JsonSyntaxError extends Error {
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

export function parseJsonSource(text: string): JsonSource {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") lineStarts.push(i + 1);
  const posOf = (offset: number): JsonPos => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo] + 1 };
  };

  const spans = new Map<string, Span>();
  let i = 0;

  const ws = () => {
    while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === "\n" || text[i] === "\r")) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describe = (at: number) => (at >= text.length ? "end of input" : `'${text[at]}'`);

  const parseString = (): string => {
    const start = i;
    i++; // opening quote
    let out = "";
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
        if (e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail("invalid escape sequence in string", i);
        continue;
      }
      if (c === "\n" || c.charCodeAt(0) < 0x20) fail("unterminated string (control character or line break inside a string)", i);
      out += c;
      i++;
    }
    return fail("unterminated string", start);
  };

  const parseValue = (path: PropertyKey[], keySpan?: { keyStart: number; keyEnd: number }): unknown => {
    ws();
    const start = i;
    const c = text[i];
    let value: unknown;
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") i++;
      else {
        for (;;) {
          ws();
          if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe(i)}`);
          const keyStart = i;
          const key = parseString();
          const keyEnd = i;
          if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate key "${key}"`, keyStart);
          ws();
          if (text[i] !== ":") fail(`expected ':' after property name "${key}", found ${describe(i)}`);
          i++;
          obj[key] = parseValue([...path, key], { keyStart, keyEnd });
          ws();
          if (text[i] === ",") {
            i++;
            ws();
            if (text[i] === "}") fail("trailing comma before '}'", i);
            continue;
          }
          if (text[i] === "}") {
            i++;
            break;
          }
          fail(`expected ',' or '}' after a property value, found ${describe(i)}`);
        }
      }
      value = obj;
    } else if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") i++;
      else {
        for (;;) {
          arr.push(parseValue([...path, arr.length]));
          ws();
          if (text[i] === ",") {
            i++;
            ws();
            if (text[i] === "]") fail("trailing comma before ']'", i);
            continue;
          }
          if (text[i] === "]") {
            i++;
            break;
          }
          fail(`expected ',' or ']' in an array, found ${describe(i)}`);
        }
      }
      value = arr;
    } else if (c === '"') {
      value = parseString();
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
      if (!m) fail("invalid number");
      i += m![0].length;
      value = Number(m![0]);
    } else if (text.startsWith("true", i)) {
      i += 4;
      value = true;
    } else if (text.startsWith("false", i)) {
      i += 5;
      value = false;
    } else if (text.startsWith("null", i)) {
      i += 4;
      value = null;
    } else {
      fail(`unexpected ${describe(i)}: expected a JSON value`);
    }
    spans.set(JSON.stringify(path), { ...keySpan, start, end: i });
    return value;
  };

  try {
    const value = parseValue([]);
    ws();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the JSON document`);
    const locate = (path: readonly PropertyKey[], opts?: { key?: boolean }): JsonRange => {
      // Walk up to the nearest path we know (zod may point inside a value that does not exist, e.g. a missing key).
      for (let n = path.length; n >= 0; n--) {
        const span = spans.get(JSON.stringify(path.slice(0, n).map((p) => (typeof p === "symbol" ? String(p) : p))));
        if (!span) continue;
        const useKey = opts?.key === true && n === path.length && span.keyStart !== undefined;
        const s = useKey ? span.keyStart! : span.start;
        const e = useKey ? span.keyEnd! : span.end;
        return { start: posOf(s), end: posOf(e) };
      }
      return { start: posOf(0), end: posOf(0) };
    };
    return { ok: true, value, locate };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      const p = posOf(Math.min(error.offset, text.length));
      return { ok: false, error: { message: error.message, line: p.line, col: p.col } };
    }
    throw error;
  }
}
