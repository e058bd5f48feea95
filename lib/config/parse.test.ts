import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MAX_ALIAS_EXPANSION, parseConfig, parseDocument } from "./parse";
import type { GpValue, ParsedConfig } from "./types";
import { FIXTURES_DIR } from "../test/fixtures";

const FIXTURES = FIXTURES_DIR;
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, "utf8");
const yamlFixtures = readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml"));
/** Files that are not complete configs: a snippet and the job-options form. */
const NOT_CONFIGS = new Set(["gpserver_awsbatch_image_lookup.yaml", "gpserver_resources_jobInputParams.yaml"]);

const scalar = (value: string | null): GpValue => ({ kind: "scalar", value });
const defaults = (p: ParsedConfig) => p.model!.defaultProperties;
const codes = (p: ParsedConfig) => p.diagnostics.map((d) => d.code);

describe("parseConfig over every fixture", () => {
  it.each(yamlFixtures)("%s parses to a model without YAML errors", (name) => {
    const parsed = parseConfig(fixture(name), { fileName: name });
    expect(parsed.fileName).toBe(name);
    expect(parsed.model).not.toBeNull();
    expect(codes(parsed)).not.toContain("yaml-syntax");
    const errors = parsed.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    expect(errors).toEqual(NOT_CONFIGS.has(name) ? ["missing-executors"] : []);
  });

  it("reads the precedence test file: executors, modules by name and LSID, users, groups in file order", () => {
    const m = parseConfig(fixture("gpserver_test_config_test_module_properties.yaml")).model!;
    expect([...m.executors.keys()]).toEqual(["RuntimeExec", "TestExec"]);
    expect(m.executors.get("TestExec")!.defaultProperties.get("test.prop")!.value).toEqual(scalar("BY_EXEC_DEFAULT"));
    expect(m.executors.get("RuntimeExec")!.configurationProperties.get("test.prop")!.value).toEqual(scalar("BY_EXEC_CONFIG"));
    expect([...m.moduleProperties.keys()]).toEqual([
      "ComparativeMarkerSelection",
      "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044",
      "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:4",
      "ConvertLineEndings",
    ]);
    expect([...m.groupProperties.keys()]).toEqual(["*", "admingroup", "broadgroup"]);
    const admin = m.groupProperties.get("admingroup")!;
    expect(admin.props.has("module.properties")).toBe(false);
    expect(admin.moduleProperties.get("AllGroupsModule")!.props.get("all.groups.prop")!.value).toEqual(scalar("ADMINGROUP_MODULE_VALUE"));
    const userE = m.userProperties.get("userE")!;
    expect(userE.props.size).toBe(0);
    expect(userE.moduleProperties.size).toBe(3);
    expect(m.userProperties.get("userF")!.props.get("executor")!.value).toEqual(scalar("TestExec"));
  });

  it("keeps positions of keys and values (1-based)", () => {
    const m = parseConfig(fixture("gpserver_test_config_test_module_properties.yaml")).model!;
    const entry = m.defaultProperties.get("test.prop")!;
    expect(entry.keyRange.start).toEqual({ line: 6, col: 5 });
    expect(entry.valueRange.start).toEqual({ line: 6, col: 16 });
    expect(entry.path).toEqual(["default.properties", "test.prop"]);
    expect(m.moduleProperties.get("ConvertLineEndings")!.range.start.line).toBe(33);
  });

  it("resolves anchors and aliases (config_example's &snp_settings)", () => {
    const m = parseConfig(fixture("gpserver_resources_config_example.yaml")).model!;
    const creator = m.moduleProperties.get("SNPFileCreator")!.props;
    const sorter = m.moduleProperties.get("SNPFileSorter")!.props;
    expect([...sorter.keys()]).toEqual([...creator.keys()]);
    expect(sorter.get("lsf.max.memory")!.value).toEqual(scalar("12"));
    expect(sorter.get("java_flags")!.value).toEqual(scalar("-Xmx12g"));
  });

  it("keeps empty strings apart from nulls and the string 'null' (test_null_values.yaml)", () => {
    const m = parseConfig(fixture("gpserver_test_executor_test_null_values.yaml")).model!;
    expect(m.executors.get("RuntimeExec")!.defaultProperties.get("debug.mode")!.value).toEqual(scalar(""));
    expect(m.executors.get("LSF")!.defaultProperties.get("lsf.extra.bsub.args")!.value).toEqual(scalar("null"));
    expect(m.userProperties.get("testuser")!.props.get("debug.mode")!.value).toEqual(scalar(""));
    expect(defaults(parseConfig("executors: {A: x}\ndefault.properties:\n  a:\n  b: ~\n  c: null\n  d: ''\n")).get("a")!.value).toEqual(scalar(null));
  });

  it("reads list and map values (virtual queue, docker lookup)", () => {
    const vq = parseConfig(fixture("gpserver_resources_config_example_virtual_queue.yaml")).model!;
    const bundle = [...vq.executorProperties.values()].find((b) => b.props?.has("job.extraArgs"))!;
    expect(bundle.props!.get("job.extraArgs")!.value.kind).toBe("list");
    const docker = parseConfig(fixture("gpserver_resources_config_test_job_docker_image.yaml")).model!;
    const lookup = docker.defaultProperties.get("job.docker.image.lookup")!.value;
    expect(lookup.kind).toBe("map");
  });

  it("reads short and long executor forms", () => {
    const m = parseConfig("executors:\n  Short: org.example.Short\n  Long:\n    classname: org.example.Long\n    configuration.file: x.properties\n").model!;
    expect(m.executors.get("Short")).toMatchObject({ classname: "org.example.Short" });
    expect(m.executors.get("Long")).toMatchObject({ classname: "org.example.Long" });
  });
});

describe("YAML 1.1 coercions in context", () => {
  const text = [
    "executors: {A: x}",
    "default.properties:",
    "  a: yes",
    "  b: 1.10",
    "  c: 2:00:00",
    '  d: "2:00:00"',
    "  e: 0x1F",
    "  f: [on, 1e3, ~, '', \"no\"]",
    "  g: !!str 12",
    "  h: |",
    "    yes",
    "  1.10: key",
    "",
  ].join("\n");
  const parsed = parseConfig(text);
  const d = defaults(parsed);
  it.each([
    ["a", scalar("true")],
    ["b", scalar("1.1")],
    ["c", scalar("7200")],
    ["d", scalar("2:00:00")],
    ["e", scalar("31")],
    ["f", { kind: "list", values: ["true", "1000.0", null, "", "no"] }],
    ["g", scalar("12")],
    ["h", scalar("yes\n")],
    ["1.1", scalar("key")],
  ] as const)("%s", (key, value) => expect(d.get(key)!.value).toEqual(value));

  it("reports the coercions with positions and a quoting fix", () => {
    const walltime = parsed.diagnostics.find((x) => x.code === "unquoted-walltime")!;
    expect(walltime.range.start).toEqual({ line: 5, col: 6 });
    expect(walltime.fix).toEqual({ title: 'Quote it: "2:00:00"', replacement: '"2:00:00"' });
    expect(codes(parsed)).toEqual(expect.arrayContaining(["coerced-boolean", "coerced-number", "non-string-key"]));
  });

  it("an unquoted date is an error (GP fails to load the file), a quoted one is fine", () => {
    const bad = parseConfig("executors: {A: x}\ndefault.properties:\n  since: 2020-01-01\n");
    expect(bad.diagnostics).toMatchObject([{ code: "unquoted-date", severity: "error", range: { start: { line: 3, col: 10 } } }]);
    expect(parseConfig('executors: {A: x}\ndefault.properties:\n  since: "2020-01-01"\n').diagnostics).toEqual([]);
  });
});

describe("section rules (reference §1.4)", () => {
  it.each([
    ["missing executors", "default.properties: {a: b}\n", "missing-executors", "error"],
    ["empty file", "", "missing-executors", "error"],
    ["executors not a map", "executors: x\n", "missing-executors", "error"],
    ["executor without classname", "executors:\n  A:\n    default.properties: {}\n", "executor-classname-missing", "error"],
    ["executor entry null", "executors:\n  A:\n", "executor-invalid", "error"],
    ["configuration.properties not a map", "executors:\n  A:\n    classname: x\n    configuration.properties: 3\n", "executor-configuration-not-map", "error"],
    ["executor default.properties not a map", "executors:\n  A:\n    classname: x\n    default.properties: [a]\n", "executor-defaults-not-map", "warning"],
    ["job keys directly under an executor", "executors:\n  A:\n    classname: x\n    job.queue: q\n", "unknown-executor-key", "warning"],
    ["default.properties not a map", "executors: {A: x}\ndefault.properties: [a]\n", "section-not-map", "warning"],
    ["module entry not a map", "executors: {A: x}\nmodule.properties:\n  Foo: bar\n", "module-entry-not-map", "warning"],
    ["bundle not a map", "executors: {A: x}\nexecutor.properties:\n  b: 1\n", "bundle-not-map", "warning"],
    ["null user body", "executors: {A: x}\nuser.properties:\n  bob:\n", "null-body", "error"],
    ["null group body", "executors: {A: x}\ngroup.properties:\n  g:\n", "null-body", "error"],
    ["user body not a map", "executors: {A: x}\nuser.properties:\n  bob: x\n", "body-not-map", "error"],
    ["nested module.properties not a map", "executors: {A: x}\ngroup.properties:\n  g:\n    module.properties: x\n", "nested-module-properties-not-map", "error"],
    ["list item not a scalar", "executors: {A: x}\ndefault.properties:\n  l: [{a: b}]\n", "list-item-not-scalar", "error"],
    ["unknown top-level key", "executors: {A: x}\nmodule.property: {}\n", "unknown-section", "info"],
    ["root not a map", "- a\n- b\n", "root-not-map", "error"],
  ])("%s", (_label, text, code, severity) => {
    const parsed = parseConfig(text);
    expect(parsed.diagnostics.find((d) => d.code === code)).toMatchObject({ severity });
  });

  it("skips a non-map module entry but keeps the others", () => {
    const m = parseConfig("executors: {A: x}\nmodule.properties:\n  Foo: bar\n  Baz: {job.memory: 2}\n").model!;
    expect([...m.moduleProperties.keys()]).toEqual(["Baz"]);
  });

  it("suggests the section a typo meant", () => {
    const parsed = parseConfig("executors: {A: x}\nmodule.property: {}\n");
    expect(parsed.diagnostics[0]!.message).toContain("did you mean 'module.properties'");
  });

  it("reports duplicate keys and keeps the last value at the first position, as GP's LinkedHashMap does", () => {
    const parsed = parseConfig("executors: {A: x}\ndefault.properties:\n  a: 1\n  b: 2\n  a: 3\n");
    expect([...defaults(parsed).keys()]).toEqual(["a", "b"]);
    expect(defaults(parsed).get("a")!.value).toEqual(scalar("3"));
    expect(parsed.diagnostics).toMatchObject([{ code: "duplicate-key", range: { start: { line: 5, col: 3 } }, path: ["default.properties", "a"] }]);
  });

  it("applies << merge keys (explicit keys win)", () => {
    const parsed = parseConfig("executors: {A: x}\nbase: &b {m: 1, n: 2}\nmodule.properties:\n  Foo:\n    <<: *b\n    n: 3\n");
    const foo = parsed.model!.moduleProperties.get("Foo")!.props;
    expect(foo.get("m")!.value).toEqual(scalar("1"));
    expect(foo.get("n")!.value).toEqual(scalar("3"));
  });
});

describe("bad input never throws and always has a location", () => {
  const billionLaughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
  for (let i = 1; i <= 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    billionLaughs.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(", ")}]`);
  }
  const cases: [string, string, string][] = [
    ["malformed YAML", "executors:\n  A: [unclosed\n", "yaml-syntax"],
    ["bad indentation", "executors:\n  A: x\n B: y\n", "yaml-syntax"],
    ["tab indentation", "executors:\n\tA: x\n", "yaml-syntax"],
    ["binary garbage", "\u0000\u0001\u0002PK\u0003\u0004 garbage", "binary-content"],
    ["billion laughs", `executors: {A: x}\n${billionLaughs.join("\n")}\ndefault.properties:\n  lol: *j\n`, "alias-expansion-limit"],
    ["deep flow nesting", `executors: {A: x}\ndefault.properties:\n  deep: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, "nesting-too-deep"],
    ["deep block nesting", `executors: {A: x}\ndefault.properties:\n  deep:\n${Array.from({ length: 300 }, (_, i) => `${" ".repeat(4 + i * 2)}k${i}:`).join("\n")} v\n`, "nesting-too-deep"],
    ["unknown alias", "executors: {A: x}\ndefault.properties:\n  a: *nope\n", "yaml-syntax"],
    ["two documents", "executors: {A: x}\n---\nexecutors: {B: y}\n", "yaml-syntax"],
    ["unknown tag", "executors: {A: x}\ndefault.properties:\n  a: !foo bar\n", "unknown-tag"],
    ["map as key", "executors: {A: x}\ndefault.properties:\n  ? {a: b}\n  : c\n", "complex-key"],
    ["merge of a scalar", "executors: {A: x}\ndefault.properties:\n  <<: 3\n", "merge-invalid"],
  ];
  it.each(cases)("%s", (_label, text, code) => {
    const parsed = parseConfig(text);
    const found = parsed.diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(parsed.diagnostics)).toBeDefined();
    expect(found!.range.start.line).toBeGreaterThanOrEqual(1);
    expect(found!.range.start.col).toBeGreaterThanOrEqual(1);
  });

  it("caps the list of syntax errors", () => {
    const parsed = parseConfig(Array.from({ length: 200 }, (_, i) => `k${i}: "unclosed\n  - x: [`).join("\n"));
    expect(parsed.diagnostics.length).toBeLessThanOrEqual(60);
    expect(parsed.model).toBeNull();
  });

  it("bounds alias expansion", () => {
    expect(MAX_ALIAS_EXPANSION).toBeGreaterThan(1000);
    const parsed = parseConfig(`executors: {A: x}\n${billionLaughs.join("\n")}\n`);
    expect(parsed.model).toBeNull();
  });

  it("parses a 5 MB file", () => {
    const lines = ["executors: {A: x}", "module.properties:"];
    let size = 0;
    for (let i = 0; size < 5 * 1024 * 1024; i++) {
      const block = `  Module${i}:\n    job.memory: "${i % 16} Gb"\n    job.queue: queue-${i}`;
      lines.push(block);
      size += block.length + 1;
    }
    const parsed = parseConfig(lines.join("\n"));
    expect(parsed.model!.moduleProperties.size).toBeGreaterThan(50_000);
  }, 60_000);

  it("a 5 MB garbage file yields diagnostics, not an exception", () => {
    let seed = 7;
    const chars: string[] = [];
    for (let i = 0; i < 5 * 1024 * 1024; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      chars.push(": -[]{}#&*!|>'\"%@ \nabc"[seed % 22]!);
    }
    const parsed = parseConfig(chars.join(""));
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("parseDocument", () => {
  it("keeps comments for editing", () => {
    const doc = parseDocument("# head\nexecutors: {A: x} # tail\n");
    expect(doc.toString()).toContain("# head");
    expect(doc.toString()).toContain("# tail");
  });
});
