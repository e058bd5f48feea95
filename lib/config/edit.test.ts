import { readdirSync, readFileSync } from "node:fs";
import { diffLines } from "diff";
import { describe, expect, it } from "vitest";
import { ConfigEditError, deleteProperty, replaceGeneratedBlock, setProperties, setProperty } from "./edit";
import { parseConfig } from "./parse";
import type { GpValue } from "./types";
import { validateConfig } from "./validate";
import { FIXTURES_DIR } from "../test/fixtures";

const FIXTURES = FIXTURES_DIR;
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, "utf8");
const demo = readFileSync(new URL("../../demo/config_custom.yaml", import.meta.url), "utf8");
const configs = readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml") && f !== "gpserver_resources_jobInputParams.yaml" && f !== "gpserver_awsbatch_image_lookup.yaml");

/** Lines removed and added between two texts. */
function changes(before: string, after: string) {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before, after)) {
    const lines = part.value.replace(/\n$/, "").split("\n");
    if (part.removed) removed.push(...lines);
    if (part.added) added.push(...lines);
  }
  return { removed, added };
}

function valueAt(text: string, path: string[]): GpValue | undefined {
  const m = parseConfig(text).model!;
  const [section, ...rest] = path;
  if (section === "default.properties") return m.defaultProperties.get(rest[0]!)?.value;
  if (section === "module.properties") return m.moduleProperties.get(rest[0]!)?.props.get(rest[1]!)?.value;
  if (section === "executor.properties") return m.executorProperties.get(rest[0]!)?.props?.get(rest[1]!)?.value;
  if (section === "user.properties") return rest[1] === "module.properties" ? m.userProperties.get(rest[0]!)?.moduleProperties.get(rest[2]!)?.props.get(rest[3]!)?.value : m.userProperties.get(rest[0]!)?.props.get(rest[1]!)?.value;
  if (section === "executors") return m.executors.get(rest[0]!)?.defaultProperties.get(rest[2]!)?.value;
  return undefined;
}

describe("edits keep every untouched byte (fixtures)", () => {
  it.each(configs)("%s: change an existing value, add and remove a module", (name) => {
    const text = fixture(name);
    const model = parseConfig(text).model!;
    // 1. an existing value (the first executor default, else the first top-level default)
    const executor = [...model.executors.values()].find((e) => e.defaultProperties.size > 0);
    const existing = executor
      ? ["executors", executor.id, "default.properties", [...executor.defaultProperties.keys()][0]!]
      : ["default.properties", [...model.defaultProperties.keys()][0]!];
    const edited = setProperty(text, existing, "edited-value");
    const diff = changes(text, edited);
    expect(diff.removed).toHaveLength(1);
    expect(diff.added).toHaveLength(1);
    expect(diff.added[0]).toContain("edited-value");
    expect(edited.split("\n")).toHaveLength(text.split("\n").length);
    expect(valueAt(edited, existing)).toEqual({ kind: "scalar", value: "edited-value" });

    // 2. a new module entry: only added lines
    const path = ["module.properties", "EditTestModule", "job.walltime"];
    const added = setProperty(text, path, "2:00:00");
    const addDiff = changes(text, added);
    // only an empty flow section ("module.properties: {" "}") is rewritten as a block
    expect(addDiff.removed.filter((l) => !/^module\.properties: \{\s*\}?$|^\}$/.test(l))).toEqual([]);
    expect(addDiff.added.length).toBeGreaterThanOrEqual(2);
    expect(valueAt(added, path)).toEqual({ kind: "scalar", value: "2:00:00" });
    expect(validateConfig(added).filter((d) => d.code === "unquoted-walltime")).toEqual([]);

    // 3. deleting it again gives back the original bytes when the section existed
    if (model.moduleProperties.size > 0) expect(deleteProperty(added, path)).toBe(text);
  });
});

describe("setProperty quoting: the value GP reads is exactly the one written", () => {
  it.each([
    "yes", "No", "on", "true", "2:00:00", "02:00:00", "2020-01-01", "1.10", "0777", "0x1F", "1e5", "100", "", "null", "~",
    "4 Gb", "a: b", "# not a comment", "-x", "[a]", "{a}", "*star", "&amp", "!bang", "|pipe", ">fold", "%pct", "@at", "`tick",
    "<run-with-docker> python3", "it's", 'say "hi"', "multi\nline", " padded ", "tab\there", "urn:lsid:a.org:ns:1:2", "ünïcode",
    "s3://bucket/gp", "org.genepattern.server.executor.drm.JobExecutor", "/usr/bin/env",
  ])("%j", (value) => {
    const path = ["module.properties", "WordCount", "test.value"];
    const out = setProperty(demo, path, value);
    expect(valueAt(out, path)).toEqual({ kind: "scalar", value });
    expect(validateConfig(out).filter((d) => d.severity === "error")).toEqual([]);
  });

  it("writes lists and nulls", () => {
    const path = ["default.properties", "job.awsbatch.s3-upload-filter"];
    const out = setProperty(demo, path, ["*.bam", "yes", "a, b"]);
    expect(valueAt(out, path)).toEqual({ kind: "list", values: ["*.bam", "yes", "a, b"] });
    expect(valueAt(setProperty(demo, ["default.properties", "env-custom"], null), ["default.properties", "env-custom"])).toEqual({ kind: "scalar", value: null });
  });

  it("keeps the quote style of the value it replaces", () => {
    const out = setProperty(demo, ["module.properties", "WordCount", "job.memory"], "3 Gb");
    expect(changes(demo, out)).toEqual({ removed: ['    job.memory: "1 Gb"'], added: ['    job.memory: "3 Gb"'] });
    const single = setProperty("executors: {A: x}\ndefault.properties:\n  q: 'a'\n", ["default.properties", "q"], "b");
    expect(single).toBe("executors: {A: x}\ndefault.properties:\n  q: 'b'\n");
  });
});

describe("setProperty structure", () => {
  it("creates missing sections and nested maps with the file's indentation", () => {
    const out = setProperty(demo, ["user.properties", "bob", "module.properties", "WordCount", "job.queue"], "bob-queue");
    expect(changes(demo, out).removed).toEqual([]);
    expect(out.endsWith("user.properties:\n  bob:\n    module.properties:\n      WordCount:\n        job.queue: bob-queue\n")).toBe(true);
    expect(valueAt(out, ["user.properties", "bob", "module.properties", "WordCount", "job.queue"])).toEqual({ kind: "scalar", value: "bob-queue" });
  });

  it("writes into an empty file and an empty section", () => {
    expect(setProperty("", ["executors", "A"], "org.example.A")).toBe("executors:\n    A: org.example.A\n");
    expect(setProperty("# only a comment\n", ["executors", "A"], "x")).toBe("# only a comment\nexecutors:\n    A: x\n");
    expect(setProperty("executors: {A: x}\nmodule.properties:\n", ["module.properties", "M", "job.queue"], "q")).toBe(
      "executors: {A: x}\nmodule.properties:\n    M:\n        job.queue: q\n",
    );
    expect(setProperty("executors: {A: x}\nmodule.properties: # mine\nz: 1\n", ["module.properties", "M", "q"], "v")).toBe(
      "executors: {A: x}\nmodule.properties: # mine\n    M:\n        q: v\nz: 1\n",
    );
  });

  it("adds to flow maps and replaces flow and block values", () => {
    expect(setProperty("executors: {A: x}\n", ["executors", "B"], "y")).toBe("executors: {A: x, B: y}\n");
    expect(setProperty("executors: {}\n", ["executors", "B"], "y")).toBe("executors: { B: y}\n");
    const block = "executors: {A: x}\ndefault.properties:\n  l:\n    - a\n    - b\n  n: 1\n";
    expect(setProperty(block, ["default.properties", "l"], ["c"])).toBe("executors: {A: x}\ndefault.properties:\n  l: [c]\n  n: 1\n");
  });

  it("keeps CRLF line endings", () => {
    const crlf = demo.replace(/\n/g, "\r\n");
    const out = setProperty(crlf, ["module.properties", "NewOne", "job.memory"], "2 Gb");
    expect(out.replace(/\r\n/g, "")).not.toContain("\n");
    expect(valueAt(out, ["module.properties", "NewOne", "job.memory"])).toEqual({ kind: "scalar", value: "2 Gb" });
  });

  it("sets several properties at once", () => {
    const out = setProperties(demo, ["executor.properties", "r/4.1"], { "job.docker.image": "genepattern/r41:1", "job.memory": "8 Gb" });
    expect(valueAt(out, ["executor.properties", "r/4.1", "job.memory"])).toEqual({ kind: "scalar", value: "8 Gb" });
    expect(changes(demo, out).removed).toEqual([]);
  });

  it.each([
    ["invalid YAML", "executors: [\n", ["executors", "A"]],
    ["a path through an alias", fixture("gpserver_resources_config_example.yaml"), ["module.properties", "SNPFileSorter", "job.memory"]],
    ["a path through a scalar", "executors: {A: x}\n", ["executors", "A", "classname"]],
    ["an empty path", "executors: {A: x}\n", []],
  ])("refuses %s with a clear message", (_label, text, path) => {
    expect(() => setProperty(text as string, path as string[], "v")).toThrow(ConfigEditError);
  });
});

describe("deleteProperty", () => {
  it("removes the key's lines only", () => {
    const out = deleteProperty(demo, ["module.properties", "WordCount", "job.memory"]);
    expect(changes(demo, out)).toEqual({ removed: ['    job.memory: "1 Gb"'], added: [] });
  });

  it("removes a module or user left empty instead of leaving an empty (null) body", () => {
    const text = "executors: {A: x}\nuser.properties:\n  bob:\n    job.queue: q\n  amy:\n    job.queue: r\n";
    const out = deleteProperty(text, ["user.properties", "bob", "job.queue"]);
    expect(out).toBe("executors: {A: x}\nuser.properties:\n  amy:\n    job.queue: r\n");
    const last = deleteProperty(out, ["user.properties", "amy", "job.queue"]);
    expect(last).toBe("executors: {A: x}\nuser.properties: {}\n");
    expect(validateConfig(last).filter((d) => d.severity !== "info")).toEqual([]);
  });

  it("removes from flow maps and ignores missing keys", () => {
    expect(deleteProperty("executors: {A: x, B: y}\n", ["executors", "A"])).toBe("executors: {B: y}\n");
    expect(deleteProperty("executors: {A: x, B: y}\n", ["executors", "B"])).toBe("executors: {A: x}\n");
    expect(deleteProperty(demo, ["module.properties", "Nope", "job.memory"])).toBe(demo);
  });
});

describe("replaceGeneratedBlock", () => {
  const marker = "generated from range rule 7";
  const entries = {
    "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:6.15": { "job.docker.image": "genepattern/x:1", "job.memory": "8 Gb" },
    "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:6.16": { "job.docker.image": "genepattern/x:2" },
  };

  it("creates, rewrites and removes the block without touching other lines", () => {
    const created = replaceGeneratedBlock(demo, marker, entries);
    expect(changes(demo, created).removed).toEqual([]);
    expect(created).toContain("# gp-batch-admin: begin generated from range rule 7");
    const m = parseConfig(created).model!;
    expect(m.moduleProperties.get("urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:6.15")!.props.get("job.memory")!.value).toEqual({ kind: "scalar", value: "8 Gb" });
    expect(validateConfig(created).filter((d) => d.severity === "error")).toEqual([]);

    const edited = setProperty(created, ["module.properties", "WordCount", "job.memory"], "5 Gb");
    const rewritten = replaceGeneratedBlock(edited, marker, { "urn:lsid:a.org:ns:1:2": { "job.queue": "q" } });
    const diff = changes(edited, rewritten);
    expect(diff.added).toEqual(['  "urn:lsid:a.org:ns:1:2":', "    job.queue: q"]);
    expect(diff.removed.every((l) => l.includes("urn:lsid:broad") || l.includes("job."))).toBe(true);
    expect(rewritten).toContain('job.memory: "5 Gb"');

    expect(replaceGeneratedBlock(replaceGeneratedBlock(demo, marker, entries), marker, {})).toBe(demo);
  });

  it("creates module.properties when missing and keeps two blocks apart", () => {
    const base = "executors: {A: x}\n";
    const one = replaceGeneratedBlock(base, "generated from range rule 1", { M: { q: "1" } });
    const two = replaceGeneratedBlock(one, "generated from range rule 2", { N: { q: "2" } });
    const m = parseConfig(two).model!;
    expect([...m.moduleProperties.keys()]).toEqual(["M", "N"]);
    expect(replaceGeneratedBlock(two, "generated from range rule 1", { M: { q: "3" } })).toContain("q: \"3\"");
  });

  it("refuses a block without its end line", () => {
    expect(() => replaceGeneratedBlock("executors: {A: x}\nmodule.properties:\n  # gp-batch-admin: begin r\n", "r", {})).toThrow(ConfigEditError);
  });
});
