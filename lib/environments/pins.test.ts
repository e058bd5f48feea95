import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/parse";
import { applyPin, imageStatus, readSectionValues, restoreSectionValues, sectionPathOf } from "./pins";

const demo = fs.readFileSync(path.resolve(__dirname, "../../demo/config_custom.yaml"), "utf8");

describe("environment pins as config edits", () => {
  it("maps targets to sections", () => {
    expect(sectionPathOf("WordCount")).toEqual(["module.properties", "WordCount"]);
    expect(sectionPathOf("bundle:python/3.6")).toEqual(["executor.properties", "python/3.6"]);
  });

  it("writes exact keys for a module and rolls back to the absent keys", () => {
    const before = readSectionValues(parseConfig(demo), "WordCount");
    expect(before).toEqual({ jobDefinition: null, image: null });
    const pinned = applyPin(demo, "WordCount", { jobDefinition: "Python36_Generic:2", image: "genepattern/docker-python36:0.5" });
    expect(pinned).toContain('    job.awsbatch.job-definition-name: "Python36_Generic:2"\n');
    expect(readSectionValues(parseConfig(pinned), "WordCount")).toEqual({ jobDefinition: "Python36_Generic:2", image: "genepattern/docker-python36:0.5" });
    // Everything else stays byte-identical.
    expect(pinned.startsWith(demo.slice(0, demo.indexOf("  WordCount:")))).toBe(true);
    expect(restoreSectionValues(pinned, "WordCount", before)).toBe(demo);
  });

  it("writes a bundle pin and restores its previous values", () => {
    const before = readSectionValues(parseConfig(demo), "bundle:python/3.6");
    expect(before).toEqual({ jobDefinition: "Python36_Generic", image: "genepattern/docker-python36:0.4" });
    const pinned = applyPin(demo, "bundle:python/3.6", { jobDefinition: "Python36_Generic:2", image: null });
    expect(readSectionValues(parseConfig(pinned), "bundle:python/3.6")).toEqual({ jobDefinition: "Python36_Generic:2", image: "genepattern/docker-python36:0.4" });
    expect(restoreSectionValues(pinned, "bundle:python/3.6", before)).toBe(demo);
  });

  it("is honest about image digests", () => {
    expect(imageStatus("a/b@sha256:abc")).toMatchObject({ digest: "sha256:abc", mutable: false });
    expect(imageStatus("a/b:latest")).toMatchObject({ digest: null, mutable: true });
    expect(imageStatus("genepattern/docker-python36:0.4").note).toBe("tag not resolved to a digest (no registry access from this server)");
  });
});
