import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJavaProperties, parseManifest, parsePropertyLines } from "./manifest";
import { FIXTURES_DIR } from "../test/fixtures";

const fixture = (name: string) => readFileSync(`${FIXTURES_DIR}/${name}`, "utf8");

describe("Java .properties", () => {
  it.each([
    ["key=value", { key: "value" }],
    ["key = value", { key: "value" }],
    ["key:value", { key: "value" }],
    ["key value", { key: "value" }],
    ["key\t  :  value  ", { key: "value  " }],
    ["a\\:b\\=c\\ d=e\\:f", { "a:b=c d": "e:f" }],
    ["k=\\u0041\\u00e9", { k: "Aé" }],
    ["k=a\\tb\\nc\\\\", { k: "a\tb\nc\\" }],
    ["k=one \\\n    two\\\n\tthree", { k: "one twothree" }],
    ["k=ends in an escaped backslash \\\\\nnext=1", { k: "ends in an escaped backslash \\", next: "1" }],
    ["# comment\n! also a comment\n   # indented\n\nk=v", { k: "v" }],
    ["k=first\nk=second", { k: "second" }],
    ["keyonly", { keyonly: "" }],
    ["k=v\r\nx=y\rz=w", { k: "v", x: "y", z: "w" }],
  ])("%j", (text, expected) => {
    expect(parseJavaProperties(text)).toEqual(expected);
  });
  it("reports the line of a malformed \\u escape", () => {
    expect(() => parsePropertyLines("a=1\nb=\\u12G4")).toThrow(/line 2: malformed/);
  });
  it("records the starting line of each entry", () => {
    expect(parsePropertyLines("# c\na=1 \\\n 2\nb=3").map((e) => e.line)).toEqual([2, 4]);
  });
});

describe("parseManifest", () => {
  it("reads the ExampleModule manifest", () => {
    const m = parseManifest(fixture("ExampleModule_manifest"));
    expect(m.name).toBe("ExampleModule");
    expect(m.lsid).toBe("urn:lsid:broad.mit.edu:cancer.software.genepattern.module.analysis:00374:3.0");
    expect(m.version).toBe("3.0");
    expect(m.commandLine).toBe("/ExampleModule/ExampleModule.py -f <filename> -a <add_custom_message> -m <message_to_add> -o <output_filename>");
    expect(m.jobProps).toEqual({ "job.docker.image": "genepattern/example-module:2" });
    expect(m.params.map((p) => p.name)).toEqual(["filename", "add_custom_message", "message_to_add", "output_filename"]);
    expect(m.params[0]).toMatchObject({ index: 1, type: "FILE", mode: "IN", isInputFile: true, optional: false, numValues: "0..1", maxValues: 1 });
    expect(m.params[1].choices).toEqual([{ value: "False", label: "False" }, { value: "True", label: "True" }]);
    expect(m.params[1].defaultValue).toBe("False");
  });

  it("reads the Seurat.QC manifest with job.* keys and prefixes ending in a space", () => {
    const m = parseManifest(fixture("SeuratQC_v5.0_manifest"));
    expect(m.lsid).toBe("urn:lsid:genepattern.org:module.analysis:00416:5.0");
    expect(m.jobProps).toEqual({ "job.docker.image": "genepattern/seurat-qc:5.0", "job.memory": "4Gb" });
    const column = m.params.find((p) => p.name === "column_name")!;
    expect(column).toMatchObject({ optional: true, prefixWhenSpecified: "--column_name ", defaultValue: "percent.mt" });
    expect(column.description).toContain("\nNote: not all datasets");
    expect(m.props.publicationDate).toBe("08/10/2021 18:56 ");
    expect(m.params).toHaveLength(8);
  });

  it("derives TYPE from the java type when TYPE is absent (SelectFeaturesColumns)", () => {
    const m = parseManifest(fixture("docker-aws-common-scripts_SelectFeaturesColumns_manifest"));
    expect(m.commandLine.startsWith("<java> <java_flags> -cp <libdir>SelectFeaturesColumns.jar<path.separator>")).toBe(true);
    expect(m.commandLine.endsWith("-f<list.filename>  ")).toBe(true);
    expect(m.params.map((p) => [p.name, p.type, p.isInputFile, p.optional])).toEqual([
      ["input.filename", "FILE", true, false],
      ["columns", "TEXT", false, true],
      ["list.filename", "FILE", true, true],
      ["output", "TEXT", false, false],
    ]);
    expect(m.params[3].defaultValue).toBe("<input.filename_basename>.slice");
    expect(m.jobProps).toEqual({});
  });

  it("parses list-mode attributes and unbounded numValues", () => {
    const m = parseManifest("name=M\nLSID=bad\ncommandLine=x\np1_name=a\np1_numValues=1+\np1_listMode=CMD_OPT\np1_listModeSep=;");
    expect(m.version).toBeUndefined();
    expect(m.params[0]).toMatchObject({ maxValues: null, listMode: "CMD_OPT", listModeSep: ";" });
  });
});
