import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse";
import { resolveJobSettings } from "../config/resolve";
import { applyBundle, applyMapping, bundleSchema, mappingKeys, mappingProps, mappingSchema } from "./mapping";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");
const t2t = { name: "TextToTable", baseLsid: "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00002", lsid: "urn:lsid:gp-batch-admin.demo:genepattern.module.analysis:00002:1" };
const ex = { name: "ExampleModule", baseLsid: "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00374", lsid: "urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00374:3.0" };

describe("mapping form", () => {
  it("maps two modules to a bundle at name level, keeping every other byte", () => {
    const m = mappingSchema.parse({ versionIds: [1, 2], level: "name", bundle: "python/3.6", memory: "3 Gb" });
    const keys = mappingKeys([t2t, ex, t2t], m.level);
    expect(keys).toEqual(["TextToTable", "ExampleModule"]);
    const text = applyMapping(demo, keys, m);
    expect(text.startsWith(demo.trimEnd())).toBe(true);
    const cfg = parseConfig(text);
    const s = resolveJobSettings(cfg, { userId: "plain.user", moduleName: "TextToTable", lsid: t2t.lsid });
    expect(s).toMatchObject({ executorProps: "python/3.6", jobDefinition: "Python36_Generic", memoryMb: 3072 });
    const line = text.split("\n").findIndex((l) => l.includes("TextToTable:")) + 2;
    expect(s.sources.executorProps).toMatchObject({ step: "module", line });
  });

  it("writes the job definition with its revision, at exact-version level, and clears fields", () => {
    const m = mappingSchema.parse({ versionIds: [1], level: "exact", jobDefinition: "Python36_Generic", jobDefinitionRevision: "3", clear: ["memory"] });
    expect(mappingProps(m)).toEqual({ "job.awsbatch.job-definition-name": "Python36_Generic:3" });
    const withMemory = applyMapping(demo, [t2t.lsid], mappingSchema.parse({ versionIds: [1], level: "exact", memory: "2 Gb" }));
    const text = applyMapping(withMemory, [t2t.lsid], m);
    const entry = parseConfig(text).model!.moduleProperties.get(t2t.lsid)!;
    expect([...entry.props.keys()]).toEqual(["job.awsbatch.job-definition-name"]);
    expect(text).toContain(`"${t2t.lsid}":`);
  });

  it("rejects bad values with field messages", () => {
    const r = mappingSchema.safeParse({ versionIds: [1], level: "name", memory: "lots", walltime: "2 hours", cpu: "0", jobDefinitionRevision: "2" });
    expect(r.success).toBe(false);
    const fields = r.error!.issues.map((i) => i.path.join("."));
    expect(fields).toEqual(expect.arrayContaining(["memory", "walltime", "cpu"]));
    expect(mappingSchema.safeParse({ versionIds: [1], level: "name" }).error?.issues[0]?.message).toBe("Set or clear at least one property");
    expect(mappingSchema.safeParse({ versionIds: [], level: "name", queue: "q" }).success).toBe(false);
  });

  it("creates and edits an executor.properties bundle", () => {
    const b = bundleSchema.parse({ name: "r/4.3", props: [{ key: "job.docker.image", value: "genepattern/r43:1.0" }, { key: "job.awsbatch.job-definition-name", value: "R43_Generic" }] });
    const text = applyBundle(demo, b);
    const model = parseConfig(text).model!;
    expect([...model.executorProperties.keys()]).toEqual(["python/3.6", "r/4.3"]);
    const edited = applyBundle(text, bundleSchema.parse({ name: "python/3.6", props: [{ key: "job.memory", value: "4 Gb" }], remove: ["python_3.6"] }));
    const py = parseConfig(edited).model!.executorProperties.get("python/3.6")!;
    expect([...py.props!.keys()]).toEqual(["job.awsbatch.job-definition-name", "job.docker.image", "job.memory"]);
    expect(bundleSchema.safeParse({ name: "has space", props: [{ key: "a", value: "b" }] }).success).toBe(false);
  });
});
