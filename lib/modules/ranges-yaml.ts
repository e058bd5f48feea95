// Writes compiled range rules into config_custom.yaml as one marked block at the end of module.properties:
//   # >>> gp-batch-admin: generated from version-range rules ...
//   "urn:lsid:...:2":
//     executor.props: "python/3.6"
//   # <<< gp-batch-admin: end of generated entries
// The block is replaced as a whole on every compile (text surgery between the markers), so every byte outside it
// stays as the admin wrote it, and GP (which ignores comments) reads plain exact-LSID keys.
import { isMap, isScalar, type Pair, type YAMLMap } from "yaml";
import { parseDocument } from "../config/parse";
import type { CompiledKey, RangeProps, RangeRuleInput } from "./ranges";

export const BEGIN_MARKER = "# >>> gp-batch-admin: generated from version-range rules; edit the rules on the Modules page, not these lines";
export const END_MARKER = "# <<< gp-batch-admin: end of generated entries";

export class RangeYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RangeYamlError";
  }
}

function yamlScalar(value: string | null): string {
  return value === null ? "null" : JSON.stringify(value);
}

function yamlValue(value: string | string[] | null): string {
  return Array.isArray(value) ? `[${value.map((v) => yamlScalar(v)).join(", ")}]` : yamlScalar(value);
}

/** Plain when it cannot be misread (no ':', '#', quotes or leading indicators); quoted otherwise. */
function yamlKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9._\/-]*$/.test(key) ? key : JSON.stringify(key);
}

function describeProps(props: RangeProps): string {
  return Object.entries(props)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : (v ?? "null")}`)
    .join(", ");
}

/** The block's lines (without a trailing newline), indented for entries of module.properties. */
export function renderGeneratedBlock(keys: CompiledKey[], rules: RangeRuleInput[], indent: string): string {
  const lines = [`${indent}${BEGIN_MARKER}`];
  for (const rule of [...rules].sort((a, b) => a.id - b.id)) {
    lines.push(`${indent}# rule ${rule.id}: ${rule.baseLsid} ${rule.range} -> ${describeProps(rule.props)}`.replace(/\s+$/, ""));
  }
  for (const key of keys) {
    lines.push(`${indent}${JSON.stringify(key.lsid)}:  # ${key.name} ${key.version}, rule ${key.ruleIds.join(" + ")}`);
    for (const [prop, value] of Object.entries(key.props)) lines.push(`${indent}${indent}${yamlKey(prop)}: ${yamlValue(value)}`);
  }
  lines.push(`${indent}${END_MARKER}`);
  return lines.join("\n");
}

type BlockSpan = { startLine: number; endLine: number; indent: string };

/** Finds the marker lines (0-based line indexes). Throws when only one marker is present (a hand-damaged block). */
export function findGeneratedBlock(lines: string[]): BlockSpan | null {
  const begin = lines.findIndex((l) => l.trim() === BEGIN_MARKER);
  const end = lines.findIndex((l) => l.trim() === END_MARKER);
  if (begin === -1 && end === -1) return null;
  if (begin === -1 || end === -1 || end < begin) {
    throw new RangeYamlError("the generated range block is damaged (one of its marker comments is missing): restore both marker lines or delete the block");
  }
  return { startLine: begin, endLine: end, indent: /^\s*/.exec(lines[begin])![0] };
}

/** Exact LSID keys written by hand in module.properties (outside the generated block). */
export function manualModuleKeys(text: string): Set<string> {
  const withoutBlock = replaceBlockLines(text, null);
  const doc = parseDocument(withoutBlock);
  const section = doc.get("module.properties", true);
  const keys = new Set<string>();
  if (isMap(section)) for (const pair of section.items) if (isScalar(pair.key)) keys.add(String(pair.key.value));
  return keys;
}

function replaceBlockLines(text: string, block: string | null): string {
  const lines = text.split("\n");
  const span = findGeneratedBlock(lines);
  if (!span) return text;
  lines.splice(span.startLine, span.endLine - span.startLine + 1, ...(block === null ? [] : [block]));
  return lines.join("\n");
}

/** Column (0-based) of the first entry key of module.properties, for matching indentation. */
function entryIndent(text: string, section: YAMLMap): string | null {
  const first = section.items[0] as Pair | undefined;
  const range = (first?.key as { range?: [number, number, number] } | undefined)?.range;
  if (!range) return null;
  const lineStart = text.lastIndexOf("\n", range[0] - 1) + 1;
  const prefix = text.slice(lineStart, range[0]);
  return /^[ ]*$/.test(prefix) ? prefix : null;
}

/**
 * Returns the text with the generated block replaced by `keys` (or removed when `keys` is empty). Keys that exist as
 * hand-written entries are left out and returned in `skipped`, so manual mappings always win and are never doubled.
 */
export function writeGeneratedBlock(text: string, keys: CompiledKey[], rules: RangeRuleInput[]): { text: string; skipped: string[] } {
  const manual = manualModuleKeys(text);
  const skipped = keys.filter((k) => manual.has(k.lsid)).map((k) => k.lsid);
  const kept = keys.filter((k) => !manual.has(k.lsid));
  const lines = text.split("\n");
  const span = findGeneratedBlock(lines);
  if (span) {
    const block = kept.length ? renderGeneratedBlock(kept, rules, span.indent) : null;
    return { text: replaceBlockLines(text, block), skipped };
  }
  if (kept.length === 0) return { text, skipped };

  const doc = parseDocument(text);
  if (doc.errors.length) throw new RangeYamlError("the config does not parse; fix its errors before compiling range rules");
  const sectionPair = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === "module.properties") : undefined;
  const section = sectionPair?.value;
  const eol = text.endsWith("\n") ? "" : "\n";
  if (!sectionPair) {
    return { text: `${text}${eol}\nmodule.properties:\n${renderGeneratedBlock(kept, rules, "  ")}\n`, skipped };
  }
  if (!isMap(section) || section.flow) {
    throw new RangeYamlError("module.properties is not a block map; give it at least one entry (or remove it) before compiling range rules");
  }
  if (section.items.length === 0) throw new RangeYamlError("module.properties is empty; add an entry or remove the key before compiling range rules");
  const indent = entryIndent(text, section) ?? "  ";
  // Insert after the section's last content line (trailing comments and blank lines stay below the block).
  const end = (section.range as [number, number, number])[1];
  const lineEnd = text.indexOf("\n", Math.max(0, end - 1));
  const insertAt = lineEnd === -1 ? text.length : lineEnd + 1;
  const before = text.slice(0, insertAt);
  const after = text.slice(insertAt);
  const block = renderGeneratedBlock(kept, rules, indent);
  return { text: `${before}${before.endsWith("\n") ? "" : "\n"}${block}\n${after}`, skipped };
}
