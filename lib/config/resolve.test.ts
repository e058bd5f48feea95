import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseManifest, type Manifest } from "../modules/manifest";
import { parseConfig } from "./parse";
import { explain, firstValue, resolveAll, resolveJobSettings, resolveProperty, type ResolveContext } from "./resolve";
import type { ParsedConfig } from "./types";
import { groupsForUser, parseUserGroups } from "./user-groups";
import { FIXTURES_DIR } from "../test/fixtures";

const FIXTURES = FIXTURES_DIR;
const load = (name: string): ParsedConfig => parseConfig(readFileSync(`${FIXTURES}/${name}`, "utf8"), { fileName: name });
const value = (cfg: ParsedConfig, ctx: ResolveContext, key: string) => {
  const r = resolveProperty(cfg, ctx, key);
  return r === undefined ? undefined : firstValue(r.value);
};

describe("§2.2 precedence: test_module_properties.yaml + drm_test_userGroups.xml (TestServerConfigurationModuleProps)", () => {
  const cfg = load("gpserver_test_config_test_module_properties.yaml");
  const userGroups = parseUserGroups(readFileSync(`${FIXTURES}/gpserver_test_config_drm_test_userGroups.xml`, "utf8"));
  const CMS = "ComparativeMarkerSelection";
  const V4 = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:4";
  const V5 = "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:5";
  const withGroups = (userId: string, extra: Partial<ResolveContext> = {}): ResolveContext => ({
    userId, groups: groupsForUser(userGroups, userId), ...extra,
  });

  it.each<[string, ResolveContext, string, string, string]>([
    ["top default", {}, "test.prop", "DEFAULT_VALUE", "default"],
    ["module by name", { moduleName: CMS }, "test.prop", "TASK_NAME_VALUE", "module"],
    ["full LSID beats base LSID and name", { moduleName: CMS, lsid: V4 }, "test.prop", "TASK_LSID_VALUE", "module"],
    ["base LSID beats name for another version", { moduleName: CMS, lsid: V5 }, "test.prop", "TASK_LSID_NO_VERSION_VALUE", "module"],
    ["unlisted user sees the module value", withGroups("nobody", { moduleName: CMS, lsid: V4 }), "test.prop", "TASK_LSID_VALUE", "module"],
    ["plain group property beats top module property", withGroups("adminuser", { moduleName: CMS, lsid: V4 }), "test.prop", "ADMINGROUP_VALUE", "group"],
    ["group module property beats top module property", withGroups("Broadie C", { moduleName: CMS, lsid: V4 }), "test.prop", "BROADGROUP_LSID_VALUE", "group-module"],
    ["group module by name", withGroups("Broadie C", { moduleName: CMS }), "test.prop", "BROADGROUP_TASK_NAME_VALUE", "group-module"],
    ["user module property beats group module property", { userId: "userA", groups: ["admingroup", "broadgroup"], moduleName: CMS, lsid: V4 }, "test.prop", "USERA_TASK_LSID_VALUE", "user-module"],
    ["userC in broadgroup", { userId: "userC", groups: ["broadgroup"], moduleName: CMS, lsid: V4 }, "test.prop", "USERC_TASK_LSID_VALUE", "user-module"],
    ["plain user property beats top module property", { userId: "userD", moduleName: CMS, lsid: V4 }, "test.prop", "USERD_VALUE", "user"],
    ["user module: full LSID", { userId: "userE", moduleName: CMS, lsid: V4 }, "test.prop", "USERE_LSID_VALUE", "user-module"],
    ["user module: base LSID", { userId: "userE", moduleName: CMS, lsid: V5 }, "test.prop", "USERE_TASK_LSID_NO_VERSION_VALUE", "user-module"],
    ["user module: name", { userId: "userE", moduleName: CMS }, "test.prop", "USERE_TASK_NAME_VALUE", "user-module"],
    ["executor default beats top default (userF)", { userId: "userF" }, "test.prop", "BY_EXEC_DEFAULT", "executor-default"],
    ["user sets the executor", { userId: "userF" }, "executor", "TestExec", "user"],
    ["group * applies to every user", withGroups("nobody"), "all.groups.prop", "ALL_GROUPS_VALUE", "group"],
    ["group * module", withGroups("nobody", { moduleName: "AllGroupsModule" }), "all.groups.prop", "ALLGROUPS_MODULE_VALUE", "group-module"],
    ["later group's plain beats '*' module", withGroups("adminuser"), "all.groups.prop", "ADMINGROUP_VALUE", "group"],
    ["later group's module wins overall", withGroups("adminuser", { moduleName: "AllGroupsModule" }), "all.groups.prop", "ADMINGROUP_MODULE_VALUE", "group-module"],
    ["groups walk in FILE order, not the caller's order", { userId: "u", groups: ["broadgroup", "admingroup"] }, "test.prop", "BROADGROUP_VALUE", "group"],
    ["groups need a user id", { groups: ["admingroup"], moduleName: CMS }, "test.prop", "TASK_NAME_VALUE", "module"],
    ["job input beats everything", { userId: "userE", moduleName: CMS, lsid: V4, jobInput: { "test.prop": "FROM_JOB" } }, "test.prop", "FROM_JOB", "job-input"],
    ["an empty job input value counts", { userId: "userD", jobInput: { "test.prop": "" } }, "test.prop", "", "job-input"],
  ])("%s", (_name, ctx, key, expected, step) => {
    const r = resolveProperty(cfg, ctx, key)!;
    expect(firstValue(r.value)).toBe(expected);
    expect(r.source.step).toBe(step);
  });

  it("normalises the context LSID before matching (URL-encoding, case-sensitive keys)", () => {
    expect(value(cfg, { lsid: "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:4" }, "test.prop")).toBe("TASK_LSID_VALUE");
    expect(value(cfg, { lsid: "urn:lsid:BROAD.MIT.EDU:cancer.software.genepattern.module.analysis:00044:4" }, "test.prop")).toBe("DEFAULT_VALUE");
    expect(value(cfg, { moduleName: CMS, lsid: "not-an-lsid" }, "test.prop")).toBe("TASK_NAME_VALUE");
  });

  it("reports section, key, line and column", () => {
    const r = resolveProperty(cfg, { userId: "u", groups: ["broadgroup"], moduleName: CMS, lsid: V4 }, "test.prop")!;
    expect(r.source).toEqual({
      step: "group-module", section: "group.properties.broadgroup.module.properties", key: "test.prop", line: 90, col: 17,
      moduleKey: V4,
    });
    expect(resolveProperty(cfg, { userId: "userF" }, "test.prop")!.source).toMatchObject({ section: "executors.TestExec.default.properties", line: 20 });
  });

  it("job input with several values is a list", () => {
    expect(resolveProperty(cfg, { jobInput: { "test.prop": ["a", "b"] } }, "test.prop")!.value).toEqual({ kind: "list", values: ["a", "b"] });
  });

  it("resolveAll returns every key with the same answers as resolveProperty", () => {
    const ctx = withGroups("adminuser", { moduleName: "AllGroupsModule", userId: "userF" });
    const all = resolveAll(cfg, ctx);
    for (const [key, r] of all) expect(resolveProperty(cfg, ctx, key)).toEqual(r);
    expect([...all.keys()].sort()).toEqual(["all.groups.prop", "executor", "job.docker.image", "test.prop"]);
  });

  it("explain lists every step consulted and marks the winner", () => {
    const e = explain(cfg, { userId: "userA", groups: ["admingroup", "broadgroup"], moduleName: CMS, lsid: V4 }, "test.prop");
    const rows = e.steps.map((s) => `${s.step}|${s.section}|${s.moduleKey ?? ""}|${s.status}|${firstValue(s.value) ?? ""}|${s.winner ? "W" : ""}`);
    expect(rows).toEqual([
      "default|default.properties||found|DEFAULT_VALUE|",
      "executor-default|executors.RuntimeExec.default.properties||absent||",
      "executor-props|executor.properties||skipped||",
      "manifest|manifest||skipped||",
      `module|module.properties|${CMS}|found|TASK_NAME_VALUE|`,
      `module|module.properties|${V4.replace(/:4$/, "")}|found|TASK_LSID_NO_VERSION_VALUE|`,
      `module|module.properties|${V4}|found|TASK_LSID_VALUE|`,
      "group|group.properties.*||absent||",
      "group|group.properties.admingroup||found|ADMINGROUP_VALUE|",
      "group|group.properties.broadgroup||found|BROADGROUP_VALUE|",
      `group-module|group.properties.broadgroup.module.properties|${CMS}|found|BROADGROUP_TASK_NAME_VALUE|`,
      `group-module|group.properties.broadgroup.module.properties|${V4.replace(/:4$/, "")}|found|BROADGROUP_TASK_LSID_NO_VERSION_VALUE|`,
      `group-module|group.properties.broadgroup.module.properties|${V4}|found|BROADGROUP_LSID_VALUE|`,
      "user|user.properties.userA||absent||",
      `user-module|user.properties.userA.module.properties|${V4}|found|USERA_TASK_LSID_VALUE|W`,
      "job-input|job input||absent||",
      "server|server properties||absent||",
      "built-in|built-in||absent||",
    ]);
    expect(firstValue(e.executor?.value)).toBe("RuntimeExec");
  });
});

describe("§2.5 null and empty values: test_null_values.yaml", () => {
  const cfg = load("gpserver_test_executor_test_null_values.yaml");
  it.each<[string, ResolveContext, string, string | null, string]>([
    ["boolean coerced to 'true'", {}, "debug.mode", "true", "default"],
    ["executor default empty string overrides", { userId: "adminuser" }, "debug.mode", "", "executor-default"],
    ["user empty string overrides", { userId: "testuser" }, "debug.mode", "", "user"],
    ["quoted 'null' is the string null", {}, "lsf.extra.bsub.args", "null", "executor-default"],
    ["quoted false stays a string", {}, "lsf.use.pre.exec.command", "false", "executor-default"],
  ])("%s", (_n, ctx, key, expected, step) => {
    const r = resolveProperty(cfg, ctx, key)!;
    expect(firstValue(r.value)).toBe(expected);
    expect(r.source.step).toBe(step);
  });

  it("a YAML null wins its step and stops the fall-through to server properties", () => {
    const c = parseConfig("default.properties:\n  a: x\n  b: x\nexecutors: {E: c.E}\nuser.properties:\n  u:\n    a:\n    b: ~\n");
    const server = { a: "from-server", c: "server-only" };
    expect(resolveProperty(c, { userId: "u", serverProperties: server }, "a")).toMatchObject({ value: { kind: "scalar", value: null }, source: { step: "user", line: 7 } });
    expect(resolveProperty(c, { userId: "u", serverProperties: server }, "b")!.value).toEqual({ kind: "scalar", value: null });
    expect(resolveProperty(c, { serverProperties: server }, "c")!.source).toMatchObject({ step: "server", section: "server properties" });
    expect(resolveProperty(c, { builtIns: { "wrapper-scripts": "/gp/wrapper_scripts" } }, "wrapper-scripts")!.source.step).toBe("built-in");
    expect(resolveProperty(c, { serverProperties: { w: "s" }, builtIns: { w: "b" } }, "w")!.source.step).toBe("server");
    expect(resolveProperty(c, {}, "missing")).toBeUndefined();
  });
});

describe("§2.3 executor and executor.props: demo_pbs_config.yaml", () => {
  const cfg = load("gpserver_test_drm_demo_pbs_config.yaml");
  it.each<[string, ResolveContext, string, string, string, string?]>([
    ["top default executor", { moduleName: "Other" }, "executor", "DemoPbsJobRunner", "default"],
    ["module sets the executor", { moduleName: "ConvertLineEndings" }, "executor", "RuntimeExec", "module"],
    ["its executor's defaults follow", { moduleName: "ConvertLineEndings" }, "job.memory", "512mb", "executor-default", "executors.RuntimeExec.default.properties"],
    ["a bundle may set the executor (IGV -> VisualizerProps)", { moduleName: "IGV" }, "executor", "RuntimeExec", "executor-props", "executor.properties.VisualizerProps"],
    ["bundle beats the executor default", { moduleName: "ExampleModule01" }, "job.cpuCount", "4", "executor-props", "executor.properties.PbsHiMemWorker"],
    ["bundle value", { moduleName: "ExampleModule01" }, "pbs.vmem", "320gb", "executor-props"],
    ["executor default without a bundle", { moduleName: "Other" }, "job.cpuCount", "1", "executor-default"],
    ["module beats executor default", { moduleName: "Example3" }, "job.walltime", "72:00:00", "module"],
    ["executor default walltime", {}, "job.walltime", "02:00:00", "executor-default"],
    ["executor.props from the module", { moduleName: "IGV" }, "executor.props", "VisualizerProps", "module"],
    ["job input may choose the bundle", { jobInput: { "executor.props": "PbsLongWorker" } }, "job.walltime", "72:00:00", "executor-props"],
  ])("%s", (_n, ctx, key, expected, step, section) => {
    const r = resolveProperty(cfg, ctx, key)!;
    expect(firstValue(r.value)).toBe(expected);
    expect(r.source.step).toBe(step);
    if (section) expect(r.source.section).toBe(section);
  });

  it("executor.props set in an executor default selects a bundle for other keys but not for 'executor'", () => {
    const c = parseConfig(`default.properties: {executor: A}
executors:
  A: {classname: x.A, default.properties: {executor.props: B}}
  Other: x.O
executor.properties:
  B: {executor: Other, job.queue: from-bundle}
`);
    expect(value(c, {}, "executor")).toBe("A");
    expect(resolveProperty(c, {}, "job.queue")!.source.section).toBe("executor.properties.B");
  });

  it("a bundle that is missing or not a map is ignored", () => {
    const c = parseConfig("default.properties: {executor: A, executor.props: nope, q: d}\nexecutors: {A: x.A}\nexecutor.properties: {nope2: 1}\n");
    expect(value(c, {}, "q")).toBe("d");
    const steps = explain(c, {}, "q").steps.filter((s) => s.step === "executor-props");
    expect(steps[0]).toMatchObject({ status: "skipped", note: "no bundle named 'nope'" });
  });
});

describe("awsbatch examples", () => {
  it("v0.2: the executor default job definition shadows the top-level S3ModuleWrapper (§8.10)", () => {
    const cfg = load("gpserver_awsbatch_config_example_awsbatch-v0.2.yaml");
    const r = resolveProperty(cfg, { moduleName: "Any" }, "job.awsbatch.job-definition-name")!;
    expect(firstValue(r.value)).toBe("Java17_Oracle_Generic:8");
    expect(r.source.section).toBe("executors.AWSBatch.default.properties");
  });

  it("v0.2: GSEA pulls the java/1.8 bundle; its own module keys win", () => {
    const cfg = load("gpserver_awsbatch_config_example_awsbatch-v0.2.yaml");
    const s = resolveJobSettings(cfg, { moduleName: "GSEA", userId: "test" });
    expect(s).toMatchObject({
      executor: "AWSBatch", executorProps: "java/1.8", jobDefinition: "Java18_Oracle_Generic:8", queue: "job-queue-30gb-disk",
      memoryMb: 8192, walltimeSec: 7200, image: "genepattern/docker-java18:0.1", destPrefix: "/local", jobDefinitionAlias: null,
    });
    expect(s.sources.jobDefinition).toMatchObject({ step: "executor-props", section: "executor.properties.java/1.8" });
    expect(s.sources.memoryMb).toMatchObject({ step: "module", moduleKey: "GSEA" });
  });

  it("v0.1: executor.props in the executor default", () => {
    const cfg = load("gpserver_awsbatch_config_example_awsbatch-v0.1.yaml");
    expect(resolveJobSettings(cfg, { moduleName: "Any" })).toMatchObject({ executorProps: "gp-core/1.0", image: "genepattern/docker-java17:0.12" });
    expect(resolveJobSettings(cfg, { moduleName: "MockBigMemoryModule" })).toMatchObject({ memoryMb: 512 * 1024, executorProps: "java/1.8" });
  });

  it("reports the wiki's job-definition alias separately and unusable values as problems", () => {
    const c = parseConfig("default.properties: {aws-batch-job-definition-name: X, job.memory: lots, job.cpuCount: two, job.walltime: '1:2:3:4'}\nexecutors: {A: x.A}\n");
    const s = resolveJobSettings(c, {});
    expect(s).toMatchObject({ jobDefinition: null, jobDefinitionAlias: "X", memoryMb: null, cpuCount: null, walltimeSec: null, destPrefix: "" });
    expect(s.problems.map((p) => p.setting)).toEqual(["memoryMb", "cpuCount", "walltimeSec"]);
  });
});

describe("§2.2 step 2b: manifest job.* keys (Seurat.QC)", () => {
  const manifest: Manifest = parseManifest(readFileSync(`${FIXTURES}/SeuratQC_v5.0_manifest`, "utf8"));
  it("manifest job.memory beats executor defaults but loses to module.properties", () => {
    const cfg = parseConfig(`default.properties: {executor: A, job.memory: 1Gb}
executors:
  A: {classname: x.A, default.properties: {job.memory: 2Gb}}
module.properties:
  Other: {job.memory: 16Gb}
`);
    const r = resolveProperty(cfg, { manifest }, "job.memory")!;
    expect(r).toMatchObject({ value: { kind: "scalar", value: "4Gb" }, source: { step: "manifest", section: "manifest", line: 13 } });
    expect(resolveJobSettings(cfg, { manifest }).memoryMb).toBe(4096);
    const cfg2 = parseConfig(`${cfg.text.replace("Other", "Seurat.QC")}`);
    expect(value(cfg2, { manifest }, "job.memory")).toBe("16Gb");
  });
  it("only job.* keys come from the manifest", () => {
    const cfg = parseConfig("default.properties: {executor: A}\nexecutors: {A: x.A}\n");
    expect(resolveProperty(cfg, { manifest }, "author")).toBeUndefined();
  });
});

describe("§3.6 job.docker.image: config_test_job_docker_image.yaml (TestDockerImage)", () => {
  const cfg = load("gpserver_test_config_config_test_job_docker_image.yaml");
  const withImage = (name: string, lsid: string, image?: string): Manifest =>
    parseManifest(`name=${name}\nLSID=${lsid.replaceAll(":", "\\:")}\ncommandLine=x\n${image ? `job.docker.image=${image}\n` : ""}`);
  const lsid = (id: string, v: string) => `urn:lsid:example.com:example.module.analysis:${id}:${v}`;
  it.each<[string, ResolveContext, string, string]>([
    ["manifest image", { manifest: withImage("Example", lsid("00002", "1"), "genepattern/from-manifest:1") }, "genepattern/from-manifest:1", "manifest"],
    ["module.properties overrides the manifest", { manifest: withImage("Example_v3.1", lsid("00002", "3.1"), "genepattern/from-manifest:1") }, "genepattern/docker-example:3.1-custom", "module"],
    ["lookup: full lsid", { moduleName: "ExampleLookup", lsid: lsid("00003", "2") }, "genepattern/docker-example:2", "docker-lookup"],
    ["lookup: name:version before lsid without version", { moduleName: "ExampleLookup", lsid: lsid("00003", "1") }, "genepattern/docker-example:1", "docker-lookup"],
    ["lookup: lsid without version", { moduleName: "ExampleLookup", lsid: lsid("00003", "3") }, "genepattern/docker-example:latest", "docker-lookup"],
    ["lookup: name", { moduleName: "ExampleLookupByName", lsid: lsid("00004", "1") }, "genepattern/docker-example-by-name:latest", "docker-lookup"],
    ["default from the executor default", { moduleName: "Unknown" }, "genepattern/docker-default:1-awsbatch-default", "executor-default"],
    ["default by module lsid", { moduleName: "Example_v2.1", lsid: lsid("00002", "2.1") }, "genepattern/docker-example:2.1-custom", "module"],
    ["default by module name", { moduleName: "Example", lsid: lsid("00002", "1") }, "genepattern/docker-example:latest-custom", "module"],
    ["default by group", { userId: "u", groups: ["group_custom"], moduleName: "Unknown" }, "genepattern/docker-default:1-custom-group", "group"],
    ["default by user", { userId: "test_user_custom", moduleName: "Unknown" }, "genepattern/docker-default:1-custom-user", "user"],
    ["undefined executor: top default", { userId: "test_user_custom_exec", moduleName: "Unknown" }, "genepattern/docker-default:1-custom", "default"],
    ["user module image by full lsid", { userId: "user_custom", moduleName: "module_22", lsid: lsid("00022", "1") }, "genepattern/docker-module-22:1", "user-module"],
    ["user module default: lsid without version beats name", { userId: "user_custom", moduleName: "module_22", lsid: lsid("00022", "2") }, "genepattern/docker-module-22:lsid-no-version", "user-module"],
    ["user default", { userId: "user_custom", moduleName: "Unknown" }, "genepattern/docker-test", "user"],
  ])("%s", (_n, ctx, image, step) => {
    const r = resolveProperty(cfg, ctx, "job.docker.image")!;
    expect(firstValue(r.value)).toBe(image);
    expect(r.source.step).toBe(step);
    expect(resolveJobSettings(cfg, ctx).image).toBe(image);
  });

  it("the lookup provenance names the table entry", () => {
    expect(resolveProperty(cfg, { moduleName: "ExampleLookup", lsid: lsid("00003", "1") }, "job.docker.image")!.source).toMatchObject({
      step: "docker-lookup", section: "default.properties", key: "job.docker.image.lookup", lookupKey: "ExampleLookup:1",
    });
  });

  it("a higher-level lookup map replaces the lower one wholesale (resources copy)", () => {
    const res = load("gpserver_resources_config_test_job_docker_image.yaml");
    const all = resolveAll(res, { moduleName: "X" });
    expect(all.get("job.docker.image.lookup")!.source.section).toMatch(/^executors\./);
  });

  it("falls back to the hard-coded image", () => {
    const c = parseConfig("executors: {A: x.A}\n");
    expect(resolveProperty(c, {}, "job.docker.image")).toMatchObject({ value: { value: "genepattern/docker-java17:0.12" }, source: { step: "built-in" } });
    const e = explain(c, {}, "job.docker.image");
    expect(e.steps.at(-1)).toMatchObject({ step: "built-in", winner: true });
  });

  it("an empty job.docker.image falls back to the default in job settings (GPAT-2718)", () => {
    const c = parseConfig("default.properties: {job.docker.image: '', job.docker.image.default: img:1}\nexecutors: {A: x.A}\n");
    expect(resolveJobSettings(c, {}).image).toBe("img:1");
  });
});

describe("resolveAll agrees with resolveProperty on every fixture", () => {
  const files = ["gpserver_resources_config_default.yaml", "gpserver_resources_config_example.yaml", "gpserver_awsbatch_config_example_awsbatch-v0.1.yaml",
    "gpserver_awsbatch_config_example_awsbatch-v0.2.yaml", "gpserver_test_drm_demo_pbs_config.yaml", "gpserver_test_config_config_test_job_docker_image.yaml",
    "gpserver_resources_config_test_job_docker_image.yaml", "gpserver_test_executor_test_null_values.yaml", "gpserver_test_config_test_module_properties.yaml",
    "gpserver_resources_config_example_virtual_queue.yaml", "gpserver_docker_config_custom.yaml"];
  const contexts: ResolveContext[] = [
    {}, { moduleName: "GSEA" }, { userId: "adminuser", groups: ["admingroup"], moduleName: "ConvertLineEndings" },
    { userId: "userF", moduleName: "IGV", jobInput: { "job.memory": "" } }, { userId: "test", moduleName: "ExampleModule01", lsid: "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00072:18" },
    { moduleName: "ComparativeMarkerSelection", lsid: "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00044:4", userId: "userA", groups: ["broadgroup", "admingroup", "group_custom"] },
    { jobInput: { "executor.props": "java/1.8", executor: "RuntimeExec" } },
  ];
  it.each(files)("%s", (file) => {
    const cfg = load(file);
    expect(cfg.model).not.toBeNull();
    for (const ctx of contexts) {
      for (const [key, r] of resolveAll(cfg, ctx)) expect([key, resolveProperty(cfg, ctx, key)]).toEqual([key, r]);
    }
  });
});

describe("a config that failed to parse", () => {
  it("falls through to server properties", () => {
    const c = parseConfig("default.properties: [unclosed\n");
    expect(c.model).toBeNull();
    expect(resolveProperty(c, { serverProperties: { a: "1" } }, "a")!.source.step).toBe("server");
  });
});
