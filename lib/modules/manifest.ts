// GenePattern module manifests (reference §6): a Java .properties file with `pN_` parameter attributes.
import { tryParseLsid } from "../lsid";

export class PropertiesError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = "PropertiesError";
  }
}

export type PropertyLine = { key: string; value: string; line: number };

const WS = new Set([" ", "\t", "\f"]);

/** Logical lines as java.util.Properties.load sees them: continuations joined, comments and blanks dropped. */
function logicalLines(text: string): { text: string; line: number }[] {
  const natural = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const result: { text: string; line: number }[] = [];
  for (let i = 0; i < natural.length; i++) {
    let current = natural[i].replace(/^[ \t\f]+/, "");
    if (current === "" || current[0] === "#" || current[0] === "!") continue;
    const start = i + 1;
    let joined = "";
    for (;;) {
      let slashes = 0;
      while (slashes < current.length && current[current.length - 1 - slashes] === "\\") slashes++;
      if (slashes % 2 === 0) {
        joined += current;
        break;
      }
      joined += current.slice(0, -1);
      i++;
      if (i >= natural.length) break;
      current = natural[i].replace(/^[ \t\f]+/, "");
    }
    result.push({ text: joined, line: start });
  }
  return result;
}

/** Java's loadConvert: \t \n \r \f, \uXXXX, and any other escaped char stands for itself. */
function unescape(text: string, line: number): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = text[++i];
    if (next === undefined) break;
    if (next === "u") {
      const hex = text.slice(i + 1, i + 5);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) throw new PropertiesError(line, `malformed \\uxxxx escape '\\u${hex}'`);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else out += next === "t" ? "\t" : next === "n" ? "\n" : next === "r" ? "\r" : next === "f" ? "\f" : next;
  }
  return out;
}

/** Parses Java .properties text into entries in file order (a repeated key appears twice; the last one wins in maps). */
export function parsePropertyLines(text: string): PropertyLine[] {
  const entries: PropertyLine[] = [];
  for (const { text: lineText, line } of logicalLines(text)) {
    let keyEnd = 0;
    let backslash = false;
    while (keyEnd < lineText.length) {
      const ch = lineText[keyEnd];
      if (!backslash && (ch === "=" || ch === ":" || WS.has(ch))) break;
      backslash = ch === "\\" ? !backslash : false;
      keyEnd++;
    }
    let valueStart = keyEnd;
    while (valueStart < lineText.length && WS.has(lineText[valueStart])) valueStart++;
    if (valueStart < lineText.length && (lineText[valueStart] === "=" || lineText[valueStart] === ":")) valueStart++;
    while (valueStart < lineText.length && WS.has(lineText[valueStart])) valueStart++;
    entries.push({ key: unescape(lineText.slice(0, keyEnd), line), value: unescape(lineText.slice(valueStart), line), line });
  }
  return entries;
}

export function parseJavaProperties(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const { key, value } of parsePropertyLines(text)) result[key] = value;
  return result;
}

export type ManifestChoice = { value: string; label: string };

export type ManifestParam = {
  index: number;
  name: string;
  /** GP's TYPE: FILE, TEXT, INTEGER, FLOATING_POINT, ... (derived from the java type when TYPE is absent). */
  type: string;
  /** The java class of `pN_type`, e.g. java.io.File. */
  javaType?: string;
  mode?: string;
  optional: boolean;
  isInputFile: boolean;
  defaultValue?: string;
  prefixWhenSpecified?: string;
  choices?: ManifestChoice[];
  numValues?: string;
  /** Upper bound of numValues (null = unbounded); 1 when numValues is absent. */
  maxValues: number | null;
  listMode?: string;
  listModeSep?: string;
  fileFormat?: string;
  description?: string;
  /** Every `pN_*` attribute as written. */
  attributes: Record<string, string>;
};

export type Manifest = {
  name: string;
  lsid: string;
  commandLine: string;
  /** The LSID's version (the manifest's own `version` key is a change comment, kept in props). */
  version?: string;
  props: Record<string, string>;
  /** The `job.*` keys, which feed step 2b of the precedence (§2.2). */
  jobProps: Record<string, string>;
  params: ManifestParam[];
  /** 1-based line of each key (the last occurrence), for provenance. */
  lines: Record<string, number>;
};

const JAVA_TYPES: Record<string, string> = {
  "java.io.File": "FILE",
  "java.lang.Integer": "INTEGER",
  "java.lang.Float": "FLOATING_POINT",
  "java.lang.Double": "FLOATING_POINT",
  "java.lang.String": "TEXT",
};

function parseChoices(text: string | undefined): ManifestChoice[] | undefined {
  if (!text) return undefined;
  const choices = text.split(";").filter((c) => c !== "").map((entry) => {
    const eq = entry.indexOf("=");
    return eq < 0 ? { value: entry, label: entry } : { value: entry.slice(0, eq), label: entry.slice(eq + 1) };
  });
  return choices.length ? choices : undefined;
}

function maxValuesOf(numValues: string | undefined): number | null {
  if (!numValues) return 1;
  const text = numValues.trim();
  if (/\+$/.test(text)) return null;
  const range = /^(\d+)?\s*\.\.\s*(\d+)?$/.exec(text);
  if (range) return range[2] === undefined ? null : Number(range[2]);
  return /^\d+$/.test(text) ? Number(text) : 1;
}

const nonEmpty = (s: string | undefined) => (s === undefined || s === "" ? undefined : s);

/** Parses a manifest. Throws PropertiesError (with the line) only for a malformed \u escape. */
export function parseManifest(text: string): Manifest {
  const props: Record<string, string> = {};
  const lines: Record<string, number> = {};
  for (const entry of parsePropertyLines(text)) {
    props[entry.key] = entry.value;
    lines[entry.key] = entry.line;
  }
  const byIndex = new Map<number, Record<string, string>>();
  const jobProps: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    if (key.startsWith("job.")) jobProps[key] = value;
    const m = /^p(\d+)_(.+)$/.exec(key);
    if (!m) continue;
    const index = Number(m[1]);
    const attrs = byIndex.get(index) ?? {};
    attrs[m[2]] = value;
    byIndex.set(index, attrs);
  }
  const params: ManifestParam[] = [...byIndex.entries()]
    .filter(([, a]) => nonEmpty(a.name) !== undefined)
    .sort(([a], [b]) => a - b)
    .map(([index, a]) => {
      const javaType = nonEmpty(a.type);
      const type = nonEmpty(a.TYPE) ?? (javaType ? JAVA_TYPES[javaType] ?? "TEXT" : "TEXT");
      const mode = nonEmpty(a.MODE);
      return {
        index,
        name: a.name,
        type,
        javaType,
        mode,
        optional: (a.optional ?? "").trim() !== "",
        isInputFile: type === "FILE" && (mode === undefined || mode === "IN"),
        defaultValue: a.default_value,
        prefixWhenSpecified: nonEmpty(a.prefix_when_specified),
        choices: parseChoices(a.value),
        numValues: nonEmpty(a.numValues),
        maxValues: maxValuesOf(nonEmpty(a.numValues)),
        listMode: nonEmpty(a.listMode),
        listModeSep: a.listModeSep,
        fileFormat: nonEmpty(a.fileFormat),
        description: nonEmpty(a.description),
        attributes: a,
      };
    });
  const lsid = props.LSID ?? "";
  return {
    name: props.name ?? "",
    lsid,
    commandLine: props.commandLine ?? "",
    version: nonEmpty(tryParseLsid(lsid)?.version),
    props,
    jobProps,
    params,
    lines,
  };
}
