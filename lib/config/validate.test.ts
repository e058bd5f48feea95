import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { generateConfig } from "../../bench/generate-config";
import { parseManifest } from "../modules/manifest";
import { DIAGNOSTIC_CODES } from "./diagnostics";
import { validateConfig, type ValidateOptions } from "./validate";
import { FIXTURES_DIR } from "../test/fixtures";

const FIXTURES = FIXTURES_DIR;
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, "utf8");
const X = "executors: {A: org.example.A}\n"; // the smallest valid executors section

type Case = { label: string; text: string; code: string; severity: string; line: number; options?: ValidateOptions; fix?: string };

const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
for (let i = 1; i <= 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);

const example = parseManifest(fixture("ExampleModule_manifest"));
const select = parseManifest(fixture("docker-aws-common-scripts_SelectFeaturesColumns_manifest"));

/** One case per diagnostic code (file-unreadable is the CLI's, tested in lib/cli/commands/validate.test.ts). */
const cases: Case[] = [
  { label: "binary garbage", text: "PK\u0003\u0004\u0000\u0000garbage", code: "binary-content", severity: "error", line: 1 },
  { label: "unclosed flow list", text: "executors: [a,\n", code: "yaml-syntax", severity: "error", line: 2 },
  { label: "unknown directive", text: `%FOO bar\n---\n${X}`, code: "yaml-warning", severity: "warning", line: 1 },
  { label: "hundreds of syntax errors", text: Array.from({ length: 120 }, (_, i) => `k${i}: "open\n  - [`).join("\n"), code: "too-many-errors", severity: "info", line: 102 },
  { label: "a list at the top", text: "- executors\n", code: "root-not-map", severity: "error", line: 1 },
  { label: "billion laughs", text: `${X}${laughs.join("\n")}\n`, code: "alias-expansion-limit", severity: "error", line: 6 },
  { label: "deep nesting", text: `${X}default.properties:\n  d: ${"{a: ".repeat(120)}1${"}".repeat(120)}\n`, code: "nesting-too-deep", severity: "error", line: 3 },
  { label: "duplicate key", text: `${X}default.properties:\n  job.queue: a\n  job.queue: b\n`, code: "duplicate-key", severity: "warning", line: 4 },
  { label: "map as a key", text: `${X}default.properties:\n  ? [a]\n  : b\n`, code: "complex-key", severity: "error", line: 3 },
  { label: "boolean key", text: `${X}user.properties:\n  yes:\n    job.queue: q\n`, code: "non-string-key", severity: "warning", line: 3, fix: '"yes"' },
  { label: "custom tag", text: `${X}default.properties:\n  a: !env HOME\n`, code: "unknown-tag", severity: "warning", line: 3 },
  { label: "merge of a scalar", text: `${X}default.properties:\n  <<: x\n`, code: "merge-invalid", severity: "error", line: 3 },
  { label: "unquoted date", text: `${X}default.properties:\n  since: 2021-05-18\n`, code: "unquoted-date", severity: "error", line: 3, fix: '"2021-05-18"' },
  { label: "unquoted walltime", text: `${X}default.properties:\n  job.walltime: 2:00:00\n`, code: "unquoted-walltime", severity: "warning", line: 3, fix: '"2:00:00"' },
  { label: "version-like number", text: `${X}default.properties:\n  r.version: 3.10\n`, code: "coerced-number", severity: "warning", line: 3, fix: '"3.10"' },
  { label: "octal", text: `${X}default.properties:\n  umask: 0022\n`, code: "coerced-number", severity: "warning", line: 3 },
  { label: "yes/no", text: `${X}default.properties:\n  dockerReadOnlyBindMounts: yes\n`, code: "coerced-boolean", severity: "info", line: 3 },
  { label: "no executors", text: "default.properties:\n  executor: A\n", code: "missing-executors", severity: "error", line: 1 },
  { label: "section not a map", text: `${X}module.properties: [a, b]\n`, code: "section-not-map", severity: "warning", line: 2 },
  { label: "typo in a section name", text: `${X}modules.properties: {}\n`, code: "unknown-section", severity: "info", line: 2 },
  { label: "executor is a list", text: "executors:\n  A: [x]\n", code: "executor-invalid", severity: "error", line: 2 },
  { label: "executor without classname", text: "executors:\n  A:\n    default.properties: {}\n", code: "executor-classname-missing", severity: "error", line: 2 },
  { label: "configuration.properties a list", text: "executors:\n  A:\n    classname: x\n    configuration.properties: [a]\n", code: "executor-configuration-not-map", severity: "error", line: 4 },
  { label: "executor defaults a string", text: "executors:\n  A:\n    classname: x\n    default.properties: x\n", code: "executor-defaults-not-map", severity: "warning", line: 4 },
  { label: "job.queue beside classname", text: "executors:\n  A:\n    classname: x\n    job.queue: q\n", code: "unknown-executor-key", severity: "warning", line: 4 },
  { label: "bundle a string", text: `${X}executor.properties:\n  java: x\n`, code: "bundle-not-map", severity: "warning", line: 3 },
  { label: "module entry a string", text: `${X}module.properties:\n  GSEA: java/1.8\n`, code: "module-entry-not-map", severity: "warning", line: 3 },
  { label: "null user body", text: `${X}user.properties:\n  bob:\n  alice: {job.queue: q}\n`, code: "null-body", severity: "error", line: 3 },
  { label: "user body a string", text: `${X}user.properties:\n  bob: admin\n`, code: "body-not-map", severity: "error", line: 3 },
  { label: "nested module.properties a list", text: `${X}group.properties:\n  g:\n    module.properties: [a]\n`, code: "nested-module-properties-not-map", severity: "error", line: 4 },
  { label: "map inside a list", text: `${X}default.properties:\n  job.extraArgs: [{a: b}]\n`, code: "list-item-not-scalar", severity: "error", line: 3 },
  { label: "memory not a size", text: `${X}default.properties:\n  job.memory: lots\n`, code: "schema", severity: "warning", line: 3 },
  { label: "cpuCount not a number", text: `${X}module.properties:\n  M:\n    job.cpuCount: four\n`, code: "schema", severity: "warning", line: 4 },
  { label: "name:version module key", text: `${X}module.properties:\n  "GSEA:19":\n    job.memory: 8\n`, code: "module-key-name-version", severity: "warning", line: 3 },
  { label: "malformed LSID key", text: `${X}module.properties:\n  "urn:lsid:broad.mit.edu:00044":\n    job.memory: 8\n`, code: "module-key-bad-lsid", severity: "warning", line: 3 },
  { label: "LSID with a non-numeric version", text: `${X}module.properties:\n  "urn:lsid:a.org:ns:00044:1.0-beta":\n    job.memory: 8\n`, code: "module-key-bad-lsid", severity: "warning", line: 3 },
  { label: "malformed LSID in the docker lookup", text: `${X}default.properties:\n  job.docker.image.lookup:\n    "urn:lsid:a.org:ns:1:2": x/y:1\n    "urn:lsid:a.org:ns": x/y:2\n`, code: "module-key-bad-lsid", severity: "warning", line: 5 },
  { label: "unknown executor", text: `${X}default.properties:\n  executor: a\n`, code: "unknown-executor", severity: "error", line: 3, fix: "A" },
  { label: "unknown failover executor", text: `${X}user.properties:\n  bob:\n    failover_executor: B\n`, code: "unknown-executor", severity: "error", line: 4 },
  { label: "missing bundle", text: `${X}executor.properties:\n  java/1.8: {job.queue: q}\nmodule.properties:\n  GSEA:\n    executor.props: java/1.7\n`, code: "unknown-executor-props", severity: "warning", line: 6, fix: "java/1.8" },
  { label: "substitution cycle", text: `${X}default.properties:\n  a: "<b>"\n  b: "x <a>"\n`, code: "substitution-cycle", severity: "error", line: 3 },
  { label: "self cycle", text: `${X}default.properties:\n  a: "x <a>"\n`, code: "substitution-cycle", severity: "error", line: 3 },
  { label: "unknown token in a manifest", text: X, code: "unknown-token", severity: "warning", line: 1, options: { manifests: [{ name: "M", commandLine: "<python> <libdir>m.py <nope>", params: [] }] } },
  { label: "one-char tail in a value", text: `${X}default.properties:\n  java_flags: "-Xmx<job.memory>m"\n`, code: "one-char-tail", severity: "warning", line: 3 },
  { label: "one-char tail in a manifest", text: X, code: "one-char-tail", severity: "warning", line: 1, options: { manifests: [{ name: "M", commandLine: "cat <in>/", params: [{ name: "in" }] }] } },
  { label: "wiki job definition key", text: `${X}default.properties:\n  aws-batch-job-definition-name: S3ModuleWrapper\n`, code: "job-definition-key-alias", severity: "warning", line: 3, fix: "job.awsbatch.job-definition-name" },
  { label: "wiki queue key", text: `${X}default.properties:\n  aws-batch-job-queue: q\n`, code: "job-queue-key-alias", severity: "warning", line: 3, fix: "job.queue" },
  { label: "bucket without prefix", text: `${X}default.properties:\n  aws-s3-root: s3://my-bucket\n`, code: "s3-root-no-prefix", severity: "warning", line: 3, fix: "s3://my-bucket/gp" },
  { label: "bucket with a bare slash", text: `${X}default.properties:\n  aws-s3-root: s3://my-bucket/\n`, code: "s3-root-no-prefix", severity: "warning", line: 3 },
  { label: ":latest", text: `${X}module.properties:\n  M:\n    job.docker.image: genepattern/x:latest\n`, code: "mutable-image-tag", severity: "warning", line: 4 },
  { label: "no tag", text: `${X}module.properties:\n  M:\n    job.docker.image: "registry:5000/genepattern/x"\n`, code: "mutable-image-tag", severity: "warning", line: 4 },
  { label: "no tag in the lookup", text: `${X}default.properties:\n  job.docker.image.lookup:\n    M: genepattern/x:1\n    N: genepattern/y\n`, code: "mutable-image-tag", severity: "warning", line: 5 },
  { label: "memory in Mb without a unit", text: `${X}module.properties:\n  M:\n    job.memory: 4000\n`, code: "memory-without-unit", severity: "warning", line: 4, fix: '"4000 Mb"' },
  { label: "memory in Gb without a unit", text: `${X}module.properties:\n  M:\n    job.javaXmx: "8"\n`, code: "memory-without-unit", severity: "warning", line: 4, fix: '"8 Gb"' },
  { label: "an AWS walltime over 7 days", text: "executors:\n  AWSBatch:\n    classname: org.genepattern.server.executor.drm.JobExecutor\n    configuration.properties:\n      jobRunnerClassname: org.genepattern.server.executor.awsbatch.AWSBatchJobRunner\nmodule.properties:\n  M:\n    job.walltime: \"8-00:00:00\"\n", code: "walltime-out-of-range", severity: "warning", line: 8 },
  { label: "top-level default shadowed by the executor's", text: "executors:\n  A:\n    classname: x\n    default.properties:\n      job.queue: exec-q\ndefault.properties:\n  executor: A\n  job.queue: top-q\n", code: "shadowed-default", severity: "warning", line: 8 },
  { label: "unregistered job definition", text: `${X}module.properties:\n  M:\n    job.awsbatch.job-definition-name: "Python36_Generc:3"\n`, code: "unknown-job-definition", severity: "warning", line: 4, options: { jobDefinitionNames: ["Python36_Generic", "Demo_Generic:2"] }, fix: "Python36_Generic" },
];

describe("validateConfig: every diagnostic code", () => {
  it.each(cases)("$label -> $code", ({ text, code, severity, line, options, fix }) => {
    const diagnostics = validateConfig(text, options);
    const found = diagnostics.find((d) => d.code === code);
    expect(found, JSON.stringify(diagnostics, null, 1)).toBeDefined();
    expect(found!.severity).toBe(severity);
    expect(found!.range.start.line).toBe(line);
    expect(found!.message.length).toBeGreaterThan(10);
    if (fix) expect(found!.fix?.replacement).toBe(fix);
  });

  it("covers the whole code list", () => {
    const covered = new Set(cases.map((c) => c.code));
    const untested = Object.keys(DIAGNOSTIC_CODES).filter((c) => !covered.has(c) && c !== "file-unreadable");
    expect(untested).toEqual([]);
  });

  it.each([
    ["a quoted walltime", `${X}default.properties:\n  job.walltime: "02:00:00"\n`],
    ["a value that is exactly its own token", `${X}default.properties:\n  a: "<a>"\n`],
    ["a pinned image and a digest", `${X}default.properties:\n  job.docker.image: genepattern/x:0.1\n  job.docker.image.default: "genepattern/y@sha256:abc"\n`],
    ["a bucket with a prefix", `${X}default.properties:\n  aws-s3-root: s3://bucket/gp/\n`],
    ["a registered definition with a revision", `${X}default.properties:\n  job.awsbatch.job-definition-name: Demo_Generic:2\n`],
    ["PipelineExec", `${X}default.properties:\n  executor: PipelineExec\n`],
    ["a null memory (GP uses the default)", `${X}default.properties:\n  job.memory:\n`],
    ["a walltime of 8 days outside AWS Batch", `${X}module.properties:\n  M:\n    job.walltime: "8-00:00:00"\n    job.memory: "4000 Mb"\n`],
    ["a two-character tail", `${X}default.properties:\n  java_flags: "-Xmx<job.memory>mb"\n`],
  ])("no diagnostics for %s", (_label, text) => {
    expect(validateConfig(text, { jobDefinitionNames: ["Demo_Generic"] })).toEqual([]);
  });

  it("reports a cycle once per key with the loop in the message", () => {
    const ds = validateConfig(`${X}default.properties:\n  a: "<b>"\n  b: "x <a>"\n`).filter((d) => d.code === "substitution-cycle");
    expect(ds.map((d) => d.path)).toEqual([["default.properties", "a"], ["default.properties", "b"]]);
    expect(ds[0]!.message).toContain("a -> b -> a");
  });
});

describe("validateConfig over the fixtures", () => {
  const expectedErrors: Record<string, string[]> = {
    "gpserver_awsbatch_image_lookup.yaml": ["missing-executors"],
    "gpserver_resources_jobInputParams.yaml": ["missing-executors"],
    // config_example.yaml defaults to executor RuntimeExec, which it no longer defines (a real pitfall).
    "gpserver_resources_config_example.yaml": ["unknown-executor"],
    // the docker-image test files select an executor 'Custom' they never define
    "gpserver_resources_config_test_job_docker_image.yaml": ["unknown-executor"],
    "gpserver_test_config_config_test_job_docker_image.yaml": ["unknown-executor"],
  };
  it.each(readdirSync(FIXTURES).filter((f) => f.endsWith(".yaml")))("%s", (name) => {
    const diagnostics = validateConfig(fixture(name), { fileName: name });
    expect(diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(expectedErrors[name] ?? []);
    for (const d of diagnostics) expect(d.range.start.line).toBeGreaterThanOrEqual(1);
  });

  it("flags the untagged images of the v0.2 lookup table at their own lines", () => {
    const ds = validateConfig(fixture("gpserver_awsbatch_config_example_awsbatch-v0.2.yaml")).filter((d) => d.code === "mutable-image-tag");
    expect(ds.length).toBeGreaterThan(0);
    expect(new Set(ds.map((d) => d.range.start.line)).size).toBe(ds.length);
  });

  it("checks manifest command lines against the config: known tokens pass, unknown ones are named", () => {
    const config = fixture("gpserver_resources_config_default.yaml");
    const ds = validateConfig(config, { manifests: [example, select] }).filter((d) => d.code === "unknown-token" || d.code === "one-char-tail");
    expect(ds.map((d) => d.message)).toEqual([]);
    const bare = validateConfig(X, { manifests: [select] }).filter((d) => d.code === "unknown-token");
    expect(bare.map((d) => d.message.match(/<[^>]+>/)![0])).toEqual(["<java>"]);
  });
});

describe("validateConfig on a large file", () => {
  it("validates a generated 10,000-line config without errors (speed is measured by npm run bench)", () => {
    const generated = generateConfig(10_000);
    expect(generated.lines).toBeGreaterThanOrEqual(10_000);
    const diagnostics = validateConfig(generated.text);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});
