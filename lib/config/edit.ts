// Comment- and order-preserving edits of config_custom.yaml. Edits splice new text into the original at positions
// taken from the yaml Document, so every byte outside the edited lines stays identical (comments, quoting, blank
// lines, CRLF). Values GP's YAML 1.1 parser would coerce (walltimes, "yes", dates, number-like strings) are quoted.
import { isAlias, isMap, isScalar, isSeq } from "yaml";
import type { Document, Node, Pair, Scalar, YAMLMap } from "yaml";
import { parseDocument } from "./parse";
import { plainWouldCoerce, resolvePlainScalar } from "./yaml11";

export type EditValue = string | string[] | null;

/** An edit that cannot be made safely (invalid YAML, a path through a non-map or an alias); the message says why. */
export class ConfigEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigEditError";
  }
}

/** Sets `path` (e.g. ["module.properties", "WordCount", "job.memory"]) to `value`, creating missing maps. */
export function setProperty(text: string, path: string[], value: EditValue): string {
  if (path.length === 0) throw new ConfigEditError("setProperty needs a non-empty path");
  const ctx = open(text);
  const found = findDeepest(ctx, path);
  if (found.depth === path.length) return replaceValue(ctx, found.pair!, value);
  const remaining = path.slice(found.depth);
  return insertIntoMap(ctx, found, renderNested(ctx, remaining, value));
}

/** Sets several keys of one map (created if missing), in the order given. null writes an explicit YAML null. */
export function setProperties(text: string, sectionPath: string[], props: Record<string, EditValue>): string {
  let out = text;
  for (const [key, value] of Object.entries(props)) out = setProperty(out, [...sectionPath, key], value);
  return out;
}

/**
 * Removes the key at `path` with its value (its lines in block style). A map left empty below a top-level section
 * is removed too (an empty user/group body would break GP); an emptied top-level section becomes `{}`. Missing
 * keys are not an error.
 */
export function deleteProperty(text: string, path: string[]): string {
  if (path.length === 0) throw new ConfigEditError("deleteProperty needs a non-empty path");
  const ctx = open(text);
  const found = findDeepest(ctx, path);
  if (found.depth !== path.length || !found.map || !found.pair) return text;
  const map = found.map;
  if (map.items.length === 1 && path.length > 2) return deleteProperty(text, path.slice(0, -1));
  if (map.items.length === 1 && path.length === 2 && !map.flow) {
    const parent = findDeepest(ctx, path.slice(0, 1));
    if (parent.pair) return replaceValue(ctx, parent.pair, "{}", true);
  }
  return removePair(ctx, map, found.pair);
}

// ---- generated blocks ----------------------------------------------------------------------------------------------

export const GENERATED_PREFIX = "# gp-batch-admin:";

/**
 * Replaces (or creates, or with no entries removes) a block of top-level module.properties entries that the
 * dashboard generates, e.g. from a version-range rule. The block is delimited by two comment lines:
 *
 *     module.properties:
 *         # gp-batch-admin: begin generated from range rule 12
 *         "urn:lsid:...:00044:6.15":
 *             job.docker.image: "genepattern/x:1"
 *         # gp-batch-admin: end generated from range rule 12
 *
 * `marker` is the text after begin/end ("generated from range rule 12"). Everything between the two comment lines
 * is owned by the generator and rewritten on every call; hand edits inside the block are lost, edits outside it
 * are never touched. A new block goes at the end of module.properties (created if missing).
 */
export function replaceGeneratedBlock(text: string, marker: string, entries: Record<string, Record<string, EditValue>>): string {
  if (/[\r\n]/.test(marker)) throw new ConfigEditError("The block marker must be one line");
  const eol = detectEol(text);
  const begin = `${GENERATED_PREFIX} begin ${marker}`;
  const end = `${GENERATED_PREFIX} end ${marker}`;
  const lines = text.split(/\r?\n/);
  const beginAt = lines.findIndex((l) => l.trim() === begin);
  const endAt = beginAt === -1 ? -1 : lines.findIndex((l, i) => i > beginAt && l.trim() === end);
  if (beginAt !== -1 && endAt === -1) throw new ConfigEditError(`The generated block '${marker}' has no end line ('${end}')`);
  const hasEntries = Object.keys(entries).length > 0;

  if (beginAt !== -1) {
    const indent = lines[beginAt]!.slice(0, lines[beginAt]!.length - lines[beginAt]!.trimStart().length);
    const unit = open(text).unit;
    const block = hasEntries ? renderBlock(indent, unit, begin, end, entries) : [];
    // Work on offsets so the line endings of untouched lines stay as they are.
    const startOffset = lineOffset(text, beginAt);
    const endOffset = lineOffset(text, endAt + 1);
    const tailEol = endOffset <= text.length && text.slice(0, endOffset).endsWith("\n") ? eol : "";
    return text.slice(0, startOffset) + (block.length ? block.join(eol) + tailEol : "") + text.slice(endOffset);
  }
  if (!hasEntries) return text;
  const ctx = open(text);
  const section = findDeepest(ctx, ["module.properties"]);
  const block = renderBlock(" ".repeat(ctx.unit), ctx.unit, begin, end, entries);
  if (section.depth === 1) {
    const value = section.pair!.value as Node | null;
    if (isMap(value) && !value.flow && value.items.length > 0) {
      const at = endOfLine(ctx.text, itemEnd(value.items[value.items.length - 1]!));
      return ctx.text.slice(0, at) + ctx.eol + block.join(ctx.eol) + ctx.text.slice(at);
    }
    if (isEmptyValue(value) || (isMap(value) && value.items.length === 0)) {
      return replaceRange(ctx, section.pair!, ctx.eol + block.join(ctx.eol));
    }
    throw new ConfigEditError("module.properties is not a block map; cannot add a generated block");
  }
  return appendTopLevel(ctx, ["module.properties:", ...block].join(ctx.eol));
}

function renderBlock(indent: string, unit: number, begin: string, end: string, entries: Record<string, Record<string, EditValue>>): string[] {
  const out = [indent + begin];
  for (const [key, props] of Object.entries(entries)) {
    const inner = Object.entries(props);
    if (inner.length === 0) continue;
    out.push(`${indent}${renderKey(key)}:`);
    for (const [k, v] of inner) out.push(`${indent}${" ".repeat(unit)}${renderKey(k)}: ${renderValue(v)}`);
  }
  out.push(indent + end);
  return out;
}

// ---- internals -------------------------------------------------------------------------------------------------

type Ctx = { text: string; doc: Document.Parsed; eol: string; unit: number };

function open(text: string): Ctx {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const line = text.slice(0, e.pos[0]).split("\n").length;
    throw new ConfigEditError(`The config has a YAML error at line ${line} (${e.message.split("\n")[0]}); fix it in the editor first`);
  }
  const root = doc.contents as Node | null;
  if (root && !isMap(root) && !isEmptyValue(root)) throw new ConfigEditError("The top level of the config is not a map");
  return { text, doc, eol: detectEol(text), unit: detectIndentUnit(text, root) };
}

function detectEol(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}

/** The file's indentation step: the column of the first nested key (GP's examples use 4). */
function detectIndentUnit(text: string, root: Node | null): number {
  if (!isMap(root) || root.flow) return 4;
  for (const pair of root.items as Pair<Node | null, Node | null>[]) {
    const value = pair.value;
    if (isMap(value) && !value.flow && value.items.length > 0) {
      const key = value.items[0]!.key as Node | null;
      const start = key?.range?.[0];
      if (start !== undefined) {
        const col = start - (text.lastIndexOf("\n", start - 1) + 1);
        if (col > 0) return col;
      }
    }
  }
  return 4;
}

type AnyPair = Pair<Node | null, Node | null>;
/**
 * How far `path` exists. depth = segments found; pair = the last found pair and map = the map holding it;
 * container = the map where the next (missing) segment would go, when the node reached is a map.
 */
type Found = { depth: number; map: YAMLMap | null; pair: AnyPair | null; container: YAMLMap | null };

function findDeepest(ctx: Ctx, path: string[]): Found {
  let node = ctx.doc.contents as Node | null;
  let map: YAMLMap | null = null;
  let pair: AnyPair | null = null;
  for (let i = 0; i < path.length; i++) {
    if (isAlias(node)) throw new ConfigEditError(`'${path.slice(0, i).join(" > ")}' is an alias (*${node.source}); edit its anchor instead`);
    if (!isMap(node)) {
      if (i > 0 && !isEmptyValue(node)) throw new ConfigEditError(`'${path.slice(0, i).join(" > ")}' is not a map`);
      return { depth: i, map, pair, container: null };
    }
    let next: AnyPair | null = null;
    for (const p of node.items as AnyPair[]) if (keyText(p.key) === path[i]) next = p; // GP keeps the last duplicate
    if (!next) return { depth: i, map, pair, container: node };
    map = node;
    pair = next;
    node = next.value;
  }
  return { depth: path.length, map, pair, container: null };
}

function keyText(key: Node | null): string | null {
  if (!isScalar(key)) return null;
  const text = typeof key.value === "string" ? key.value : String(key.value ?? "");
  if (key.type !== "PLAIN" || key.tag) return text;
  return resolvePlainScalar(text).value ?? "null";
}

function isEmptyValue(node: Node | null | undefined): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node) || node.tag) return false;
  if (node.type !== "PLAIN") return false;
  return resolvePlainScalar(String(node.value ?? "")).kind === "null";
}

/** Offset just after the value of an item (or its key when the value is empty). */
function itemEnd(pair: Pair<Node | null, Node | null> | unknown): number {
  const p = pair as Pair<Node | null, Node | null>;
  const value = p.value as Node | null;
  const key = p.key as Node | null;
  const end = value?.range?.[1] ?? key?.range?.[1];
  if (end === undefined) throw new ConfigEditError("Cannot locate an entry in the file");
  return Math.max(end, key?.range?.[1] ?? 0);
}

/** Offset of the line break ending the line that contains offset-1 (or the text's end). */
function endOfLine(text: string, offset: number): number {
  // A block collection's range ends at the start of the next line; step back onto its last line.
  let at = offset;
  while (at > 0 && (text[at - 1] === "\n" || text[at - 1] === "\r")) at--;
  const nl = text.indexOf("\n", at);
  if (nl === -1) return text.length;
  return text[nl - 1] === "\r" ? nl - 1 : nl;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineOffset(text: string, lineIndex: number): number {
  let at = 0;
  for (let i = 0; i < lineIndex; i++) {
    const nl = text.indexOf("\n", at);
    if (nl === -1) return text.length;
    at = nl + 1;
  }
  return at;
}

/** Offset just after the ':' that separates a pair's key from its value. */
function colonAfterKey(text: string, pair: Pair<Node | null, Node | null>): number {
  const keyEnd = (pair.key as Node | null)?.range?.[1];
  if (keyEnd === undefined) throw new ConfigEditError("Cannot locate a key in the file");
  const colon = text.indexOf(":", keyEnd);
  if (colon === -1) throw new ConfigEditError("Cannot locate a key's ':' in the file");
  return colon + 1;
}

/** Replaces the value of an existing pair, keeping the existing quote style where it can. */
function replaceValue(ctx: Ctx, pair: Pair<Node | null, Node | null>, value: EditValue, rawText = false): string {
  const current = pair.value as Node | null;
  if (isAlias(current)) throw new ConfigEditError(`The value is an alias (*${current.source}); edit its anchor instead`);
  let rendered = rawText ? (value as string) : renderValue(value, isScalar(current) ? current.type : undefined);
  if (isScalar(current) && !isEmptyValue(current) && current.type !== "BLOCK_LITERAL" && current.type !== "BLOCK_FOLDED") {
    const [start, end] = current.range!;
    return ctx.text.slice(0, start) + rendered + ctx.text.slice(end);
  }
  if (isMap(current) || isSeq(current)) {
    if (current.flow) {
      const [start, end] = current.range!;
      return ctx.text.slice(0, start) + rendered + ctx.text.slice(end);
    }
  }
  rendered = " " + rendered;
  return replaceRange(ctx, pair, rendered);
}

/** Replaces everything from just after the pair's ':' to the end of its value with `replacement`. */
function replaceRange(ctx: Ctx, pair: Pair<Node | null, Node | null>, replacement: string): string {
  const from = colonAfterKey(ctx.text, pair);
  const value = pair.value as Node | null;
  let to = from;
  if (value?.range) {
    const [start, end] = value.range;
    to = Math.max(from, isEmptyValue(value) ? start : end);
    const isBlock = isScalar(value) ? value.type === "BLOCK_LITERAL" || value.type === "BLOCK_FOLDED" : !(value as YAMLMap).flow;
    // Block values end at the start of the next line; keep that line break.
    if (!isEmptyValue(value) && isBlock) to = endOfLine(ctx.text, end);
  }
  // Keep a trailing comment on the key's line when the old value was empty.
  const lineEnd = endOfLine(ctx.text, from);
  if (isEmptyValue(value)) {
    const rest = ctx.text.slice(from, lineEnd);
    if (/^\s*#/.test(rest)) return ctx.text.slice(0, lineEnd) + replacement + ctx.text.slice(lineEnd);
    to = Math.max(from, Math.min(lineEnd, ctx.text.slice(from, lineEnd).trimEnd().length + from));
  }
  return ctx.text.slice(0, from) + replacement + ctx.text.slice(to);
}

/** Adds a rendered pair (possibly a nested block) into the deepest existing map, or at the top level. */
function insertIntoMap(ctx: Ctx, found: Found, rendered: RenderedPair): string {
  const container = found.container;
  // An empty flow map ("module.properties: {}") becomes a block when a nested map goes in.
  if (container?.flow && container.items.length === 0 && rendered.multiline && found.pair) return giveBlock(ctx, found.pair, rendered);
  if (container) return addToMap(ctx, container, rendered);
  if (found.depth === 0) return appendTopLevel(ctx, rendered.lines(0).join(ctx.eol)); // empty document
  // The last found pair has an empty value (e.g. "module.properties:" with nothing): give it a block.
  return giveBlock(ctx, found.pair!, rendered);
}

/** Replaces a pair's empty value with a block holding `rendered`, indented one step below the key. */
function giveBlock(ctx: Ctx, pair: AnyPair, rendered: RenderedPair): string {
  const keyStart = (pair.key as Node).range![0];
  const indent = keyStart - lineStart(ctx.text, keyStart);
  const lines = rendered.lines(indent + ctx.unit);
  return replaceRange(ctx, pair, ctx.eol + lines.join(ctx.eol));
}

function addToMap(ctx: Ctx, map: YAMLMap, rendered: RenderedPair): string {
  const items = map.items as Pair<Node | null, Node | null>[];
  if (map.flow) {
    const close = map.range![1] - 1;
    if (ctx.text[close] !== "}") throw new ConfigEditError("Cannot locate the end of a flow map");
    const before = ctx.text.slice(map.range![0] + 1, close).replace(/#[^\n]*/g, "").trim();
    const sep = before === "" || before.endsWith(",") ? " " : ", ";
    const space = /\s*$/.exec(ctx.text.slice(0, close))![0];
    return ctx.text.slice(0, close - space.length) + sep + rendered.inline() + space + ctx.text.slice(close);
  }
  if (items.length === 0) throw new ConfigEditError("Cannot add to an empty map");
  const firstKey = items[0]!.key as Node;
  const indent = firstKey.range![0] - lineStart(ctx.text, firstKey.range![0]);
  const at = endOfLine(ctx.text, itemEnd(items[items.length - 1]!));
  return ctx.text.slice(0, at) + ctx.eol + rendered.lines(indent).join(ctx.eol) + ctx.text.slice(at);
}

function appendTopLevel(ctx: Ctx, block: string): string {
  const root = ctx.doc.contents as Node | null;
  if (isMap(root) && !root.flow && root.items.length > 0) {
    const at = endOfLine(ctx.text, itemEnd(root.items[root.items.length - 1]!));
    return ctx.text.slice(0, at) + ctx.eol + block + ctx.text.slice(at);
  }
  if (isMap(root) && root.flow) throw new ConfigEditError("The top level is a flow map; cannot add a section");
  const body = ctx.text.replace(/\s+$/, "");
  const withoutEmptyRoot = isScalar(root) && root.range ? ctx.text.slice(0, root.range[0]) + ctx.text.slice(root.range[1]) : body;
  const prefix = withoutEmptyRoot.trim() === "" ? withoutEmptyRoot.replace(/\s+$/, "") : withoutEmptyRoot.replace(/\s+$/, "");
  return (prefix ? prefix + ctx.eol : "") + block + ctx.eol;
}

function removePair(ctx: Ctx, map: YAMLMap, pair: Pair<Node | null, Node | null>): string {
  const keyStart = (pair.key as Node).range![0];
  if (map.flow) {
    const items = map.items as Pair<Node | null, Node | null>[];
    const index = items.indexOf(pair);
    const end = itemEnd(pair);
    if (index < items.length - 1) {
      const nextStart = (items[index + 1]!.key as Node).range![0];
      return ctx.text.slice(0, keyStart) + ctx.text.slice(nextStart);
    }
    if (index > 0) {
      const prevEnd = itemEnd(items[index - 1]!);
      return ctx.text.slice(0, prevEnd) + ctx.text.slice(end).replace(/^\s*,/, "");
    }
    return ctx.text.slice(0, keyStart) + ctx.text.slice(end).replace(/^\s*,/, "");
  }
  const from = lineStart(ctx.text, keyStart);
  const lineEnd = endOfLine(ctx.text, itemEnd(pair));
  const to = ctx.text.startsWith("\r\n", lineEnd) ? lineEnd + 2 : ctx.text[lineEnd] === "\n" ? lineEnd + 1 : lineEnd;
  return ctx.text.slice(0, from) + ctx.text.slice(to);
}

// ---- rendering -------------------------------------------------------------------------------------------------

type RenderedPair = { multiline: boolean; lines: (indent: number) => string[]; inline: () => string };

function renderNested(ctx: Ctx, path: string[], value: EditValue): RenderedPair {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    const line = `${renderKey(head)}: ${renderValue(value)}`;
    return { multiline: false, lines: (indent) => [" ".repeat(indent) + line], inline: () => line };
  }
  const inner = renderNested(ctx, rest, value);
  return {
    multiline: true,
    lines: (indent) => [`${" ".repeat(indent)}${renderKey(head)}:`, ...inner.lines(indent + ctx.unit)],
    inline: () => `${renderKey(head)}: { ${inner.inline()} }`,
  };
}

/** Plain only for identifier- and path-like text that YAML 1.1 leaves alone; everything else double-quoted. */
const SAFE_PLAIN_VALUE = /^[A-Za-z_/$][A-Za-z0-9_./$@+=\-]*$/;
const SAFE_PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_.\-]*$/;

export function renderKey(key: string): string {
  return SAFE_PLAIN_KEY.test(key) && !plainWouldCoerce(key) ? key : JSON.stringify(key);
}

function renderScalar(value: string, style?: Scalar.Type): string {
  if (style === "QUOTE_SINGLE" && !/[\n\r\t\\]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  if (style === "QUOTE_DOUBLE" || style === "QUOTE_SINGLE") return JSON.stringify(value);
  return SAFE_PLAIN_VALUE.test(value) && !plainWouldCoerce(value) ? value : JSON.stringify(value);
}

/** The YAML text for a value: null, a scalar (quoted when YAML 1.1 would coerce it) or a flow list. */
export function renderValue(value: EditValue, style?: Scalar.Type): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map((v) => renderScalar(v)).join(", ")}]`;
  return renderScalar(value, style);
}
