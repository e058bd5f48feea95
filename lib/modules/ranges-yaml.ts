// Writes compiled range rules into config_custom.yaml as the config engine's generated block at the end of
// module.properties (lib/config/edit.ts replaceGeneratedBlock): rewritten as a whole on every compile, every byte
// outside it kept. GP ignores the marker comments and reads plain exact-LSID keys.
import { isMap, isScalar } from "yaml";
import { ConfigEditError, GENERATED_PREFIX, replaceGeneratedBlock, type EditValue } from "../config/edit";
import { parseDocument } from "../config/parse";
import type { CompiledKey, RangeRuleInput } from "./ranges";

export const RANGE_MARKER = "generated from version-range rules (edit the rules on the Modules page, not these lines)";
export const BEGIN_MARKER = `${GENERATED_PREFIX} begin ${RANGE_MARKER}`;
export const END_MARKER = `${GENERATED_PREFIX} end ${RANGE_MARKER}`;

export class RangeYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RangeYamlError";
  }
}

/** The text without the generated block's lines (for telling hand-written keys from generated ones). */
function withoutBlock(text: string): string {
  const lines = text.split("\n");
  const begin = lines.findIndex((l) => l.trim() === BEGIN_MARKER);
  const end = lines.findIndex((l, i) => i > begin && l.trim() === END_MARKER);
  if (begin === -1 && lines.some((l) => l.trim() === END_MARKER)) {
    throw new RangeYamlError("the generated range block is damaged (its begin line is missing): restore both marker lines or delete the block");
  }
  if (begin === -1) return text;
  if (end === -1) throw new RangeYamlError("the generated range block is damaged (its end line is missing): restore both marker lines or delete the block");
  lines.splice(begin, end - begin + 1);
  return lines.join("\n");
}

/** Top-level module.properties keys written by hand (outside the generated block). */
export function manualModuleKeys(text: string): Set<string> {
  const doc = parseDocument(withoutBlock(text));
  const section = doc.get("module.properties", true);
  const keys = new Set<string>();
  if (isMap(section)) for (const pair of section.items) if (isScalar(pair.key)) keys.add(String(pair.key.value));
  return keys;
}

/**
 * Returns the text with the generated block replaced by `keys` (removed when none remain). Keys that exist as
 * hand-written entries are left out and returned in `skipped`: a manual mapping always wins and is never doubled.
 * `rules` are accepted for symmetry with the compile step; the database keeps them, the block only their output.
 */
export function writeGeneratedBlock(text: string, keys: CompiledKey[], _rules: RangeRuleInput[]): { text: string; skipped: string[] } {
  const manual = manualModuleKeys(text);
  const skipped = keys.filter((k) => manual.has(k.lsid)).map((k) => k.lsid);
  const entries: Record<string, Record<string, EditValue>> = {};
  for (const key of keys) if (!manual.has(key.lsid)) entries[key.lsid] = key.props;
  try {
    return { text: replaceGeneratedBlock(text, RANGE_MARKER, entries), skipped };
  } catch (error) {
    if (error instanceof ConfigEditError) throw new RangeYamlError(error.message);
    throw error;
  }
}
