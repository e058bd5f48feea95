// A fast reader for the block-YAML subset config_custom.yaml files are written in: block maps, block lists of
// scalars, plain and simply-quoted one-line scalars, comments, anchors and aliases; flow collections ([...], {...})
// are cut out and handed to the yaml package. It builds the same yaml nodes (with the
// same source ranges) as the yaml package would, about five times faster, so validating a 10,000-line file stays
// well under 100 ms. Anything outside the subset (tags, multi-line or escaped scalars, directives, tabs, odd
// indentation, merge keys) returns null and the caller uses the yaml package for the whole file instead.
// parse-fast.test.ts checks that both give identical models and diagnostics.
import { Alias, Document, isCollection, isNode, Pair, parseDocument, Scalar, visit, YAMLMap, YAMLSeq } from "yaml";
import type { Node } from "yaml";

type Frame =
  | { kind: "map"; indent: number; node: YAMLMap; pendingKey: Scalar | null; pendingAt: number; pendingAnchor: string | null }
  | { kind: "seq"; indent: number; node: YAMLSeq };

/** Characters that may start a plain key or value here; anything else (indicators, quotes handled apart) falls back. */
const PLAIN_START = /[A-Za-z0-9_$.\/~+=(^)\\;]/;
const MAX_FAST_DEPTH = 50;

export type FastParse = {
  doc: Document.Parsed | null;
  /** Why the subset reader gave up: the 1-based line (null when it did not). */
  fallbackLine: number | null;
  /** Each alias node and the node it refers to (the closest preceding anchor of that name). */
  aliasTargets: Map<object, Node>;
};

export function parseFastDetailed(text: string): FastParse {
  currentLine = 0;
  anchors = new Map();
  aliasTargets = new Map();
  try {
    const doc = parse(text);
    return { doc, fallbackLine: doc ? null : currentLine, aliasTargets };
  } catch {
    return { doc: null, fallbackLine: currentLine, aliasTargets: new Map() };
  }
}

let currentLine = 0;
/** Set by readFlow: where the line loop resumes after a multi-line flow collection (-1: the next line). */
let resumeAt = -1;
/** Anchors defined so far (an alias to anything else falls back; the yaml package reports it), and alias targets. */
let anchors = new Map<string, Node>();
let aliasTargets = new Map<object, Node>();

/** indexOf limited to [from, end): a plain indexOf would scan the rest of the file on every line. */
function indexInLine(text: string, needle: string, from: number, end: number): number {
  const first = needle.charCodeAt(0);
  const last = end - needle.length;
  for (let i = from; i <= last; i++) {
    if (text.charCodeAt(i) === first && (needle.length === 1 || text.startsWith(needle, i))) return i;
  }
  return -1;
}

function countNewlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to - 1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
function fallback(): never {
  throw new Error("outside the fast subset");
}

function parse(text: string): Document.Parsed | null {
  if (text.charCodeAt(0) === 0xfeff) return null;
  const stack: Frame[] = [];
  let root: YAMLMap | null = null;
  let lastLineEnd = 0; // offset after the newline of the last line that held a token
  let pos = 0;
  const len = text.length;

  while (pos < len) {
    currentLine++;
    let nl = text.indexOf("\n", pos);
    if (nl === -1) nl = len;
    const next = nl === len ? len : nl + 1;
    let end = nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--; // CRLF
    // indentation
    let i = pos;
    while (i < end && text.charCodeAt(i) === 32) i++;
    if (i < end && text.charCodeAt(i) === 9) fallback(); // tabs
    if (i === end || text.charCodeAt(i) === 35 /* # */) {
      pos = next;
      continue;
    }
    const indent = i - pos;
    const c = text.charCodeAt(i);
    if (indent === 0 && (c === 37 /* % */ || text.startsWith("---", i) || text.startsWith("...", i))) fallback();

    const isDash = c === 45 /* - */ && (i + 1 === end || text.charCodeAt(i + 1) === 32);
    resumeAt = -1;
    if (isDash) handleSeqItem(text, stack, indent, i, end);
    else {
      if (root === null) {
        if (stack.length > 0) fallback();
        root = new YAMLMap();
        stack.push({ kind: "map", indent, node: root, pendingKey: null, pendingAt: 0, pendingAnchor: null });
      }
      handleKeyLine(text, stack, indent, i, end);
    }
    if (stack.length > MAX_FAST_DEPTH) fallback();
    // A flow collection may span lines: continue after the line holding its closing bracket.
    const after = resumeAt === -1 ? next : resumeAt;
    if (resumeAt !== -1) currentLine += countNewlines(text, next, after);
    lastLineEnd = after;
    closeRanges(stack, 0, lastLineEnd);
    pos = after;
  }
  // Close every frame: a pending key without a nested block has an empty value.
  for (let f = stack.length - 1; f >= 0; f--) settlePending(stack[f]!);
  closeRanges(stack, 0, lastLineEnd);

  const doc = new Document(null, { schema: "failsafe" }) as Document.Parsed;
  doc.contents = root as unknown as Document.Parsed["contents"];
  (doc as { range: [number, number, number] }).range = [0, len, len];
  return doc;
}

/** Keeps the end offsets of all open collections at the end of the latest line. */
function closeRanges(stack: Frame[], from: number, endOffset: number): void {
  for (let f = from; f < stack.length; f++) {
    const node = stack[f]!.node;
    if (node.range) {
      node.range[1] = endOffset;
      node.range[2] = endOffset;
    }
  }
}

/** A key left with nothing after it and no nested block gets yaml's empty plain scalar. */
function settlePending(frame: Frame): void {
  if (frame.kind !== "map" || !frame.pendingKey) return;
  if (frame.pendingAnchor) fallback(); // an anchored empty value: rare, leave it to the yaml package
  const value = plainScalar("", frame.pendingAt, frame.pendingAt);
  frame.node.items.push(new Pair(frame.pendingKey, value));
  frame.pendingKey = null;
}

/** Pops frames deeper than `indent`, settling their pending keys. */
function popTo(stack: Frame[], indent: number): void {
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.kind === "map" && top.indent > indent) {
      settlePending(top);
      stack.pop();
    } else if (top.kind === "seq" && top.indent >= indent) {
      // A seq ends at a line indented less, or at a key line at its own indent (seq under a key at the same column).
      if (top.indent > indent) {
        stack.pop();
        continue;
      }
      return;
    } else return;
  }
}

function handleKeyLine(text: string, stack: Frame[], indent: number, i: number, end: number): void {
  let top = stack[stack.length - 1]!;
  if (top.kind === "map" && top.pendingKey && indent > top.indent) {
    // "key:" followed by a more indented block map
    const map = new YAMLMap();
    map.range = [i, i, i];
    if (top.pendingAnchor) setAnchor(map, top.pendingAnchor);
    top.node.items.push(new Pair(top.pendingKey, map));
    top.pendingKey = null;
    top.pendingAnchor = null;
    stack.push({ kind: "map", indent, node: map, pendingKey: null, pendingAt: 0, pendingAnchor: null });
    top = stack[stack.length - 1]!;
  } else {
    // a seq at this same indent ends here (its parent map continues)
    while (top.kind === "seq" && top.indent >= indent) {
      stack.pop();
      top = stack[stack.length - 1]!;
    }
    popTo(stack, indent);
    top = stack[stack.length - 1]!;
    if (!top || top.kind !== "map" || top.indent !== indent) fallback();
    settlePending(top);
  }
  const frame = top as Extract<Frame, { kind: "map" }>;

  // key
  const keyStart = i;
  let key: Scalar;
  let p: number;
  const c = text.charCodeAt(i);
  if (c === 34 /* " */ || c === 39 /* ' */) {
    const q = readQuoted(text, i, end);
    key = q.node;
    p = q.next;
    while (p < end && text.charCodeAt(p) === 32) p++;
    if (text.charCodeAt(p) !== 58 /* : */) fallback();
  } else {
    if (!PLAIN_START.test(text[i]!)) fallback();
    p = i;
    // the key runs to the first ':' followed by a space or the end of the line
    for (;;) {
      p = indexInLine(text, ":", p, end);
      if (p === -1 || p >= end) fallback();
      const after = p + 1 < end ? text.charCodeAt(p + 1) : 32;
      if (after === 32) break;
      p++;
    }
    let keyEnd = p;
    while (keyEnd > keyStart && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
    const raw = text.slice(keyStart, keyEnd);
    if (raw.includes(" #") || raw.includes("\t")) fallback();
    key = plainScalar(raw, keyStart, keyEnd);
  }
  p++; // past ':'
  if (p < end && text.charCodeAt(p) !== 32) fallback();
  while (p < end && text.charCodeAt(p) === 32) p++;

  if (frame.node.items.length === 0 && !frame.node.range) frame.node.range = [keyStart, keyStart, keyStart];
  let anchor: string | null = null;
  if (text.charCodeAt(p) === 38 /* & */) {
    ({ anchor, next: p } = readAnchor(text, p, end));
  }
  if (p === end || text.charCodeAt(p) === 35 /* # */) {
    frame.pendingKey = key;
    frame.pendingAt = p;
    frame.pendingAnchor = anchor;
    return;
  }
  const value = readValue(text, p, end, indent);
  if (anchor) setAnchor(value, anchor);
  frame.node.items.push(new Pair(key, value));
}

function handleSeqItem(text: string, stack: Frame[], indent: number, i: number, end: number): void {
  let top = stack[stack.length - 1];
  if (!top) fallback();
  if (top.kind === "map" && top.pendingKey && indent >= top.indent) {
    const seq = new YAMLSeq();
    seq.range = [i, i, i];
    if (top.pendingAnchor) setAnchor(seq, top.pendingAnchor);
    top.node.items.push(new Pair(top.pendingKey, seq));
    top.pendingKey = null;
    top.pendingAnchor = null;
    stack.push({ kind: "seq", indent, node: seq });
    top = stack[stack.length - 1]!;
  } else {
    popTo(stack, indent);
    top = stack[stack.length - 1];
    if (!top || top.kind !== "seq" || top.indent !== indent) fallback();
  }
  let p = i + 1;
  while (p < end && text.charCodeAt(p) === 32) p++;
  const seq = (top as Extract<Frame, { kind: "seq" }>).node;
  if (p === end || text.charCodeAt(p) === 35) {
    // "-" alone: a null item, placed as yaml places empty scalars
    seq.items.push(plainScalar("", p, p));
    return;
  }
  const c = text.charCodeAt(p);
  if (c === 45 /* - */ && (p + 1 === end || text.charCodeAt(p + 1) === 32)) fallback(); // nested list
  if (c === 38 /* & */) fallback(); // anchored list items: rare
  const value = readValue(text, p, end, indent);
  if (resumeAt !== -1) fallback(); // multi-line values in list items: left to the yaml package
  if (value instanceof Scalar && value.type === "PLAIN") {
    const raw = value.value as string;
    if (raw.includes(": ") || raw.endsWith(":")) fallback(); // a map inside the list
  }
  seq.items.push(value);
}

/** `&name` and the position after it and its spaces. */
function readAnchor(text: string, p: number, end: number): { anchor: string; next: number } {
  let q = p + 1;
  while (q < end && text.charCodeAt(q) !== 32) q++;
  const anchor = text.slice(p + 1, q);
  if (!/^[A-Za-z0-9_.\-]+$/.test(anchor)) fallback();
  while (q < end && text.charCodeAt(q) === 32) q++;
  return { anchor, next: q };
}

/** A value starting at p: an alias, a flow collection, or a one-line quoted or plain scalar (then a comment). */
function readValue(text: string, p: number, end: number, indent: number): Scalar | Alias | YAMLMap | YAMLSeq {
  const c = text.charCodeAt(p);
  if (c === 42 /* * */) {
    let q = p + 1;
    while (q < end && text.charCodeAt(q) !== 32) q++;
    const name = text.slice(p + 1, q);
    const target = anchors.get(name);
    if (!target) fallback();
    const alias = new Alias(name);
    aliasTargets.set(alias, target);
    alias.range = [p, q, q];
    expectCommentOrEnd(text, q, end);
    return alias;
  }
  if (c === 91 /* [ */ || c === 123 /* { */) return readFlow(text, p, indent);
  if (c === 34 /* " */) {
    const close = indexInLine(text, '"', p + 1, end);
    if (close === -1 || text.slice(p + 1, close).includes("\\")) return readEscapedString(text, p, indent);
  }
  if (c === 34 || c === 39) {
    const q = readQuoted(text, p, end);
    expectCommentOrEnd(text, q.next, end);
    return q.node;
  }
  if (!PLAIN_START.test(text[p]!) && !(c === 45 /* - */ && p + 1 < end && text.charCodeAt(p + 1) !== 32) && !(c === 60 /* < */ && text.charCodeAt(p + 1) !== 60)) fallback();
  // plain: to the end of the line or a " #" comment
  let stop = indexInLine(text, " #", p, end);
  if (stop === -1) stop = end;
  let valueEnd = stop;
  while (valueEnd > p && text.charCodeAt(valueEnd - 1) === 32) valueEnd--;
  const raw = text.slice(p, valueEnd);
  if (raw.includes(": ") || raw.endsWith(":") || raw.includes("\t") || raw.includes("\r")) fallback();
  return plainScalar(raw, p, valueEnd);
}

/** A one-line quoted scalar. Double quotes with backslash escapes fall back (the yaml package decodes those). */
function readQuoted(text: string, p: number, end: number): { node: Scalar; next: number } {
  const quote = text[p]!;
  if (quote === '"') {
    const close = indexInLine(text, '"', p + 1, end);
    if (close === -1) fallback();
    const raw = text.slice(p + 1, close);
    if (raw.includes("\\")) fallback();
    return { node: quotedScalar(raw, "QUOTE_DOUBLE", p, close + 1), next: close + 1 };
  }
  let q = p + 1;
  let value = "";
  for (;;) {
    const close = indexInLine(text, "'", q, end);
    if (close === -1) fallback();
    value += text.slice(q, close);
    if (text.charCodeAt(close + 1) === 39) {
      value += "'";
      q = close + 2;
      continue;
    }
    return { node: quotedScalar(value, "QUOTE_SINGLE", p, close + 1), next: close + 1 };
  }
}

function expectCommentOrEnd(text: string, p: number, end: number): void {
  while (p < end && text.charCodeAt(p) === 32) p++;
  if (p < end && text.charCodeAt(p) !== 35) fallback();
}

/**
 * A flow collection: its extent is found by bracket matching (quotes and comments skipped), then the yaml package
 * parses just that slice and the node ranges are shifted to file offsets.
 */
function readFlow(text: string, start: number, indent: number): YAMLMap | YAMLSeq {
  let depth = 0;
  let i = start;
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 91 || ch === 123) depth++;
    else if (ch === 93 || ch === 125) {
      if (--depth === 0) break;
    } else if (ch === 34) {
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    } else if (ch === 39) {
      i++;
      while (i < text.length && !(text.charCodeAt(i) === 39 && text.charCodeAt(i + 1) !== 39)) i += text.charCodeAt(i) === 39 ? 2 : 1;
    } else if (ch === 35 && /\s/.test(text[i - 1]!)) {
      const nl = text.indexOf("\n", i);
      i = nl === -1 ? text.length : nl;
    } else if (ch === 38 || ch === 42 || ch === 33) fallback(); // anchors, aliases, tags inside flow
  }
  if (depth !== 0 || i >= text.length) fallback();
  const close = i + 1;
  // As in context: continuation lines deeper than the key; the closing bracket alone may sit at the key's column.
  for (let nl = text.indexOf("\n", start); nl !== -1 && nl < close; nl = text.indexOf("\n", nl + 1)) {
    let k = nl + 1;
    while (k < close && text.charCodeAt(k) === 32) k++;
    const c = text.charCodeAt(k);
    if (c === 10 || c === 13) continue; // blank line
    if (c === 9) fallback();
    const lineIndent = k - nl - 1;
    if (lineIndent > indent) continue;
    if (!(k === i && lineIndent === indent)) fallback();
  }
  const doc = parseDocument(text.slice(start, close), { schema: "failsafe", uniqueKeys: false });
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !isCollection(doc.contents)) fallback();
  visit(doc, (_key, node) => {
    if (isNode(node) && node.range) node.range = [node.range[0] + start, node.range[1] + start, node.range[2] + start];
  });
  // The rest of the closing bracket's line may hold only a comment.
  let lineEnd = text.indexOf("\n", close);
  if (lineEnd === -1) lineEnd = text.length;
  let contentEnd = lineEnd;
  if (contentEnd > close && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
  expectCommentOrEnd(text, close, contentEnd);
  resumeAt = lineEnd === text.length ? text.length : lineEnd + 1;
  return doc.contents as YAMLMap | YAMLSeq;
}

/**
 * A double-quoted scalar with escapes, possibly over several lines (config_default's run-with-docker): the yaml
 * package decodes the slice. Continuation lines must be indented deeper than the key, as in context.
 */
function readEscapedString(text: string, start: number, indent: number): Scalar {
  let i = start + 1;
  while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
  if (i >= text.length) fallback();
  const close = i + 1;
  for (let nl = text.indexOf("\n", start); nl !== -1 && nl < close; nl = text.indexOf("\n", nl + 1)) {
    let k = nl + 1;
    while (k < close && text.charCodeAt(k) === 32) k++;
    if (k - nl - 1 <= indent && k < close && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) fallback();
    if (text.charCodeAt(k) === 9) fallback();
  }
  const doc = parseDocument(text.slice(start, close), { schema: "failsafe" });
  const node = doc.contents;
  if (doc.errors.length > 0 || doc.warnings.length > 0 || !(node instanceof Scalar) || node.type !== "QUOTE_DOUBLE") fallback();
  node.range = [start, close, close];
  let lineEnd = text.indexOf("\n", close);
  if (lineEnd === -1) lineEnd = text.length;
  let contentEnd = lineEnd;
  if (contentEnd > close && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
  expectCommentOrEnd(text, close, contentEnd);
  resumeAt = lineEnd === text.length ? text.length : lineEnd + 1;
  return node;
}

function setAnchor(node: Node, name: string): void {
  node.anchor = name;
  anchors.set(name, node);
}

function plainScalar(value: string, start: number, end: number): Scalar {
  const node = new Scalar(value);
  node.type = "PLAIN";
  node.range = [start, end, end];
  return node;
}

function quotedScalar(value: string, type: Scalar.Type, start: number, end: number): Scalar {
  const node = new Scalar(value);
  node.type = type;
  node.range = [start, end, end];
  return node;
}

export type { Node };
