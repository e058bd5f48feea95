import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse";
import { resolveProperty } from "../config/resolve";
import { RangeRuleError, checkRangeRule, compileRanges, findOverlaps, rulesCovering, type RangeRuleInput, type RangeVersion } from "./ranges";
import { BEGIN_MARKER, END_MARKER, RangeYamlError, writeGeneratedBlock } from "./ranges-yaml";

const base = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00072";
const other = "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00003";
const v = (version: string, b = base, name = "GSEA"): RangeVersion => ({ name, baseLsid: b, lsid: `${b}:${version}`, version });
const catalog = [v("6.14"), v("6.15"), v("6.15.2"), v("6.16"), v("7"), v("7.0.1"), v("1", other, "WordCount"), v("2", other, "WordCount")];
const demoConfig = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");

describe("compileRanges", () => {
  it.each([
    [">=6.15 <7", ["6.15", "6.15.2", "6.16"]],
    ["6.x", ["6.14", "6.15", "6.15.2", "6.16"]],
    ["6.15", ["6.15"]],
    [">6.15", ["6.15.2", "6.16", "7", "7.0.1"]],
    ["*", ["6.14", "6.15", "6.15.2", "6.16", "7", "7.0.1"]],
  ])("%s covers exactly %j", (range, versions) => {
    const { keys } = compileRanges([{ id: 1, baseLsid: base, range, props: { "job.memory": "8 Gb" } }], catalog);
    expect(keys.map((k) => k.version)).toEqual(versions);
    expect(keys.every((k) => k.lsid === `${base}:${k.version}` && k.props["job.memory"] === "8 Gb")).toBe(true);
  });

  it("only touches the rule's own module", () => {
    const { keys } = compileRanges([{ id: 1, baseLsid: other, range: ">=2", props: { "executor.props": "python/3.6" } }], catalog);
    expect(keys.map((k) => k.lsid)).toEqual([`${other}:2`]);
  });

  it("reports overlapping rules with the catalog versions they share, and lets the newer rule win key by key", () => {
    const rules: RangeRuleInput[] = [
      { id: 1, baseLsid: base, range: "6.x", props: { "job.memory": "4 Gb", "job.queue": "q1" } },
      { id: 2, baseLsid: base, range: ">=6.15 <7", props: { "job.memory": "8 Gb" } },
      { id: 3, baseLsid: base, range: ">=7", props: { "job.memory": "16 Gb" } },
      { id: 4, baseLsid: other, range: "*", props: { "job.memory": "1 Gb" } },
    ];
    const { keys, overlaps } = compileRanges(rules, catalog);
    expect(overlaps).toEqual([{ baseLsid: base, ruleIds: [1, 2], ranges: ["6.x", ">=6.15 <7"], versions: ["6.15", "6.15.2", "6.16"] }]);
    const k615 = keys.find((k) => k.version === "6.15")!;
    expect(k615).toMatchObject({ ruleIds: [1, 2], props: { "job.memory": "8 Gb", "job.queue": "q1" } });
    expect(keys.find((k) => k.version === "6.14")!.props).toEqual({ "job.memory": "4 Gb", "job.queue": "q1" });
    expect(rulesCovering(rules, v("8")).map((r) => r.id)).toEqual([3]);
  });

  it("reports overlaps even when no catalog version is in both yet", () => {
    const overlaps = findOverlaps(
      [
        { id: 1, baseLsid: base, range: ">=8 <9", props: { a: "1" } },
        { id: 2, baseLsid: base, range: "8.x", props: { a: "2" } },
        { id: 3, baseLsid: base, range: ">=9", props: { a: "3" } },
      ],
      catalog,
    );
    expect(overlaps).toEqual([{ baseLsid: base, ruleIds: [1, 2], ranges: [">=8 <9", "8.x"], versions: [] }]);
  });

  it("rejects invalid LSIDs, versioned LSIDs, bad ranges and empty rules", () => {
    expect(checkRangeRule(base, ">=6.15 <7", { a: "1" })).toBe(base);
    expect(() => checkRangeRule("GSEA", "6.x", { a: "1" })).toThrow(RangeRuleError);
    expect(() => checkRangeRule(`${base}:6.15`, "6.x", { a: "1" })).toThrow(/without a version/);
    expect(() => checkRangeRule(base, ">=7 <6", { a: "1" })).toThrow(/no version can satisfy/);
    expect(() => checkRangeRule(base, "six", { a: "1" })).toThrow(/invalid version range 'six'/);
    expect(() => checkRangeRule(base, "6.x", {})).toThrow(/at least one property/);
  });
});

describe("writeGeneratedBlock", () => {
  const rules: RangeRuleInput[] = [{ id: 7, baseLsid: other, range: ">=2", props: { "executor.props": "python/3.6", "job.memory": "3 Gb" } }];
  const compiled = compileRanges(rules, catalog).keys;

  it("adds one marked block at the end of module.properties that GP resolves as exact LSID keys", () => {
    const { text, skipped } = writeGeneratedBlock(demoConfig, compiled, rules);
    expect(skipped).toEqual([]);
    expect(text.startsWith(demoConfig.trimEnd().split("\n").slice(0, -1).join("\n"))).toBe(true);
    expect(text).toContain(`  ${BEGIN_MARKER}\n  "${other}:2":\n    executor.props: python/3.6\n    job.memory: "3 Gb"\n  ${END_MARKER}\n`);
    const cfg = parseConfig(text);
    expect(cfg.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const line = text.split("\n").findIndex((l) => l.includes('job.memory: "3 Gb"')) + 1;
    const resolved = resolveProperty(cfg, { userId: "plain.user", moduleName: "WordCount", lsid: `${other}:2` }, "job.memory");
    expect(resolved?.value).toEqual({ kind: "scalar", value: "3 Gb" });
    expect(resolved?.source).toMatchObject({ step: "module", moduleKey: `${other}:2`, line });
    // Version 1 keeps the name-level mapping.
    expect(resolveProperty(cfg, { userId: "plain.user", moduleName: "WordCount", lsid: `${other}:1` }, "job.memory")?.value).toEqual({ kind: "scalar", value: "1 Gb" });
  });

  it("regenerates in place and removes the block without touching other bytes", () => {
    const once = writeGeneratedBlock(demoConfig, compiled, rules).text;
    const edited = once.replace("  WordCount:\n", "  # a hand comment\n  WordCount:\n");
    const twice = writeGeneratedBlock(edited, compileRanges([{ ...rules[0], props: { "job.memory": "5 Gb" } }], catalog).keys, rules).text;
    expect(twice).toContain("  # a hand comment\n  WordCount:\n");
    expect(twice).toContain('job.memory: "5 Gb"');
    expect(twice.split(BEGIN_MARKER)).toHaveLength(2);
    expect(writeGeneratedBlock(once, [], rules).text).toBe(demoConfig);
  });

  it("leaves hand-written exact keys alone and says which it skipped", () => {
    const manual = demoConfig.replace("module.properties:\n", `module.properties:\n  "${other}:2":\n    job.memory: "9 Gb"\n`);
    const { text, skipped } = writeGeneratedBlock(manual, compiled, rules);
    expect(skipped).toEqual([`${other}:2`]);
    expect(text).toBe(manual);
  });

  it("creates module.properties when missing and refuses a damaged block", () => {
    const noModules = "default.properties:\n  executor: Local\nexecutors:\n  Local: x.Y\n";
    const { text } = writeGeneratedBlock(noModules, compiled, rules);
    expect(text.startsWith(noModules)).toBe(true);
    expect(parseConfig(text).model?.moduleProperties.has(`${other}:2`)).toBe(true);
    const damaged = writeGeneratedBlock(demoConfig, compiled, rules).text.replace(`  ${END_MARKER}\n`, "");
    expect(() => writeGeneratedBlock(damaged, compiled, rules)).toThrow(RangeYamlError);
  });
});
