import { describe, expect, it } from "vitest";
import { completionKind, suggestionsFor } from "./completion-context";

const text = [
  "default.properties:",
  "  executor: Lo",
  "module.properties:",
  "  # a comment",
  "  Word",
  "  WordCount:",
  '    executor.props: "py',
  "    job.awsbatch.job-definition-name: ",
  "    job.memory: 2",
  "user.properties:",
  "  alice:",
  "    module.properties:",
  "      Conv",
].join("\n");

describe("completionKind", () => {
  it.each([
    [2, 15, "executor"],
    [5, 7, "moduleKey"],
    [7, 25, "bundle"],
    [8, 40, "jobDefinition"],
    [9, 17, null],
    [13, 11, "moduleKey"],
    [1, 5, null],
  ] as const)("line %i col %i is %s", (line, col, kind) => {
    expect(completionKind(text, line, col)).toBe(kind);
  });
});

describe("suggestionsFor", () => {
  const data = {
    executors: ["AWSBatch"],
    bundles: ["python/3.6", "R 4.2"],
    modules: [{ name: "WordCount", lsids: ["urn:lsid:example.org:module:1:2"] }],
    jobDefinitions: ["Demo_Generic"],
  };
  it("quotes values YAML would misread and offers names and LSIDs as keys", () => {
    expect(suggestionsFor("bundle", data).map((s) => s.insertText)).toEqual(["python/3.6", '"R 4.2"']);
    expect(suggestionsFor("moduleKey", data).map((s) => s.insertText)).toEqual(["WordCount:", '"urn:lsid:example.org:module:1:2":']);
    expect(suggestionsFor(null, data)).toEqual([]);
  });
});
