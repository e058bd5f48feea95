// Version-range rules (DESIGN §3): GP only matches exact module keys, so a rule such as "WordCount >=2 <3 uses
// bundle python/3.6" is compiled into one exact full-LSID key per catalog version it covers. Overlapping rules are
// reported; where they overlap, the newer rule's value wins key by key.
import { VersionRangeError, lsidNoVersion, parseVersionRange, rangeMatches, rangesOverlap, tryParseLsid, compareVersions } from "../lsid";

export type RangeProps = Record<string, string | string[] | null>;
export type RangeRuleInput = { id: number; baseLsid: string; range: string; props: RangeProps };
export type RangeVersion = { name: string; baseLsid: string; lsid: string; version: string };

export type CompiledKey = {
  lsid: string;
  name: string;
  version: string;
  /** Rules that cover this version, oldest first; the last one wins on a shared key. */
  ruleIds: number[];
  props: RangeProps;
};

export type RangeOverlap = { baseLsid: string; ruleIds: [number, number]; ranges: [string, string]; versions: string[] };

export type CompiledRanges = { keys: CompiledKey[]; overlaps: RangeOverlap[] };

export class RangeRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RangeRuleError";
  }
}

/** Validates a rule's target and range; returns the normalised base LSID. Throws RangeRuleError with the reason. */
export function checkRangeRule(baseLsid: string, range: string, props: RangeProps): string {
  const lsid = tryParseLsid(baseLsid);
  if (!lsid) throw new RangeRuleError(`'${baseLsid}' is not an LSID (expected urn:lsid:authority:namespace:id)`);
  if (lsid.version) throw new RangeRuleError(`give the base LSID without a version ('${lsidNoVersion(lsid)}'); the range picks the versions`);
  try {
    parseVersionRange(range);
  } catch (error) {
    throw new RangeRuleError(error instanceof VersionRangeError ? error.message : `invalid version range '${range}'`);
  }
  if (Object.keys(props).length === 0) throw new RangeRuleError("a rule needs at least one property to set");
  for (const key of Object.keys(props)) {
    if (!key.trim()) throw new RangeRuleError("property names must not be empty");
  }
  return lsidNoVersion(lsid);
}

/** Pairs of rules on the same module whose ranges share at least one version (in the abstract, not just the catalog). */
export function findOverlaps(rules: RangeRuleInput[], versions: RangeVersion[] = []): RangeOverlap[] {
  const overlaps: RangeOverlap[] = [];
  const sorted = [...rules].sort((a, b) => a.id - b.id);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i];
      const b = sorted[j];
      if (a.baseLsid !== b.baseLsid || !rangesOverlap(a.range, b.range)) continue;
      const shared = versions
        .filter((v) => v.baseLsid === a.baseLsid && rangeMatches(a.range, v.version) && rangeMatches(b.range, v.version))
        .map((v) => v.version);
      overlaps.push({ baseLsid: a.baseLsid, ruleIds: [a.id, b.id], ranges: [a.range, b.range], versions: sortVersions(shared) });
    }
  }
  return overlaps;
}

function sortVersions(versions: string[]): string[] {
  return [...versions].sort((a, b) => -compareVersions(a, b));
}

/** The rules that cover one version, oldest first. */
export function rulesCovering(rules: RangeRuleInput[], version: RangeVersion): RangeRuleInput[] {
  return rules.filter((r) => r.baseLsid === version.baseLsid && rangeMatches(r.range, version.version)).sort((a, b) => a.id - b.id);
}

/** One exact key per covered catalog version, in catalog order (module name, then version ascending). */
export function compileRanges(rules: RangeRuleInput[], versions: RangeVersion[]): CompiledRanges {
  const keys: CompiledKey[] = [];
  const ordered = [...versions].sort((a, b) => a.name.localeCompare(b.name) || compareVersions(b.version, a.version));
  for (const version of ordered) {
    const covering = rulesCovering(rules, version);
    if (covering.length === 0) continue;
    const props: RangeProps = {};
    for (const rule of covering) Object.assign(props, rule.props);
    keys.push({ lsid: version.lsid, name: version.name, version: version.version, ruleIds: covering.map((r) => r.id), props });
  }
  return { keys, overlaps: findOverlaps(rules, versions) };
}
