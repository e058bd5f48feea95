import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../main";
import { runResolve } from "./resolve";
import { FIXTURES_DIR } from "../../test/fixtures";

const F = FIXTURES_DIR;
const MODULE_PROPS = `${F}/gpserver_test_config_test_module_properties.yaml`;
const GROUPS = `${F}/gpserver_test_config_drm_test_userGroups.xml`;
const V4 = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:4";

async function cli(...argv: string[]) {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (s) => void (out += s), err: (s) => void (err += s), isTty: false });
  return { code, out, err };
}

describe("gp-batch resolve", () => {
  it("prints JSON in the documented shape", async () => {
    const r = await cli("resolve", "--config", MODULE_PROPS, "--groups", GROUPS, "--user", "Broadie C", "--module", "ComparativeMarkerSelection", "--lsid", V4, "--json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.properties["test.prop"]).toEqual({
      value: "BROADGROUP_LSID_VALUE", source: { step: "group-module", section: "group.properties.broadgroup.module.properties", line: 90 },
    });
    expect(json.properties.executor).toEqual({ value: "RuntimeExec", source: { step: "default", section: "default.properties", line: 5 } });
    expect(Object.keys(json.properties)).toEqual(["all.groups.prop", "executor", "job.docker.image", "test.prop"]);
  });

  it("--key limits the keys; --group adds explicit groups; --input wins", async () => {
    const r = await cli("resolve", "--config", MODULE_PROPS, "--user", "x", "--group", "admingroup", "--key", "test.prop", "--key", "all.groups.prop", "--json");
    expect(JSON.parse(r.out).properties).toEqual({
      "test.prop": { value: "ADMINGROUP_VALUE", source: { step: "group", section: "group.properties.admingroup", line: 74 } },
      "all.groups.prop": { value: "ADMINGROUP_VALUE", source: { step: "group", section: "group.properties.admingroup", line: 75 } },
    });
    const input = await cli("resolve", "--config", MODULE_PROPS, "--input", "test.prop=JOB", "--input", "list=a", "--input", "list=b", "--json");
    const props = JSON.parse(input.out).properties;
    expect(props["test.prop"]).toEqual({ value: "JOB", source: { step: "job-input", section: "job input", line: 0 } });
    expect(props.list.value).toEqual(["a", "b"]);
  });

  it("maps print as objects, nulls as null", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gp-resolve-"));
    const file = path.join(dir, "c.yaml");
    writeFileSync(file, "default.properties:\n  m: {a: 1}\n  n:\nexecutors: {E: x.E}\n");
    const r = await cli("resolve", "--config", file, "--key", "m", "--key", "n", "--json");
    expect(JSON.parse(r.out).properties).toEqual({
      m: { value: { a: "1" }, source: { step: "default", section: "default.properties", line: 2 } },
      n: { value: null, source: { step: "default", section: "default.properties", line: 3 } },
    });
  });

  it("prints text lines and the explain trace", async () => {
    const text = await cli("resolve", "--config", MODULE_PROPS, "--user", "userF", "--key", "test.prop");
    expect(text.out).toBe(`test.prop = "BY_EXEC_DEFAULT"  (executor-default: executors.TestExec.default.properties test.prop ${MODULE_PROPS}:20:13)\n`);
    const ex = await cli("resolve", "--config", MODULE_PROPS, "--user", "userF", "--key", "test.prop", "--explain");
    expect(ex.code).toBe(0);
    expect(ex.out).toContain("executor = \"TestExec\"");
    expect(ex.out).toMatch(/=> executor-default +executors\.TestExec\.default\.properties +"BY_EXEC_DEFAULT"/);
    expect(ex.out).toMatch(/ {4}default +default\.properties +"DEFAULT_VALUE"/);
  });

  it("--explain --json adds the trace next to the properties", async () => {
    const r = await cli("resolve", "--config", MODULE_PROPS, "--user", "userF", "--key", "test.prop", "--explain", "--json");
    const json = JSON.parse(r.out);
    expect(json.properties["test.prop"].value).toBe("BY_EXEC_DEFAULT");
    const winners = json.explain["test.prop"].steps.filter((s: { winner: boolean }) => s.winner);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ step: "executor-default", section: "executors.TestExec.default.properties" });
  });

  it("uses the module lookup seam", async () => {
    let out = "";
    const code = await runResolve(["--config", MODULE_PROPS, "--module", "CMS", "--key", "test.prop", "--json"], { out: (s) => void (out += s), err: () => {}, isTty: false }, {
      lookupModule: async () => ({ name: "ComparativeMarkerSelection", lsid: V4 }),
    });
    expect(code).toBe(0);
    expect(JSON.parse(out).properties["test.prop"].value).toBe("TASK_LSID_VALUE");
  });

  it.each<[string[], number, RegExp]>([
    [["--user", "x"], 2, /missing --config/],
    [["--config", MODULE_PROPS, "--groups", GROUPS], 2, /--groups needs --user/],
    [["--config", MODULE_PROPS, "--bogus"], 2, /bogus/],
    [["--config", MODULE_PROPS, "--input", "novalue"], 2, /KEY=VALUE/],
    [["--config", "/nonexistent.yaml"], 1, /cannot read config '\/nonexistent.yaml' \(ENOENT\)/],
    [["--config", MODULE_PROPS, "--user", "u", "--groups", MODULE_PROPS], 1, /\d+:\d+: /],
  ])("exit codes: %j", async (args, code, message) => {
    const r = await cli("resolve", ...args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });

  it("a config that fails to load is exit 1 with located errors", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gp-resolve-"));
    const file = path.join(dir, "bad.yaml");
    writeFileSync(file, "default.properties: [unclosed\n");
    const r = await cli("resolve", "--config", file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${file.replaceAll(".", "\\.")}:\\d+:\\d+ error`));
  });
});

describe("gp-batch cmdline", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "gp-cmdline-"));
  const manifest = path.join(dir, "manifest");
  writeFileSync(manifest, "name=Echo\nLSID=urn\\:lsid\\:t\\:m\\:1\\:1\ncommandLine=<java> -cp <libdir>e.jar Echo <msg> <out>\np1_name=msg\np1_optional=\np2_name=out\np2_optional=on\np2_prefix_when_specified=--out \n");
  const cfg = path.join(dir, "c.yaml");
  writeFileSync(cfg, "default.properties: {executor: E, java: java, job.memory: 2 Gb}\nexecutors: {E: x.E}\n");

  it("prints the argv as JSON", async () => {
    const r = await cli("cmdline", "--config", cfg, "--manifest", manifest, "--param", "msg=hello world", "--param", "out=o.txt", "--libdir", "/t/Echo", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(["java", "-Xmx2g", "-cp", "/t/Echo/e.jar", "Echo", "hello world", "--out", "o.txt"]);
    expect(r.err).toBe("");
  });

  it("prints a shell-quoted line and diagnostics on stderr; an error diagnostic exits 1", async () => {
    const r = await cli("cmdline", "--config", cfg, "--manifest", manifest, "--libdir", "/t/Echo", "--gp-home", "/gp");
    expect(r.out).toBe("java -Xmx2g -cp /t/Echo/e.jar Echo msg\n");
    expect(r.err).toBe(`${manifest}:3:1 error required-param-missing required parameter 'msg' has no value; GP substitutes its bare name\n`);
    expect(r.code).toBe(1);
  });

  it("quotes args with spaces", async () => {
    const r = await cli("cmdline", "--config", cfg, "--manifest", manifest, "--param", "msg=it's here", "--libdir", "/t/E");
    expect(r.out).toBe(`java -Xmx2g -cp /t/E/e.jar Echo 'it'\\''s here'\n`);
  });

  it.each<[string[], number, RegExp]>([
    [["--config", cfg], 2, /missing --manifest/],
    [["--config", cfg, "--manifest", "/nope"], 1, /cannot read manifest/],
    [["--config", cfg, "--manifest", manifest, "--param", "x"], 2, /--param expects KEY=VALUE/],
  ])("exit codes: %j", async (args, code, message) => {
    const r = await cli("cmdline", ...args);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
  });
});
