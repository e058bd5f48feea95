// Parses config_custom.yaml into GP's model (reference §1): YAML 1.1 scalars as SnakeYAML 1.6 reads them, the section
// rules of ConfigFileParser, and positions for every key and value. Never throws: problems become diagnostics.
import { isAlias, isMap, isScalar, isSeq, parseDocument as parseYamlDocument } from "yaml";
import type { Alias, Document, Node, Pair, Scalar, YAMLMap } from "yaml";
import { diagnostic, editDistance, FILE_START, type DiagnosticCode } from "./diagnostics";
import type {
  ConfigModel,
  Diagnostic,
  ExecutorEntry,
  GpValue,
  ModulePropertiesEntry,
  ParsedConfig,
  PrincipalEntry,
  PropertyEntry,
  PropertyMap,
  Range,
  Severity,
} from "./types";
import { parseFastDetailed } from "./parse-fast";
import { resolvePlainScalar } from "./yaml11";

/** Aliases may expand to at most this many nodes in total (guards against "billion laughs"). */
export const MAX_ALIAS_EXPANSION = 100_000;
/** Deeper nesting than this is reported and not followed. */
export const MAX_DEPTH = 100;
/** At most this many YAML syntax errors are listed. */
const MAX_SYNTAX_ERRORS = 50;

const KNOWN_SECTIONS = [
  "default.properties",
  "executors",
  "executor.properties",
  "module.properties",
  "group.properties",
  "user.properties",
] as const;

const yamlOptions = {
  schema: "failsafe", // every scalar stays a string; yaml11.ts applies SnakeYAML's rules itself
  uniqueKeys: false, // duplicates are reported by us, with GP's "last one wins"
  prettyErrors: false,
  strict: false,
} as const;

/** The yaml Document (comments and positions kept), for editing and for tools that need the syntax tree. */
export function parseDocument(text: string): Document.Parsed {
  return parseYamlDocument(text, yamlOptions);
}

/** Maps string offsets to 1-based line/column. */
export class PositionIndex {
  private readonly lineStarts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }
  pos(offset: number): { line: number; col: number } {
    const at = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: at - this.lineStarts[lo]! + 1 };
  }
  range(start: number, end: number): Range {
    return { start: this.pos(start), end: this.pos(Math.max(start, end)) };
  }
}

/**
 * Extra results of a parse that validation reuses, so the text is parsed once. `doc` holds the nodes with source
 * ranges; it may come from the fast reader (parse-fast.ts), which keeps no comments: edit through parseDocument().
 */
export type ParseDetails = { doc: Document.Parsed | null; positions: PositionIndex; parsed: ParsedConfig };

/**
 * GP's view of a config file. `model` is null when GP could not read the file at all (YAML syntax errors, binary
 * content, a top level that is not a map, an alias bomb); otherwise it is built even when diagnostics report
 * errors GP would fail on (e.g. an unquoted date), so the dashboard can still explain the rest. Never throws.
 */
export function parseConfig(text: string, options: { fileName?: string } = {}): ParsedConfig {
  return parseConfigDetailed(text, options).parsed;
}

/** `fast: false` forces the yaml package (tests compare both readers). */
export function parseConfigDetailed(text: string, options: { fileName?: string; fast?: boolean } = {}): ParseDetails {
  const fileName = options.fileName ?? "config_custom.yaml";
  const positions = new PositionIndex(text);
  const diagnostics: Diagnostic[] = [];
  const result = (model: ConfigModel | null, doc: Document.Parsed | null): ParseDetails => ({
    doc,
    positions,
    parsed: { text, fileName, model, diagnostics },
  });

  const binaryAt = findBinary(text);
  if (binaryAt !== -1) {
    diagnostics.push(
      diagnostic("binary-content", "The file contains NUL or control bytes; it is not a YAML text file.", [], positions.range(binaryAt, binaryAt + 1)),
    );
    return result(null, null);
  }

  let doc: Document.Parsed;
  let aliasTargets: Map<object, Node> | null = null;
  try {
    const fast = options.fast === false ? null : parseFastDetailed(text);
    doc = fast?.doc ?? parseDocument(text);
    aliasTargets = fast?.doc ? fast.aliasTargets : null;
  } catch (error) {
    // The yaml package recurses; absurd nesting can exhaust the stack.
    diagnostics.push(diagnostic("nesting-too-deep", `The YAML parser gave up: ${describe(error)}`, [], FILE_START));
    return result(null, null);
  }

  for (const [i, error] of doc.errors.entries()) {
    if (i === MAX_SYNTAX_ERRORS) {
      diagnostics.push(diagnostic("too-many-errors", `${doc.errors.length - i} more syntax errors are not listed.`, [], positions.range(error.pos[0], error.pos[0])));
      break;
    }
    // The yaml package turns a stack overflow on absurd nesting into an error of its own.
    const code: DiagnosticCode = /call stack/i.test(error.message) ? "nesting-too-deep" : "yaml-syntax";
    diagnostics.push(diagnostic(code, firstLine(error.message), [], positions.range(error.pos[0], error.pos[1])));
  }
  for (const warning of doc.warnings) {
    if (warning.code === "TAG_RESOLVE_FAILED") continue; // reported as unknown-tag with its path
    diagnostics.push(diagnostic("yaml-warning", firstLine(warning.message), [], positions.range(warning.pos[0], warning.pos[1])));
  }
  if (doc.errors.length > 0) return result(null, doc);

  try {
    const builder = new ModelBuilder(doc, positions, diagnostics, aliasTargets);
    return result(builder.build(), doc);
  } catch (error) {
    const code: DiagnosticCode =
      error instanceof AliasLimitError ? "alias-expansion-limit" : error instanceof RangeError ? "nesting-too-deep" : "yaml-syntax";
    diagnostics.push(diagnostic(code, `The file could not be read: ${describe(error)}`, [], FILE_START));
    return result(null, doc);
  }
}

function findBinary(text: string): number {
  // eslint-disable-next-line no-control-regex
  const match = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/.exec(text);
  return match ? match.index : -1;
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.trim();
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

type Path = (string | number)[];

/** One key of a map after merge keys are applied: the last explicit value wins, at its first position. */
type MapEntry = { key: string; keyNode: Node | null; valueNode: Node | null; keyRange: Range; valueRange: Range };

class AliasLimitError extends Error {}

class ModelBuilder {
  private aliasWork = 0;
  private aliasDepth = 0;
  private aliasLimitReported = false;
  /**
   * Nodes already reported on (so an alias does not repeat the diagnostics of its anchor) are marked with a
   * symbol property: the nodes live only for this parse, and WeakSets of 100k entries cost much more GC time.
   */
  private static readonly REPORTED = Symbol("reported");
  private static readonly DUPLICATE_REPORTED = Symbol("duplicateReported");
  private depthReported = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly positions: PositionIndex,
    private readonly diagnostics: Diagnostic[],
    /** Alias -> anchored node, when the reader already knows them (the fast reader does). */
    private targets: Map<object, Node> | null = null,
  ) {}

  build(): ConfigModel | null {
    const model: ConfigModel = {
      defaultProperties: new Map(),
      executors: new Map(),
      executorProperties: new Map(),
      moduleProperties: new Map(),
      groupProperties: new Map(),
      userProperties: new Map(),
    };
    const root = this.doc.contents;
    const isEmpty = root === null || (isScalar(root) && (root.value === null || root.value === ""));
    if (!isEmpty && !isMap(root)) {
      this.report("root-not-map", "The top level of the file must be a map of sections (default.properties, executors, ...).", [], this.nodeRange(root));
      return null;
    }
    if (!this.checkAliasExpansion()) return null;
    const entries = isEmpty ? [] : this.entries(root as YAMLMap, [], 0) ?? [];
    let sawExecutors = false;
    for (const entry of entries) {
      const path = [entry.key];
      switch (entry.key) {
        case "default.properties": {
          const map = this.sectionEntries(entry, path, "warning");
          if (map) model.defaultProperties = this.propertyMap(map, path, 1);
          break;
        }
        case "executors":
          sawExecutors = true;
          this.executors(entry, model);
          break;
        case "executor.properties":
          this.executorProperties(entry, model);
          break;
        case "module.properties": {
          const map = this.sectionEntries(entry, path, "warning");
          if (map) model.moduleProperties = this.moduleProperties(map, path, 1);
          break;
        }
        case "group.properties":
        case "user.properties":
          this.principals(entry, entry.key === "group.properties" ? model.groupProperties : model.userProperties);
          break;
        default:
          this.report("unknown-section", `GP ignores the top-level key '${entry.key}'${suggestSection(entry.key)}.`, path, entry.keyRange);
      }
    }
    if (!sawExecutors) {
      const range = entries.length > 0 ? entries[0]!.keyRange : FILE_START;
      this.report("missing-executors", "There is no 'executors' section; GP fails to load a config without one.", ["executors"], range);
    }
    if (this.aliasLimitReported) return null;
    return model;
  }

  // ---- sections ----------------------------------------------------------------------------------------------

  /** The entries of a section, or null (with a diagnostic) if it is not a map. */
  private sectionEntries(entry: MapEntry, path: Path, severity: Severity): MapEntry[] | null {
    const node = this.deref(entry.valueNode, path);
    if (isMap(node)) return this.entries(node, path, 1);
    const what = isNullNode(node) ? "empty" : "not a map";
    this.report("section-not-map", `'${entry.key}' is ${what}; GP ignores it.`, path, entry.valueNode ? entry.valueRange : entry.keyRange, { severity });
    return null;
  }

  private executors(entry: MapEntry, model: ConfigModel): void {
    const path = ["executors"];
    const node = this.deref(entry.valueNode, path);
    if (!isMap(node)) {
      this.report("missing-executors", "'executors' must be a map of executor id to class name or settings; GP fails to load the file.", path, entry.keyRange);
      return;
    }
    const entries = this.entries(node, path, 1) ?? [];
    if (entries.length === 0) {
      this.report("missing-executors", "'executors' is empty; every job would fail with \"CommandExecutor not set\".", path, entry.keyRange);
    }
    for (const ex of entries) {
      const exPath = [...path, ex.key];
      const range = ex.keyRange;
      const value = this.deref(ex.valueNode, exPath);
      const executor: ExecutorEntry = { id: ex.key, classname: null, configurationProperties: new Map(), defaultProperties: new Map(), range };
      model.executors.set(ex.key, executor);
      if (isScalar(value) && !isNullNode(value)) {
        executor.classname = this.scalarText(value, exPath);
        continue;
      }
      if (!isMap(value)) {
        this.report("executor-invalid", `Executor '${ex.key}' must be a class name or a map with 'classname'.`, exPath, range);
        continue;
      }
      for (const part of this.entries(value, exPath, 2) ?? []) {
        const partPath = [...exPath, part.key];
        const partNode = this.deref(part.valueNode, partPath);
        if (part.key === "classname") {
          executor.classname = isScalar(partNode) && !isNullNode(partNode) ? this.scalarText(partNode, partPath) : null;
        } else if (part.key === "configuration.properties") {
          if (isMap(partNode)) executor.configurationProperties = this.propertyMap(this.entries(partNode, partPath, 3) ?? [], partPath, 3);
          else
            this.report("executor-configuration-not-map", `'configuration.properties' of executor '${ex.key}' must be a map.`, partPath, part.valueRange);
        } else if (part.key === "default.properties") {
          if (isMap(partNode)) executor.defaultProperties = this.propertyMap(this.entries(partNode, partPath, 3) ?? [], partPath, 3);
          else this.report("executor-defaults-not-map", `'default.properties' of executor '${ex.key}' is not a map; GP ignores it.`, partPath, part.valueRange);
        } else if (part.key !== "configuration.file") {
          this.report(
            "unknown-executor-key",
            `GP ignores '${part.key}' directly under executor '${ex.key}'; job properties belong under its 'default.properties'.`,
            partPath,
            part.keyRange,
          );
        }
      }
      if (executor.classname === null) {
        this.report("executor-classname-missing", `Executor '${ex.key}' has no 'classname' string.`, exPath, range);
      }
    }
  }

  private executorProperties(entry: MapEntry, model: ConfigModel): void {
    const path = ["executor.properties"];
    const entries = this.sectionEntries(entry, path, "warning");
    for (const bundle of entries ?? []) {
      const bPath = [...path, bundle.key];
      const node = this.deref(bundle.valueNode, bPath);
      if (isMap(node)) {
        model.executorProperties.set(bundle.key, { name: bundle.key, props: this.propertyMap(this.entries(node, bPath, 2) ?? [], bPath, 2), range: bundle.keyRange });
      } else {
        model.executorProperties.set(bundle.key, { name: bundle.key, props: null, range: bundle.keyRange });
        this.report("bundle-not-map", `Bundle '${bundle.key}' is not a map; GP ignores it when executor.props selects it.`, bPath, bundle.keyRange);
      }
    }
  }

  private moduleProperties(entries: MapEntry[], path: Path, depth: number): Map<string, ModulePropertiesEntry> {
    const result = new Map<string, ModulePropertiesEntry>();
    for (const mod of entries) {
      const mPath = [...path, mod.key];
      const node = this.deref(mod.valueNode, mPath);
      if (!isMap(node)) {
        this.report("module-entry-not-map", `module.properties entry '${mod.key}' is not a map; GP skips it.`, mPath, mod.keyRange);
        continue;
      }
      result.set(mod.key, { key: mod.key, props: this.propertyMap(this.entries(node, mPath, depth + 1) ?? [], mPath, depth + 1), range: mod.keyRange });
    }
    return result;
  }

  private principals(entry: MapEntry, target: Map<string, PrincipalEntry>): void {
    const path = [entry.key];
    const kind = entry.key === "group.properties" ? "group" : "user";
    for (const item of this.sectionEntries(entry, path, "warning") ?? []) {
      const iPath = [...path, item.key];
      const node = this.deref(item.valueNode, iPath);
      if (!isMap(node)) {
        if (isNullNode(node)) {
          this.report("null-body", `The ${kind} '${item.key}' has an empty body; GP fails with a NullPointerException. Remove it or add properties.`, iPath, item.keyRange, {
            fix: { title: `Remove the empty ${kind} '${item.key}'` },
          });
        } else {
          this.report("body-not-map", `The ${kind} '${item.key}' must be a map of properties.`, iPath, item.keyRange);
        }
        continue;
      }
      const props: PropertyMap = new Map();
      let moduleProperties = new Map<string, ModulePropertiesEntry>();
      const bodyEntries = this.entries(node, iPath, 2) ?? [];
      for (const prop of bodyEntries) {
        if (prop.key === "module.properties") {
          const mPath = [...iPath, prop.key];
          const mNode = this.deref(prop.valueNode, mPath);
          if (isMap(mNode)) moduleProperties = this.moduleProperties(this.entries(mNode, mPath, 3) ?? [], mPath, 3);
          else
            this.report(
              "nested-module-properties-not-map",
              `'module.properties' of ${kind} '${item.key}' is not a map; GP fails to load the whole file.`,
              mPath,
              prop.keyRange,
            );
          continue;
        }
        props.set(prop.key, this.propertyEntry(prop, iPath, 3));
      }
      target.set(item.key, { id: item.key, props, moduleProperties, range: item.keyRange });
    }
  }

  private propertyMap(entries: MapEntry[], path: Path, depth: number): PropertyMap {
    const map: PropertyMap = new Map();
    for (const entry of entries) map.set(entry.key, this.propertyEntry(entry, path, depth));
    return map;
  }

  private propertyEntry(entry: MapEntry, parent: Path, depth: number): PropertyEntry {
    const path = [...parent, entry.key];
    return { key: entry.key, value: this.gpValue(entry.valueNode, path, depth + 1), path, keyRange: entry.keyRange, valueRange: entry.valueRange };
  }

  // ---- values ------------------------------------------------------------------------------------------------

  /** GP's Value (reference §1.3): scalar, list of scalars, or a raw map. */
  private gpValue(raw: Node | null, path: Path, depth: number): GpValue {
    const node = this.deref(raw, path);
    if (isSeq(node)) {
      const values: (string | null)[] = [];
      node.items.forEach((item, i) => {
        const itemNode = this.deref(item as Node, [...path, i]);
        if (isScalar(itemNode) || itemNode === null) values.push(itemNode ? this.scalarText(itemNode, [...path, i]) : null);
        else {
          this.report("list-item-not-scalar", "List items must be plain values; GP fails to load a file with a nested map or list here.", [...path, i], this.nodeRange(item as Node));
          values.push(null);
        }
      });
      return { kind: "list", values };
    }
    if (isMap(node)) return { kind: "map", entries: this.plainObject(node, path, depth) };
    if (isScalar(node)) return { kind: "scalar", value: this.scalarText(node, path) };
    return { kind: "scalar", value: null };
  }

  /** A map value as plain JS (strings, null, arrays, objects), e.g. job.docker.image.lookup. */
  private plainObject(node: YAMLMap, path: Path, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const entry of this.entries(node, path, depth) ?? []) out[entry.key] = this.plain(entry.valueNode, [...path, entry.key], depth + 1);
    return out;
  }

  private plain(raw: Node | null, path: Path, depth: number): unknown {
    if (depth > MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.report("nesting-too-deep", `Nesting deeper than ${MAX_DEPTH} levels is not followed.`, path, this.nodeRange(raw));
      }
      return null;
    }
    const node = this.deref(raw, path);
    if (isMap(node)) return this.plainObject(node, path, depth);
    if (isSeq(node)) return node.items.map((item, i) => this.plain(item as Node, [...path, i], depth + 1));
    if (isScalar(node)) return this.scalarText(node, path);
    return null;
  }

  /**
   * A scalar as GP's string (YAML 1.1 coercions applied), reporting coercions once per source node. For keys
   * (`asKey`), `path` is the parent map's path; the key's own path is only built when something is reported.
   */
  private scalarText(node: Scalar, path: Path, asKey = false): string | null {
    this.countWork();
    const raw = node.value;
    const text = typeof raw === "string" ? raw : raw === null || raw === undefined ? "" : String(raw);
    const tag = node.tag;
    if (!tag && node.type !== "PLAIN") return text; // quoted and block scalars are strings
    if (tag === "tag:yaml.org,2002:str") return text;
    if (tag === "tag:yaml.org,2002:null") return null;
    if (tag && !tag.startsWith("tag:yaml.org,2002:")) {
      if (this.firstReport(node)) this.report("unknown-tag", `GP does not understand the tag '${tag}'; the value is read as text.`, asKey ? [...path, text] : path, this.nodeRange(node));
      return text;
    }
    const resolved = resolvePlainScalar(text);
    if (resolved.kind !== "str" && this.firstReport(node)) this.reportCoercion(text, resolved, asKey ? [...path, text] : path, this.nodeRange(node), asKey);
    if (resolved.kind === "merge") return text;
    return resolved.value;
  }

  /** Marks a node as reported on; false if it already was (an alias reaching its anchor again). */
  private firstReport(node: Scalar): boolean {
    const marked = node as unknown as Record<symbol, boolean>;
    if (marked[ModelBuilder.REPORTED]) return false;
    marked[ModelBuilder.REPORTED] = true;
    return true;
  }

  private reportCoercion(text: string, resolved: ReturnType<typeof resolvePlainScalar>, path: Path, range: Range, asKey: boolean): void {
    const quoted = JSON.stringify(text);
    const fix = { title: `Quote it: ${quoted}`, replacement: quoted };
    if (resolved.kind === "timestamp") {
      this.report("unquoted-date", `Unquoted date ${text} becomes a Date and GP fails to load the whole file. Quote it.`, path, range, { fix });
      return;
    }
    if (asKey) {
      if (resolved.kind !== "str" && resolved.kind !== "merge")
        this.report("non-string-key", `The key ${text} is read as ${resolved.kind} '${resolved.value}'. Quote it.`, path, range, { fix });
      return;
    }
    if ((resolved.kind === "int" || resolved.kind === "float") && resolved.sexagesimal) {
      this.report("unquoted-walltime", `Unquoted ${text} is a base-60 number in YAML 1.1: GP reads "${resolved.value}". Quote it: ${quoted}.`, path, range, { fix });
    } else if ((resolved.kind === "int" || resolved.kind === "float") && resolved.value !== text) {
      this.report("coerced-number", `Unquoted ${text} is a number: GP reads "${resolved.value}". Quote it if you meant the text.`, path, range, { fix });
    } else if (resolved.kind === "bool" && resolved.value !== text) {
      this.report("coerced-boolean", `Unquoted ${text} is a YAML 1.1 boolean: GP reads "${resolved.value}".`, path, range, { fix });
    }
  }

  /** Map entries with merge keys applied and duplicates reported. */
  private entries(map: YAMLMap, path: Path, depth: number): MapEntry[] | null {
    if (depth > MAX_DEPTH) {
      if (this.depthReported) return null;
      this.depthReported = true;
      this.report("nesting-too-deep", `Nesting deeper than ${MAX_DEPTH} levels is not followed.`, path, this.nodeRange(map));
      return null;
    }
    const explicit = new Map<string, MapEntry>();
    const merged = new Map<string, MapEntry>();
    for (const item of map.items as Pair<Node | null, Node | null>[]) {
      this.countWork();
      const keyNode = item.key;
      if (isScalar(keyNode) && keyNode.type === "PLAIN" && !keyNode.tag && keyNode.value === "<<") {
        this.merge(item.value, path, depth, merged);
        continue;
      }
      const keyDeref = this.deref(keyNode, path);
      if (keyDeref !== null && !isScalar(keyDeref)) {
        this.report("complex-key", "A map or list cannot be a key here.", path, this.nodeRange(keyNode));
        continue;
      }
      const key = keyDeref === null ? "null" : (this.scalarText(keyDeref, path, true) ?? "null");
      const keyRange = this.nodeRange(keyNode);
      const entry: MapEntry = { key, keyNode, valueNode: item.value, keyRange, valueRange: item.value ? this.nodeRange(item.value) : keyRange };
      const prior = explicit.get(key);
      const keyMark = keyNode as unknown as Record<symbol, boolean> | null;
      if (prior && keyMark && !keyMark[ModelBuilder.DUPLICATE_REPORTED]) {
        keyMark[ModelBuilder.DUPLICATE_REPORTED] = true;
        this.report("duplicate-key", `Duplicate key '${key}' (first at line ${prior.keyRange.start.line}); GP uses this later value.`, [...path, key], keyRange);
      }
      // Map.set keeps the first key's position with the last value, like Java's LinkedHashMap.put.
      explicit.set(key, entry);
    }
    if (merged.size === 0) return [...explicit.values()];
    const result = new Map(merged);
    for (const [key, entry] of explicit) {
      result.delete(key);
      result.set(key, entry);
    }
    return [...result.values()];
  }

  private merge(raw: Node | null, path: Path, depth: number, into: Map<string, MapEntry>): void {
    const node = this.deref(raw, path);
    const sources = isSeq(node) ? node.items.map((i) => this.deref(i as Node, path)) : [node];
    // Earlier maps in a merge list win over later ones (YAML merge key spec).
    for (const source of [...sources].reverse()) {
      if (!isMap(source)) {
        this.report("merge-invalid", "The value of '<<' must be a map or a list of maps.", path, this.nodeRange(raw));
        continue;
      }
      for (const entry of this.entries(source, path, depth + 1) ?? []) {
        into.delete(entry.key);
        into.set(entry.key, entry);
      }
    }
  }

  /** Follows an alias to its anchored node, charging the expansion budget. */
  private deref(node: Node | null | undefined, path: Path): Node | null {
    if (node === null || node === undefined) return null;
    if (!isAlias(node)) return node;
    if (this.aliasLimitReported) return null;
    const target = this.aliasTarget(node);
    if (!target) {
      this.report("yaml-syntax", `Unknown alias *${node.source}.`, path, this.nodeRange(node));
      return null;
    }
    const size = this.subtreeSize(target as Node);
    this.aliasWork += size;
    if (this.aliasWork > MAX_ALIAS_EXPANSION) {
      this.aliasLimitReported = true;
      this.report("alias-expansion-limit", `Aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; the file is refused.`, path, this.nodeRange(node));
      return null;
    }
    return target as Node;
  }

  /**
   * SnakeYAML expands every alias of the file, used or not, so a "billion laughs" file exhausts GP's memory. Sums
   * what all aliases expand to and refuses the file past the limit.
   */
  private checkAliasExpansion(): boolean {
    this.targets ??= collectAliasTargets(this.doc);
    let total = 0;
    for (const [alias, target] of this.targets) {
      total += this.subtreeSize(target);
      if (total > MAX_ALIAS_EXPANSION) {
        this.aliasLimitReported = true;
        this.report("alias-expansion-limit", `Aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes; the file is refused.`, [], this.nodeRange(alias as Node));
        return false;
      }
    }
    return true;
  }

  private readonly sizes = new Map<object, number>();

  /**
   * The node an alias refers to: the closest preceding anchor of that name. Computed for all aliases in one pass
   * (yaml's Alias.resolve walks the whole document on every call).
   */
  private aliasTarget(alias: Alias): Node | undefined {
    this.targets ??= collectAliasTargets(this.doc);
    return this.targets.get(alias);
  }

  /** Node count under an anchored node (aliases counted by their own size), memoised per node. */
  private subtreeSize(node: Node | null, depth = 0): number {
    if (node === null || depth > MAX_DEPTH) return 1;
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    let size = 1;
    if (isAlias(node)) {
      const target = this.aliasTarget(node);
      this.sizes.set(node, 1); // breaks self-references
      size = target ? this.subtreeSize(target as Node, depth + 1) : 1;
    } else if (isMap(node)) {
      for (const pair of node.items as Pair<Node | null, Node | null>[]) size += this.subtreeSize(pair.key, depth + 1) + this.subtreeSize(pair.value, depth + 1);
    } else if (isSeq(node)) {
      for (const item of node.items) size += this.subtreeSize(item as Node, depth + 1);
    }
    size = Math.min(size, MAX_ALIAS_EXPANSION + 1);
    this.sizes.set(node, size);
    return size;
  }

  private work = 0;
  private countWork(): void {
    // A cheap second guard: no config needs millions of visited nodes.
    if (++this.work > 20_000_000) throw new AliasLimitError("too many nodes");
  }

  private nodeRange(node: Node | null | undefined): Range {
    const range = node && "range" in node ? (node.range as [number, number, number] | undefined) : undefined;
    if (!range) return FILE_START;
    return this.positions.range(range[0], range[1]);
  }

  private report(code: DiagnosticCode, message: string, path: Path, range: Range, extra: { severity?: Severity; fix?: Diagnostic["fix"] } = {}): void {
    this.diagnostics.push(diagnostic(code, message, path, range, extra));
  }
}

/** Walks the document in order, mapping each alias node to the latest node anchored with its name so far. */
function collectAliasTargets(doc: Document.Parsed): Map<object, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<object, Node>();
  const stack: (Node | null | undefined)[] = [doc.contents as Node | null];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isMap(node)) {
      const items = node.items as Pair<Node | null, Node | null>[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]!.value, items[i]!.key);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i] as Node);
    }
  }
  return targets;
}

function isNullNode(node: Node | null): boolean {
  if (node === null) return true;
  if (!isScalar(node)) return false;
  if (node.type !== "PLAIN" || node.tag) return node.tag === "tag:yaml.org,2002:null";
  const text = typeof node.value === "string" ? node.value : "";
  return resolvePlainScalar(text).kind === "null";
}

function suggestSection(key: string): string {
  const lower = key.toLowerCase();
  const close = KNOWN_SECTIONS.find((s) => s !== key && (s.toLowerCase() === lower || editDistance(s, lower) <= 3));
  return close ? ` (did you mean '${close}'?)` : "";
}

/**
 * Finds the range of the key (or item) at `path` in a parsed document, following aliases. Keys are compared after
 * GP's coercion; with duplicate keys the last one is used, as GP does. Used to place schema errors.
 */
export function locatePath(doc: Document.Parsed, positions: PositionIndex, path: (string | number)[]): Range | undefined {
  let node: Node | null = doc.contents as Node | null;
  let range: Range | undefined;
  for (const segment of path) {
    while (node && isAlias(node)) node = (node.resolve(doc) as Node | undefined) ?? null;
    if (isMap(node)) {
      let found: Pair<Node | null, Node | null> | undefined;
      for (const pair of node.items as Pair<Node | null, Node | null>[]) {
        const key = pair.key;
        if (isScalar(key) && keyText(key) === String(segment)) found = pair;
      }
      if (!found) return range;
      range = nodeRangeOf(found.key, positions) ?? range;
      node = found.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment] as Node | undefined;
      if (!item) return range;
      range = nodeRangeOf(item, positions) ?? range;
      node = item;
    } else return range;
  }
  return range;
}

function keyText(key: Scalar): string {
  const text = typeof key.value === "string" ? key.value : String(key.value ?? "");
  if (key.type !== "PLAIN" || key.tag) return text;
  return resolvePlainScalar(text).value ?? "null";
}

function nodeRangeOf(node: Node | null, positions: PositionIndex): Range | undefined {
  const r = node && "range" in node ? (node.range as [number, number, number] | undefined) : undefined;
  return r ? positions.range(r[0], r[1]) : undefined;
}
