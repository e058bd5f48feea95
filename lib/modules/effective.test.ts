import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse";
import { readTaskLibFolder } from "./import-tasklib";
import { commandLineTokens, effectiveRow, isMutableImage, type EffectiveInput } from "./effective";
import { parseManifest } from "./manifest";
import { parseModuleTableQuery, queryModuleRows } from "./table-query";

const root = path.resolve(__dirname, "../..");
const demoText = fs.readFileSync(path.join(root, "demo/config_custom.yaml"), "utf8");
const inputs: EffectiveInput[] = readTaskLibFolder(path.join(root, "demo/modules")).map((e, i) => ({ ...e, id: i + 1, manifest: parseManifest(e.manifest) }));
const byName = (rows: ReturnType<typeof effectiveRow>[], name: string, version?: string) => rows.find((r) => r.name === name && (!version || r.version === version))!;

describe("effectiveRow", () => {
  const cfg = parseConfig(demoText);
  const rows = inputs.map((i) => effectiveRow(cfg, i, { jobDefinitionNames: new Set(["Demo_Generic", "Python36_Generic"]) }));

  it("resolves the demo mappings the way GP would", () => {
    expect(byName(rows, "WordCount", "1")).toMatchObject({
      executor: "LocalJobRunner",
      executorProps: "python/3.6",
      jobDefinition: "Python36_Generic",
      image: "genepattern/docker-python36:0.4",
      queue: "gp-demo-queue",
      memory: "1 Gb",
      memoryMb: 1024,
      cpu: "1",
      walltimeSec: 600,
      flags: [],
    });
    // Version 2's manifest asks for 512 Mb, but the module.properties entry (a higher step) wins.
    expect(byName(rows, "WordCount", "2").memory).toBe("1 Gb");
    expect(byName(rows, "Seurat.QC")).toMatchObject({ jobDefinition: "Demo_Generic", memory: "4Gb", image: "genepattern/seurat-qc:5.0", flags: ["unmapped"] });
  });

  it("flags unknown tokens, unknown bundles, mutable images and missing or unregistered job definitions", () => {
    expect(byName(rows, "SelectFeaturesColumns")).toMatchObject({ flags: ["unknown-token", "unmapped"], unknownTokens: ["java"] });
    const broken = parseConfig(
      demoText
        .replace('executor.props: "python/3.6"\n  WordCount', 'executor.props: "python/9"\n  WordCount')
        .replace('job.awsbatch.job-definition-name: "Demo_Generic"', 'job.awsbatch.job-definition-name: "Nope_Generic"')
        .replace("module.properties:\n", 'module.properties:\n  TextToTable:\n    job.docker.image: "genepattern/x:latest"\n    job.awsbatch.job-definition-name: ""\n'),
    );
    const r = inputs.map((i) => effectiveRow(broken, i, { jobDefinitionNames: new Set(["Demo_Generic", "Python36_Generic"]) }));
    expect(byName(r, "ConvertLineEndings").flags).toEqual(["unknown-job-definition", "unknown-bundle"]);
    expect(byName(r, "TextToTable").flags).toEqual(["no-job-definition", "mutable-image"]);
  });

  it.each([
    ["genepattern/x:latest", true],
    ["genepattern/x", true],
    ["registry:5000/genepattern/x", true],
    ["registry:5000/genepattern/x:1.2", false],
    ["genepattern/x@sha256:abc", false],
    [null, false],
  ])("isMutableImage(%s) is %s", (image, mutable) => expect(isMutableImage(image)).toBe(mutable));

  it("reads tokens with GP's token pattern", () => {
    expect(commandLineTokens("<java> -cp <libdir>a.jar<path.separator><libdir>b.jar -t<columns> <a b> << <^x>")).toEqual(["java", "libdir", "path.separator", "columns"]);
  });
});

describe("modules table over 5,000 versions", () => {
  it("computes every row once, then filters, sorts and pages them", () => {
    const cfg = parseConfig(demoText);
    const many: EffectiveInput[] = [];
    for (let i = 0; i < 5000; i++) {
      const base = inputs[i % inputs.length];
      const version = `${Math.floor(i / inputs.length) + 1}`;
      many.push({ ...base, id: i + 1, version, lsid: `${base.baseLsid.replace(/\d+$/, (d) => String(Number(d) + 1000 * (i % 3)))}:${version}` });
    }
    const rows = many.map((i) => effectiveRow(cfg, i));
    const page = queryModuleRows(rows, parseModuleTableQuery({ flag: "unmapped", sort: "jobDefinition", dir: "desc", page: "3", pageSize: "50" }));
    expect(page.rows).toHaveLength(50);
    expect(page.total).toBe(rows.filter((r) => r.flags.includes("unmapped")).length);
    expect(page.rows.every((r) => r.flags.includes("unmapped"))).toBe(true);
  });

  it("parses bad query strings to safe defaults", () => {
    expect(parseModuleTableQuery({ sort: "DROP TABLE", dir: "sideways", page: "-3", pageSize: "100000", flag: "nope", q: "" })).toEqual({
      q: undefined,
      flag: undefined,
      bundle: undefined,
      sort: "name",
      dir: "asc",
      page: 1,
      pageSize: 50,
    });
  });
});
