import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseManifest } from "../modules/manifest";
import { blastRadius, modulesNamedInFile } from "./blast-radius";
import { parseConfig } from "./parse";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");
const wordCount = parseManifest(fs.readFileSync(path.resolve(__dirname, "../../demo/modules/WordCount/2/manifest"), "utf8"));

describe("modulesNamedInFile", () => {
  it("lists module keys at the top level and under users and groups", () => {
    const text = `${demo}user.properties:\n  alice:\n    module.properties:\n      "urn:lsid:example.org:module:7:1":\n        job.memory: 2\n`;
    expect(modulesNamedInFile(parseConfig(text))).toEqual([
      { name: "ConvertLineEndings" },
      { name: "WordCount" },
      { name: "urn:lsid:example.org:module:7:1", lsid: "urn:lsid:example.org:module:7:1" },
    ]);
  });
});

describe("blastRadius", () => {
  it("reports only the module whose memory changed, from the modules named in the file", () => {
    const after = demo.replace('job.memory: "1 Gb"', 'job.memory: "4 Gb"');
    expect(blastRadius(demo, after)).toEqual({
      source: "file",
      checked: 2,
      changed: [{ name: "WordCount", lsid: undefined, changes: [{ field: "memoryMb", before: "1024", after: "4096" }] }],
    });
  });

  it("a bundle edit hits every module that selects the bundle", () => {
    const after = demo.replace('job.awsbatch.job-definition-name: "Python36_Generic"', 'job.awsbatch.job-definition-name: "Python36_Generic:7"');
    const result = blastRadius(demo, after);
    expect(result.changed.map((m) => m.name)).toEqual(["ConvertLineEndings", "WordCount"]);
    expect(result.changed[0].changes).toEqual([{ field: "jobDefinition", before: "Python36_Generic", after: "Python36_Generic:7" }]);
  });

  it("uses catalog versions and their manifests to show command-line changes", () => {
    const after = demo.replace(/python_3\.6: "python3"\n(?=\nmodule)/, 'python_3.6: "/opt/python3.11/bin/python3"\n');
    expect(after).not.toBe(demo);
    const result = blastRadius(demo, after, [{ name: "WordCount", lsid: wordCount.lsid, manifest: wordCount }]);
    expect(result.source).toBe("catalog");
    expect(result.checked).toBe(1);
    const change = result.changed[0].changes.find((c) => c.field === "commandLine");
    expect(change?.before).toMatch(/^python3 /);
    expect(change?.after).toMatch(/^\/opt\/python3\.11\/bin\/python3 /);
  });

  it("says when the new text does not parse", () => {
    expect(blastRadius(demo, "executors: [\n")).toMatchObject({ checked: 0, changed: [], error: expect.stringContaining("does not parse") });
  });

  it("reports nothing for a comment-only edit", () => {
    expect(blastRadius(demo, `# reviewed\n${demo}`).changed).toEqual([]);
  });
});
