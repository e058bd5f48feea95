import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseManifest, type Manifest } from "../modules/manifest";
import { parseConfig } from "./parse";
import { buildCommandLine, isJavaLike, xmxSize } from "./substitute";
import { getTokens, splitIntoSubTokens, tokenNames } from "./tokenize";
import { FIXTURES_DIR } from "../test/fixtures";

const FIXTURES = FIXTURES_DIR;
const fixture = (name: string) => readFileSync(`${FIXTURES}/${name}`, "utf8");
const BUILT_INS = { "wrapper-scripts": "/opt/gp/resources/wrapper_scripts", jobs: "/opt/gp/jobs" };

describe("§3.2 tokenizer", () => {
  it.each<[string, string[]]>([
    ["a  b\tc", ["a", "b", "c"]],
    ['"a b" c', ["a b", "c"]],
    ['x ""', ["x", ""]],
    ['a"b c"', ['a"b', 'c"']],
    ["a\\ b", ["a\\", "b"]],
    ['"unterminated x', ["unterminated x"]],
    ["  ", []],
  ])("%j", (text, args) => {
    expect(getTokens(text)).toEqual(args);
  });
});

describe("§3.3 sub-tokens", () => {
  it.each<[string, string[], string | null]>([
    ["<a>", ["<a>"], null],
    ["-t<columns>", ["-t", "<columns>"], null],
    ["<x>/", ["<x>"], "/"],
    ["<mem>m", ["<mem>"], "m"],
    ["<x>.slice", ["<x>", ".slice"], null],
    ["a<b><c>d", ["a", "<b>", "<c>"], "d"],
    ["< a>", ["< a>"], null],
    ["<<a>", ["<", "<a>"], null],
    ["<^a>", ["<^a>"], null],
    ["<a&b>", ["<a&b>"], null],
    ["<a.b_c/3.6>", ["<a.b_c/3.6>"], null],
    ["x", ["x"], null],
  ])("%s", (arg, pieces, dropped) => {
    const r = splitIntoSubTokens(arg);
    expect(r.pieces.map((p) => p.text)).toEqual(pieces);
    expect(r.oneCharTail).toBe(dropped);
  });
  it("keeps the tail when the defect is not reproduced", () => {
    expect(splitIntoSubTokens("<x>/", false).pieces.map((p) => p.text)).toEqual(["<x>", "/"]);
  });
  it("lists token names", () => {
    expect(tokenNames("<java> -cp <libdir>a.jar<path.separator><libdir>b.jar")).toEqual(["java", "libdir", "path.separator", "libdir"]);
  });
});

const cfgOf = (yaml: string) => parseConfig(`executors: {E: x.E}\n${yaml}`);
const manifestOf = (commandLine: string, params = ""): Manifest =>
  parseManifest(`name=M\nLSID=urn\\:lsid\\:test\\:m\\:1\\:2\ncommandLine=${commandLine}\n${params}`);
const run = (yaml: string, commandLine: string, params: Record<string, string | string[]> = {}, manifestParams = "", extra = {}) =>
  buildCommandLine(cfgOf(yaml), { userId: "u" }, { manifest: manifestOf(commandLine, manifestParams), params, ...extra });

describe("§3.4–3.5 substitution rules", () => {
  it.each<[string, string, string, string[]]>([
    ["plain config value stays one arg", "default.properties: {py: 'python3 -u'}", "<py> x", ["python3 -u", "x"]],
    ["config value with a token is split and resolved", "default.properties: {a: '<b> -v', b: bin}", "<a> x", ["bin", "-v", "x"]],
    ["unknown standalone token disappears", "", "a <nope> b", ["a", "b"]],
    ["unknown embedded token leaves the literal", "", "-e X=<nope>", ["-e", "X="]],
    ["env-custom unset gives just -c", "", "-c <env-custom>", ["-c"]],
    ["env-custom empty gives just -c", "default.properties: {env-custom: ''}", "-c <env-custom>", ["-c"]],
    ["self reference stops", "default.properties: {a: '<a>'}", "<a>", ["<a>"]],
    ["one-char tail dropped", "default.properties: {mem: '512'}", "-Xss<mem>m", ["-Xss512"]],
    ["two-char tail kept", "default.properties: {mem: '512'}", "-Xss<mem>mb", ["-Xss512mb"]],
    ["quoted arg keeps spaces", "default.properties: {a: A}", '"<a> b"', ["A b"]],
    ["empty quoted arg is dropped", "default.properties: {a: A}", '<a> ""', ["A"]],
    ["a line without any token stays one arg", "", "a b", ["a b"]],
    ["job input beats config", "default.properties: {a: A}", "<a>", ["A"]],
    ["per-job built-ins beat config", "default.properties: {name: fromConfig, userid: c}", "<name> <userid> <LSID>", ["M", "u", "urn:lsid:test:m:1:2"]],
    ["job.cpuCount defaults to 1", "", "<job.cpuCount>", ["1"]],
    ["job.docker.image always resolves", "", "<job.docker.image>", ["genepattern/docker-java17:0.12"]],
    ["empty job.docker.image falls back to the default (GPAT-2718)", "default.properties: {job.docker.image: '', job.docker.image.default: d:1}", "<job.docker.image>", ["d:1"]],
    ["list config value: first element", "default.properties: {l: [a, b]}", "<l>", ["a"]],
    ["job.commandPrefix is prepended and expanded", "default.properties: {job.commandPrefix: '<w> -x', w: /w.sh}", "run", ["/w.sh", "-x", "run"]],
    ["path.separator from Java system properties", "", "a.jar<path.separator>b.jar", ["a.jar:b.jar"]],
  ])("%s", (_n, yaml, commandLine, argv) => {
    expect(run(yaml, commandLine).argv).toEqual(argv);
  });

  it("reports unknown tokens and the one-char tail", () => {
    const r = run("default.properties: {mem: '512'}", "<nope> -Xss<mem>m");
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([["warning", "unknown-token"], ["warning", "one-char-tail"]]);
  });

  it("keeps the one-char tail on request, still warning", () => {
    const r = run("default.properties: {mem: '512'}", "-Xss<mem>m", {}, "", { reproduceTailDefect: false });
    expect(r.argv).toEqual(["-Xss512m"]);
    expect(r.diagnostics[0].code).toBe("one-char-tail");
  });

  it("reports a cycle with the chain instead of overflowing", () => {
    const r = run("default.properties: {a: 'x <b>', b: '<a>'}", "<a>");
    const cycle = r.diagnostics.find((d) => d.code === "substitution-cycle")!;
    expect(cycle.severity).toBe("error");
    expect(cycle.message).toMatch(/<a> -> <b> -> <a>|<b> -> <a> -> <b>/);
    expect(cycle.range.start.line).toBeGreaterThan(0);
  });

  it("stops when nested values multiply", () => {
    const keys = Array.from({ length: 30 }, (_, i) => `k${i}: '<k${i + 1}> <k${i + 1}>'`).join(", ");
    const r = run(`default.properties: {${keys}, k30: x}`, "<k0>");
    expect(r.diagnostics.some((d) => d.code === "substitution-too-large")).toBe(true);
  });

  it("stops at the depth limit", () => {
    const chain = Array.from({ length: 10 }, (_, i) => `k${i}: 'v <k${i + 1}>'`).join(", ");
    const r = run(`default.properties: {${chain}, k10: end}`, "<k0>", {}, "", { maxDepth: 4 });
    expect(r.diagnostics.some((d) => d.code === "substitution-depth")).toBe(true);
    expect(run(`default.properties: {${chain}, k10: end}`, "<k0>").argv).toEqual([...Array(10).fill("v"), "end"]);
  });
});

describe("§3.4 parameter rules", () => {
  const P = (i: number, name: string, extra: string) => `p${i}_name=${name}\n${extra.split(";").map((kv) => `p${i}_${kv}`).join("\n")}\n`;
  it.each<[string, string, Record<string, string | string[]>, string[]]>([
    ["required missing -> bare name", P(1, "in", "optional="), {}, ["-i", "in"]],
    ["optional missing -> nothing", P(1, "in", "optional=on"), {}, ["-i"]],
    ["default value used", P(1, "in", "optional=;default_value=d.txt"), {}, ["-i", "d.txt"]],
    ["prefix concatenated", P(1, "in", "optional=on;prefix_when_specified=-f"), { in: "v" }, ["-i", "-fv"]],
    ["prefix with plain space -> two args", P(1, "in", "optional=on;prefix_when_specified=--in "), { in: "v" }, ["-i", "--in", "v"]],
    ["prefix with escaped space -> one arg", P(1, "in", "optional=on;prefix_when_specified=--in\\\\ "), { in: "v" }, ["-i", "--in v"]],
    ["empty value -> no prefix at all", P(1, "in", "optional=on;prefix_when_specified=--in "), { in: "" }, ["-i"]],
    ["CMD list joins with the separator", P(1, "in", "listMode=CMD;listModeSep=:;prefix_when_specified=-l"), { in: ["a", "b"] }, ["-i", "-la:b"]],
    ["CMD list default separator", P(1, "in", "listMode=CMD"), { in: ["a", "b"] }, ["-i", "a,b"]],
    ["CMD_OPT emits prefix+value per value", P(1, "in", "listMode=CMD_OPT;prefix_when_specified=-l "), { in: ["a", "b"] }, ["-i", "-l", "a", "-l", "b"]],
    ["parameter value with spaces stays one arg", P(1, "in", "optional="), { in: "a b" }, ["-i", "a b"]],
  ])("%s", (_n, params, values, argv) => {
    expect(run("", "-i <in>", values, params).argv).toEqual(argv);
  });

  it("several values split the surrounding literal into separate args", () => {
    expect(run("", "x<in>yy", { in: ["a", "b"] }, "p1_name=in\np1_listMode=CMD_OPT\n").argv).toEqual(["x", "a", "b", "yy"]);
  });

  it("file built-ins", () => {
    const params = "p1_name=input\np1_TYPE=FILE\np1_MODE=IN\n";
    const r = run("", "<input_path> <input_file> <input_extension> <input_basename>", { input: "/data/in/Axis123.att_my.data.gct" }, params, { workDir: "/jobs/9" });
    expect(r.argv).toEqual(["/jobs/9", "my.data.gct", "gct", "my.data"]);
    const url = run("", "<input_file>", { input: "https://h/get?x=1&file=a.txt" }, params);
    expect(url.argv).toEqual(["a.txt"]);
  });

  it("libdir gets a trailing slash; GenePatternURL too", () => {
    expect(run("", "<libdir>m.jar <GenePatternURL>xx", {}, "", { libdir: "/t/M.1", gpUrl: "http://gp" }).argv).toEqual(["/t/M.1/m.jar", "http://gp/xx"]);
  });
});

describe("§3.1 redirects and -Xmx", () => {
  it("moves redirects out of argv", () => {
    const r = run("default.properties: {c: cmd}", "<c> \\> out.txt \\< in.txt \\>& err.txt a");
    expect(r).toMatchObject({ argv: ["cmd", "a"], stdout: "out.txt", stdin: "in.txt", stderr: "err.txt" });
    const missing = run("default.properties: {c: cmd}", "<c> >");
    expect(missing.diagnostics[0]).toMatchObject({ code: "redirect-missing-file", severity: "error" });
  });
  it.each<[string, string, string[]]>([
    ["job.memory replaces the first -Xmx", "default.properties: {java: java, job.memory: 4 Gb}", ["java", "-Xmx4g", "-cp", "x"]],
    ["javaXmx wins over memory, javaXmxMin is a floor", "default.properties: {java: java, job.memory: 8gb, job.javaXmx: 512m, job.javaXmxMin: 1g}", ["java", "-Xmx1g", "-cp", "x"]],
    ["no memory: untouched", "default.properties: {java: java}", ["java", "-Xmx512m", "-cp", "x"]],
  ])("%s", (_n, yaml, argv) => {
    expect(run(yaml, "<java> -Xmx512m -cp x").argv).toEqual(argv);
  });
  it("inserts -Xmx after 'java' when there is none", () => {
    expect(run("default.properties: {java: java, job.memory: 2g}", "<java> -cp x").argv).toEqual(["java", "-Xmx2g", "-cp", "x"]);
  });
  it("only for java-like command lines", () => {
    expect(isJavaLike("<java> x")).toBe(true);
    expect(isJavaLike("<java_1.8> x")).toBe(true);
    expect(isJavaLike("<R2.15_Rjava> x")).toBe(true);
    expect(isJavaLike("<R2.15> x")).toBe(false);
    expect(isJavaLike("<python_3.6> x")).toBe(false);
    expect(run("default.properties: {python_3.6: python3, job.memory: 2g}", "<python_3.6> -Xmx1m").argv).toEqual(["python3", "-Xmx1m"]);
    expect(xmxSize(1536 * 1024 ** 2)).toBe("1536m");
  });
});

describe("§3.7 example with config_default.yaml", () => {
  const cfg = parseConfig(fixture("gpserver_resources_config_default.yaml"));
  // The manifest's taskLib command line (commented out in the fixture) is the one §3.7 describes.
  const manifest = parseManifest(
    fixture("ExampleModule_manifest").replace(/^commandLine=.*$/m, "").replace("#commandLine=<python_3.6>", "commandLine=<python_3.6>"),
  );
  it("builds the run-with-docker prefix and the module argv", () => {
    const r = buildCommandLine(cfg, { userId: "test", builtIns: BUILT_INS }, {
      manifest, params: { filename: "/data/in/a.txt", message_to_add: "hello world", output_filename: "out" }, jobId: 42,
      libdir: "/opt/gp/taskLib/ExampleModule.2.0",
    });
    expect(r.commandLine.startsWith("<run-with-docker> <python_3.6> <libdir>ExampleModule.py")).toBe(true);
    expect(r.argv).toEqual([
      "/opt/gp/resources/wrapper_scripts/run-with-docker.sh", "-c", "-e", "GP_DRY_RUN=", "-e", "DOCKER_CMD=/usr/local/bin/docker",
      "-e", "GP_JOB_WORKING_DIR=/opt/gp/jobs/42", "-e", "DOCKER_BIND_SRC=/Users", "-e", "DOCKER_BIND_DST=/Users",
      "-e", "GP_JOB_DOCKER_IMAGE=genepattern/example-module:2", "-u", "docker",
      "python3", "/opt/gp/taskLib/ExampleModule.2.0/ExampleModule.py", "-f", "/data/in/a.txt", "-a", "False",
      "-m", "hello world", "-o", "out",
    ]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["unknown-token", "unknown-token"]);
    expect(r.diagnostics[0].path).toEqual(["executors.LocalJobRunner.default.properties", "run-with-docker"]);
  });

  it("SelectFeaturesColumns: java_flags split, -Xmx from job.memory, path.separator", () => {
    const sf = parseManifest(fixture("docker-aws-common-scripts_SelectFeaturesColumns_manifest"));
    const r = buildCommandLine(cfg, { userId: "u", moduleName: "SNPFileCreator", builtIns: BUILT_INS }, {
      manifest: sf, params: { "input.filename": "/data/x.gct", columns: "0-3" }, jobId: 7, libdir: "/t/SF.4",
    });
    expect(r.argv.slice(16)).toEqual([
      "java", "-Xmx4g", "-Dhttp.proxyHost=", "-Dhttp.proxyPort=", "-cp", "/t/SF.4/SelectFeaturesColumns.jar:/t/SF.4/gp-modules.jar",
      "org.genepattern.modules.selectfeaturescolumns.SelectFeaturesColumns", "/data/x.gct", "x.slice", "-t0-3", "-f",
    ]);
    expect(r.diagnostics.find((d) => d.message.includes("http.proxyHost"))!.path).toEqual(["default.properties", "java_flags"]);
  });
});
