import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse";
import { planCleanup } from "./cleanup";
import { findConfigReferences, isRevisionReferenced, referenceProblems, resolveModuleUsage } from "./references";
import type { JobDefinitionRecord } from "./registry";

const demoConfig = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");
const rec = (name: string, revision: number, status: "ACTIVE" | "INACTIVE" = "ACTIVE"): JobDefinitionRecord => ({ name, revision, status, arn: null, definition: {} });

describe("job-definition references in the config", () => {
  const withPin = demoConfig.replace('    job.memory: "1 Gb"', '    job.memory: "1 Gb"\n    job.awsbatch.job-definition-name: "Python36_Generic:1"');
  const cfg = parseConfig(withPin, { fileName: "config_custom.yaml" });

  it("finds every line naming a job definition, pins included", () => {
    expect(findConfigReferences(cfg).map((r) => [r.section, r.value, r.revision])).toEqual([
      ["executors › LocalJobRunner › default.properties", "Demo_Generic", null],
      ["executors › AWSBatch › default.properties", "Java17_Oracle_Generic", null],
      ["executor.properties › python/3.6", "Python36_Generic", null],
      ["module.properties › WordCount", "Python36_Generic:1", 1],
    ]);
  });

  it("resolves what each module uses through the config engine", () => {
    const usage = resolveModuleUsage(cfg, [{ name: "ConvertLineEndings" }, { name: "WordCount" }, { name: "TextToTable" }]);
    expect(usage.map((u) => [u.module, u.value, u.source.step])).toEqual([
      ["ConvertLineEndings", "Python36_Generic", "executor-props"],
      ["WordCount", "Python36_Generic:1", "module"],
      ["TextToTable", "Demo_Generic", "executor-default"],
    ]);
  });

  it("flags a pinned INACTIVE revision and unknown names as errors", () => {
    const records = [rec("Demo_Generic", 1), rec("Python36_Generic", 1, "INACTIVE"), rec("Python36_Generic", 2)];
    const problems = referenceProblems(findConfigReferences(cfg), records);
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      ["unknown-job-definition", "executors › AWSBatch › default.properties (line 31) names Java17_Oracle_Generic, which is not registered"],
      ["inactive-revision", "module.properties › WordCount (line 46) pins Python36_Generic:1, which is INACTIVE (deregistered)"],
    ]);
    expect(isRevisionReferenced(findConfigReferences(cfg), records, "Python36_Generic", 2).map((r) => r.section)).toEqual(["executor.properties › python/3.6"]);
  });

  it("plans a keep-last-N cleanup that never removes a referenced revision", () => {
    const records = [1, 2, 3, 4, 5].map((n) => rec("X", n)).concat([rec("X", 6, "INACTIVE")]);
    const plan = planCleanup(records, "X", 2, new Map([["X:2", "module.properties › A (line 3)"]]));
    expect(plan).toEqual({ keep: ["X:5", "X:4"], deregister: ["X:3", "X:1"], protected: [{ ref: "X:2", why: "module.properties › A (line 3)" }] });
  });
});
