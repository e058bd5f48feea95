import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse";
import { resolveProperty } from "../config/resolve";
import { validateConfig } from "../config/validate";
import { checkJobDefinitionJson } from "./schema";
import { readDemoJobDef } from "./test-fixtures";
import { applyWizardToConfig, definitionFromTemplate, parseTokenLines, wizardSchema } from "./wizard";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");

describe("module configuration wizard", () => {
  const input = wizardSchema.parse({
    bundle: "python/3.6-batch",
    image: "genepattern/docker-python36:0.5",
    jobDefinition: { mode: "new", template: "Python36_Generic:1", name: "Python36_Batch" },
    tokens: parseTokenLines("python_3.6: python3\n# comment\n").tokens,
    association: { by: "name", key: "TextToTable" },
  });

  it("registers a definition from the template with the new image", () => {
    const def = definitionFromTemplate(readDemoJobDef("Python36_Generic").json, "Python36_Batch", input.image);
    expect(def.jobDefinitionName).toBe("Python36_Batch");
    expect(def.containerProperties?.image).toBe("genepattern/docker-python36:0.5");
    expect(def.containerProperties?.command?.[0]).toBe("/usr/local/bin/runS3OnBatch.sh");
    expect(checkJobDefinitionJson(JSON.stringify(def)).ok).toBe(true);
  });

  it("writes the bundle and the association so the module resolves to the new definition", () => {
    const text = applyWizardToConfig(demo, input, "Python36_Batch:1");
    expect(validateConfig(text, { fileName: "config_custom.yaml" }).filter((d) => d.severity === "error")).toEqual([]);
    const cfg = parseConfig(text);
    const jd = resolveProperty(cfg, { moduleName: "TextToTable" }, "job.awsbatch.job-definition-name");
    expect(jd?.value).toEqual({ kind: "scalar", value: "Python36_Batch:1" });
    expect(jd?.source.step).toBe("executor-props");
    expect(resolveProperty(cfg, { moduleName: "TextToTable" }, "job.docker.image")?.value).toEqual({ kind: "scalar", value: "genepattern/docker-python36:0.5" });
    // Other modules are untouched.
    expect(resolveProperty(cfg, { moduleName: "WordCount" }, "job.awsbatch.job-definition-name")?.value).toEqual({ kind: "scalar", value: "Python36_Generic" });
  });

  it("reports token lines it cannot read", () => {
    expect(parseTokenLines("ok: 1\nnot a token\n")).toEqual({ tokens: { ok: "1" }, errors: ["line 2: expected key: value"] });
  });
});
